#!/usr/bin/env bash
# Bundles the saga service into build/saga-service.mjs (esm): see ../lib/bundle-service.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$HERE/../lib/bundle-service.sh" "$HERE" saga saga-service.mjs esm
