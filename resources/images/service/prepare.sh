#!/usr/bin/env bash
# Bundles the order-service service into build/order-service.mjs (esm): see ../lib/bundle-service.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$HERE/../lib/bundle-service.sh" "$HERE" order-service order-service.mjs esm --external:sqlite3
