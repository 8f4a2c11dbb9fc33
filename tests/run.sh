#!/usr/bin/env bash
# Runs every test in the solution, the browser tests and the real npm clients included, and ends with the totals line
# "N passed, N failed[, N skipped]" read from the test results (TRX), so a run that executed
# no test shows "0 passed". Installs Debian's Chromium for the browser tests, redis-server for
# the Redis tests and nginx for the scale-out test when they are missing: none of them skips.
#
# usage: tests/run.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~FactCheck]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "tests/run.sh: Chromium is missing; installing it with apt (needed by the browser tests)..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# The Redis tests (storage contract, several hosts on one store) start their own redis-server on a
# free loopback port: Debian's package is installed when missing, so they never skip.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "tests/run.sh: redis-server is missing; installing it with apt (needed by the Redis tests)..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
  # The package's own service is not needed (and would hold port 6379): each test run starts its own.
  $sudo service redis-server stop >/dev/null 2>&1 || true
fi

# The scale-out test runs docker/nginx.conf in Debian's nginx in front of three bot processes.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "tests/run.sh: nginx is missing; installing it with apt (needed by the scale-out test)..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx >/dev/null
  # The test starts its own nginx on a free loopback port; the package's service would hold port 80.
  $sudo service nginx stop >/dev/null 2>&1 || true
fi

# The real third-party clients (offline-directline, botframework-directlinejs) the host's tests run
# against it, pinned by tests/clients/package-lock.json. Without them those tests fail, never skip.
command -v npm >/dev/null 2>&1 || { echo "tests/run.sh: npm is missing (Node.js 20 or later is needed)" >&2; exit 1; }
(cd tests/clients && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)

results="$(pwd)/TestResults/run-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results/tmp"
# Playwright leaves playwright-* folders in TMPDIR; keep them inside this run's folder.
export TMPDIR="$results/tmp"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

status=0
# Build once (in parallel), then run the test projects one after another: run side by side, the
# scale-out test's three bot processes starve the browser tests' Chromium on a small machine
# (a page load timed out in CI). One after another costs about five minutes here (12 -> 17) and makes timings honest.
if dotnet build Microneedling.sln --nologo -v:q; then
  dotnet test Microneedling.sln --no-build -m:1 --logger "trx" --results-directory "$results" "$@" || status=$?
else
  status=$?
  echo "tests/run.sh: the build failed" >&2
fi

passed=0; failed=0; skipped=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$((total + $(get total)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done

echo "Test results: $results"
if [ "$total" -eq 0 ]; then
  echo "tests/run.sh: no test was executed" >&2
  status=1
fi
if [ "$failed" -gt 0 ]; then status=1; fi
line="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then line="$line, $skipped skipped"; fi
echo "$line"
exit "$status"
