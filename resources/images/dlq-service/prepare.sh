#!/usr/bin/env bash
# Bundles the DLQ service (resources/services/dlq, with the named-points library, kafkajs and
# pg) into build/dlq-service.cjs: one CommonJS file for Debian's node 18. pg's optional
# native binding (pg-native) is left out: pg uses its pure-JS client. Tests are not bundled.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SRC="$HERE/../../services/dlq"
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
"$ESBUILD" "$SRC/main.ts" --bundle --platform=node --target=node18 --format=cjs \
  --external:pg-native --log-level=warning --outfile="$HERE/build/dlq-service.cjs"
echo "prepare: bundled $(wc -c <"$HERE/build/dlq-service.cjs") bytes"
