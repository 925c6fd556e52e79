#!/usr/bin/env bash
# Runs every test: validators, services on real SQLite files, bUnit components and the app in headless Chromium;
# then the database-facing tests (services, API, dashboard, export) again on a throwaway PostgreSQL server.
# Prints "N passed, N failed, N skipped" and exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")"

is_root() { [ "$(id -u)" = "0" ]; }

# Browser tests drive Debian's Chromium; install it when missing (as root) or say how.
if [ ! -x /usr/bin/chromium ]; then
  if is_root; then
    echo "Installing Chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || { echo "Could not install chromium"; exit 1; }
  else
    echo "The browser tests need Chromium: sudo apt-get install -y chromium"; exit 1
  fi
fi

# The PostgreSQL pass needs the server binaries (not a running service: the script starts its own).
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
if [ -z "$(pg_bin)" ]; then
  if is_root; then
    echo "Installing PostgreSQL for the PostgreSQL tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || { echo "Could not install postgresql"; exit 1; }
  else
    echo "The PostgreSQL tests need the server binaries: sudo apt-get install -y postgresql"; exit 1
  fi
fi

# nginx for the production topology (tests/production/topology.sh): Debian's package, run with its own config on loopback.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  if is_root; then
    echo "Installing nginx for the production topology test..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null || { echo "Could not install nginx"; exit 1; }
  else
    echo "The production topology test needs nginx: sudo apt-get install -y nginx"; exit 1
  fi
fi
export PATH="$PATH:/usr/sbin"

# Spectral (the OpenAPI document's lint, run by a test) and later Lighthouse: npm packages pinned in tests/tools.
if [ ! -x tests/tools/node_modules/.bin/spectral ] || [ ! -x tests/tools/node_modules/.bin/lighthouse ] || [ tests/tools/package-lock.json -nt tests/tools/node_modules ]; then
  echo "Installing the npm test tools (tests/tools)..."
  (cd tests/tools && npm ci --no-audit --no-fund --loglevel=error) || { echo "Could not install the npm test tools (needs Node.js and npm)"; exit 1; }
fi

results="$PWD/TestResults"
rm -rf "$results"
dotnet tool restore >/dev/null

echo "== Every test, on SQLite"
# (Tests marked Engine=PostgreSql exercise PostgreSQL-only features such as LISTEN/NOTIFY; they run in the second pass,
# and tests marked Engine=Sqlite (SQLite-only settings) only in this one.)
dotnet test BackOffice.sln --logger "trx;LogFilePrefix=sqlite" --results-directory "$results" --filter "Engine!=PostgreSql&FullyQualifiedName!~BackOffice.Tests.Production." "$@"
status=$?

# A throwaway cluster reached only through a Unix socket in its own folder (no TCP port to collide with another run
# or a leftover server), trust auth, no fsync, and an ICU (linguistic) default collation so that the tests would notice
# code relying on byte order without asking for it. initdb refuses to run as root.
pg_dir=$(mktemp -d /tmp/backoffice-pg.XXXXXX)
pg_port=5432
as_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }
is_root && chown postgres "$pg_dir"
stop_pg() { as_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg_dir"; }
trap stop_pg EXIT
if as_pg "$(pg_bin)/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
       --locale-provider=icu --icu-locale=en-US >"$pg_dir/initdb.log" 2>&1 \
   && as_pg "$(pg_bin)/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w start \
       -o "-p $pg_port -k $pg_dir -c listen_addresses= -c fsync=off -c max_connections=200" >/dev/null; then
  echo "== Database-facing tests, on PostgreSQL ($("$(pg_bin)/postgres" --version))"
  BACKOFFICE_TEST_POSTGRES="Host=$pg_dir;Port=$pg_port;Username=postgres" \
    dotnet test BackOffice.sln --no-build --logger "trx;LogFilePrefix=postgresql" --results-directory "$results" \
      --filter "Engine!=Sqlite&FullyQualifiedName!~BackOffice.Tests.Browser.&FullyQualifiedName!~BackOffice.Tests.Components.&FullyQualifiedName!~BackOffice.Tests.Production." "$@"
  pg_status=$?
  [ "$status" -eq 0 ] && status=$pg_status
  # The published build behind nginx with two instances on this server, and Lighthouse on it.
  tests/production/topology.sh "$pg_dir" "$pg_port" "$results"
  topology_status=$?
  [ "$status" -eq 0 ] && status=$topology_status
else
  echo "Could not start PostgreSQL:"; cat "$pg_dir"/*.log; status=1
fi

passed=0; failed=0; skipped=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(get total); e=$(get executed); p=$(get passed); f=$(get failed)
  echo "$(basename "$trx" | cut -d_ -f1): ${p:-0} passed, ${f:-0} failed"
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo ""
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$total" -eq 0 ]; then exit 1; fi
