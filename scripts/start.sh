#!/usr/bin/env bash
# `npm start`: build the web app once if it is missing, then run Keel.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f packages/web/dist/index.html ]; then
  echo "Building the web app (first start only)…"
  npm run build --silent -w @keel/web
fi
exec node packages/server/src/main.ts
