#!/usr/bin/env bash
# The test command: sets up what is missing (Node deps, Docker engine, images, renderer
# build), then runs typecheck and every test project (unit, real Docker, browser), and
# prints one summary line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
mkdir -p test-artifacts

bash scripts/ensure-deps.sh || { echo "test: could not install dependencies"; exit 1; }
node bin/chaoslab.mjs engine ensure || { echo "test: no Docker engine"; exit 1; }
node bin/chaoslab.mjs cleanup >/dev/null 2>&1 || true
# A second dockerd started elsewhere with --bridge=none deletes the host's docker0, which
# breaks the engine's default network (and every image build). Put it back if it is gone.
if [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ] && ! ip link show docker0 >/dev/null 2>&1; then
  gw=$(docker network inspect bridge -f '{{(index .IPAM.Config 0).Gateway}}' 2>/dev/null || true)
  sub=$(docker network inspect bridge -f '{{(index .IPAM.Config 0).Subnet}}' 2>/dev/null || true)
  if [ -n "$gw" ] && [ -n "$sub" ]; then
    ip link add docker0 type bridge && ip addr add "$gw/${sub#*/}" dev docker0 && ip link set docker0 up \
      && echo "test: the docker0 bridge was missing: recreated it ($gw/${sub#*/})"
  fi
fi
echo "test: building images (cached by content hash)"
node bin/chaoslab.mjs images build --quiet || { echo "test: image build failed"; exit 1; }
if [ -f renderer/vite.config.ts ]; then
  echo "test: building the renderer"
  npx vite build --config renderer/vite.config.ts --logLevel warn || { echo "test: renderer build failed"; exit 1; }
fi

status=0
echo "test: typecheck"
npx tsc -p tsconfig.json --noEmit || status=1

echo "test: vitest (unit, docker, e2e)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@"
vstatus=$?
[ $vstatus -ne 0 ] && status=1

# Nothing labelled by the lab may outlive the tests. Every test process has exited by now, so a
# labelled container whose owner process is gone is a leftover of the tests; one whose owner is
# still alive belongs to a lab or bench running beside them (a shared machine) and is only named.
left=0
while read -r pid name; do
  [ -z "$name" ] && continue
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "test: note: $name belongs to process $pid, still running (not the tests): left alone"
  else
    echo "test: FAIL: left behind by the tests: $name"
    left=$((left + 1))
  fi
done < <(docker ps -a --filter label=io.chaoslab.managed=true --format '{{.Label "io.chaoslab.owner-pid"}} {{.Names}}' 2>/dev/null)
if [ "$left" -gt 0 ]; then
  echo "test: FAIL: $left containers labelled io.chaoslab.managed=true outlived the tests (removed now)"
  node bin/chaoslab.mjs cleanup >/dev/null 2>&1 || true
  status=1
fi

node -e '
const r = JSON.parse(require("fs").readFileSync("test-artifacts/vitest.json", "utf8"));
const failed = r.numFailedTests + (r.numFailedTestSuites || 0) * (r.numTotalTests === 0 ? 1 : 0);
console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + (r.numTodoTests || 0)} skipped`);
' 2>/dev/null || echo "0 passed, 1 failed"
echo "test: finished in $(( $(date +%s) - start )) s"
exit $status
