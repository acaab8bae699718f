#!/usr/bin/env bash
# Runs a command with Node 22+ first on PATH (see ensure-node.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PATH="$("$here/ensure-node.sh"):$PATH"
export PATH
exec "$@"
