#!/usr/bin/env bash
# The main job: set up (Node deps, Docker engine, images) and run the first scenario,
# split-stores, twice: as the catalog describes it, then with an instance killed mid-run.
# Extra arguments go to the first run, e.g. `bash scripts/lab.sh --set instances=3 --set orders=9`.
set -euo pipefail
cd "$(dirname "$0")/.."
CHAOSLAB_NEED_BROWSER=0 bash scripts/ensure-deps.sh
node bin/chaoslab.mjs engine ensure
node bin/chaoslab.mjs images build
out=${CHAOSLAB_OUT:-runs}
node bin/chaoslab.mjs run split-stores --out "$out/split-stores" "$@" || true
node bin/chaoslab.mjs run split-stores --set fault=kill --set orders=10 --out "$out/split-stores-kill" || true
echo
echo "Reports: $out/split-stores/report.html and $out/split-stores-kill/report.html"
echo "Browser UI: npx chaoslab serve"
