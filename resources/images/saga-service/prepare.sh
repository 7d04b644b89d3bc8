#!/usr/bin/env bash
# Bundles the saga service into build/saga-service.mjs: one ESM file for Debian's node 18,
# pg (pure JS) inside it. pg's CommonJS require() of node built-ins needs a real `require`
# in an ESM bundle, which the banner provides; pg-native is optional and left out.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/../../services/saga"
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
  --external:pg-native \
  --banner:js="import { createRequire as __chaoslabCreateRequire } from 'node:module'; const require = __chaoslabCreateRequire(import.meta.url);" \
  --log-level=warning --outfile="$HERE/build/saga-service.mjs"
echo "prepare: bundled $(wc -c <"$HERE/build/saga-service.mjs") bytes"
