#!/usr/bin/env bash
# Bundles the broker-sync service into build/sync-service.mjs (esm): see ../lib/bundle-service.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$HERE/../lib/bundle-service.sh" "$HERE" broker-sync sync-service.mjs esm --external:sqlite3
