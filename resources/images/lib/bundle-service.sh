#!/usr/bin/env bash
# Bundles one service of resources/services into ONE file of the calling image's build/,
# for Debian's node 18 inside the image. Shared by every Node service image's prepare.sh.
#   bundle-service.sh <image dir> <service folder> <out file> <esm|cjs> [extra esbuild args ...]
# pg is bundled (pure JS); pg-native is never wanted. An ESM bundle gets a real `require`
# (bundled CommonJS code such as pg requires node built-ins with it).
set -euo pipefail
IMAGE_DIR="$1" SERVICE="$2" OUT="$3" FORMAT="$4"
shift 4
SRC="$(cd "$IMAGE_DIR/../../services/$SERVICE" && pwd)"
ESBUILD="${ESBUILD:-}"
if [ -z "$ESBUILD" ]; then
  d="$IMAGE_DIR"
  while [ "$d" != "/" ]; do
    if [ -x "$d/node_modules/.bin/esbuild" ]; then ESBUILD="$d/node_modules/.bin/esbuild"; break; fi
    d="$(dirname "$d")"
  done
fi
if [ -z "$ESBUILD" ]; then
  echo "prepare: esbuild not found (run npm install in the project, or set ESBUILD)" >&2
  exit 2
fi
banner=()
if [ "$FORMAT" = esm ]; then
  banner=(--banner:js="import { createRequire as __chaoslabCreateRequire } from 'node:module'; const require = __chaoslabCreateRequire(import.meta.url);")
fi
rm -rf "$IMAGE_DIR/build"
mkdir -p "$IMAGE_DIR/build"
"$ESBUILD" "$SRC/main.ts" --bundle --platform=node --target=node18 --format="$FORMAT" \
  --external:pg-native "${banner[@]}" "$@" --log-level=warning --outfile="$IMAGE_DIR/build/$OUT"
echo "prepare: bundled $SERVICE into $OUT ($(wc -c <"$IMAGE_DIR/build/$OUT") bytes)"
