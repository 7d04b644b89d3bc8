#!/usr/bin/env bash
# Bundles the sync service into build/sync-service.mjs: one ESM file for Debian's node 18,
# with kafkajs and pg inside (pure JS). sqlite3 stays external (Debian's node-sqlite3 in the
# image), and so does pg-native (never loaded). The banner gives the bundled CommonJS
# packages a real `require` for Node's built-in modules.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/../../services/broker-sync"
ESBUILD="${ESBUILD:-}"
if [ -z "$ESBUILD" ]; then
  d="$HERE"
  while [ "$d" != "/" ]; do
    if [ -x "$d/node_modules/.bin/esbuild" ]; then ESBUILD="$d/node_modules/.bin/esbuild"; break; fi
    d="$(dirname "$d")"
  done
fi
if [ -z "$ESBUILD" ]; then
  echo "prepare: esbuild not found (run npm install in the project, or set ESBUILD)" >&2
  exit 2
fi
rm -rf "$HERE/build"
mkdir -p "$HERE/build"
"$ESBUILD" "$SRC/main.ts" --bundle --platform=node --target=node18 --format=esm \
  --external:sqlite3 --external:pg-native --log-level=warning \
  --banner:js="import { createRequire as __chaoslabRequire } from 'node:module'; const require = __chaoslabRequire(import.meta.url);" \
  --outfile="$HERE/build/sync-service.mjs"
echo "prepare: bundled $(wc -c <"$HERE/build/sync-service.mjs") bytes"
