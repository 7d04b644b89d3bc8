#!/usr/bin/env bash
# Bundles the DLQ service into build/dlq-service.cjs (cjs): see ../lib/bundle-service.sh.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec bash "$HERE/../lib/bundle-service.sh" "$HERE" dlq dlq-service.cjs cjs
