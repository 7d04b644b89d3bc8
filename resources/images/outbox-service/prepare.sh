#!/usr/bin/env bash
# Bundles the outbox service into build/outbox-service.cjs (cjs): see ../lib/bundle-service.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$HERE/../lib/bundle-service.sh" "$HERE" outbox outbox-service.cjs cjs
