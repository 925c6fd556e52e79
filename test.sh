#!/usr/bin/env bash
# Runs every test: validators, services on real SQLite files, bUnit components, and the app in headless Chromium.
# Prints "N passed, N failed, N skipped" and exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"

# Browser tests drive Debian's Chromium; install it when missing (as root) or say how.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { echo "Could not install chromium"; exit 1; }
  else
    echo "The browser tests need Chromium: sudo apt-get install -y chromium"; exit 1
  fi
fi

results="$PWD/TestResults"
rm -rf "$results"
dotnet tool restore >/dev/null
dotnet test BackOffice.sln --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(get total); e=$(get executed); p=$(get passed); f=$(get failed)
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo ""
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$total" -eq 0 ]; then exit 1; fi
