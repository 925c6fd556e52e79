#!/usr/bin/env bash
# The production topology, tried for real on loopback: the published build (dotnet BackOffice.Web.dll, Production),
# two instances on one PostgreSQL database, nginx in front terminating TLS (a throwaway self-signed certificate) with
# sticky sessions for the Blazor circuits. Then the topology tests (tests/BackOffice.Tests/Production) drive it through
# nginx — sign in, create a customer by the API, approve it in the browser, kill -9 the instance holding the circuit and
# carry on — and Lighthouse measures the published build's pages.
#
# Usage: tests/production/topology.sh <PostgreSQL socket folder> <port> <TRX results folder>
# Run by test.sh in its PostgreSQL pass; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
pg_host=$1; pg_port=$2; results=$3

work=$(mktemp -d /tmp/backoffice-topology.XXXXXX)
pids=()
cleanup() {
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  if [ "${keep_logs:-0}" = 1 ]; then echo "Logs kept in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() { echo "TOPOLOGY FAILED: $*"; keep_logs=1; for f in "$work"/*.log; do echo "--- $f"; tail -n 40 "$f"; done; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

echo "== Production topology: publish"
if [ -n "${BACKOFFICE_PUBLISHED:-}" ]; then cp -r "$BACKOFFICE_PUBLISHED" "$work/app"  # a build published already (while trying the script)
else dotnet publish src/BackOffice.Web -c Release -o "$work/app" --nologo -v quiet >"$work/publish.log" 2>&1 || fail "dotnet publish"; fi
# What a published build must contain: precompressed static assets, served under fingerprinted URLs (the endpoints
# manifest MapStaticAssets reads), and no development manifest.
[ -f "$work/app/wwwroot/_content/MudBlazor/MudBlazor.min.css.br" ] || fail "no precompressed MudBlazor CSS in the published wwwroot"
grep -q '"Route": *"_content/MudBlazor/MudBlazor.min.[a-z0-9]*.css"' "$work/app/BackOffice.Web.staticwebassets.endpoints.json" \
  || fail "no fingerprinted route for the MudBlazor CSS in the static assets manifest"
[ ! -e "$work/app/BackOffice.Web.staticwebassets.runtime.json" ] || fail "the published build carries the development static web assets manifest"

# A throwaway certificate for nginx (TLS) and one for the data-protection keys (encrypted at rest).
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=backoffice.localhost" \
  -addext "subjectAltName=DNS:backoffice.localhost" -keyout "$work/tls.key" -out "$work/tls.crt" >/dev/null 2>&1 || fail "openssl (TLS)"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=BackOffice data protection" \
  -keyout "$work/dp.key" -out "$work/dp.crt" >/dev/null 2>&1 \
  && openssl pkcs12 -export -inkey "$work/dp.key" -in "$work/dp.crt" -out "$work/dp.pfx" -passout pass:topology >/dev/null 2>&1 \
  || fail "openssl (data protection)"

database="backoffice_topology_$$"
port_a=$(free_port); port_b=$(free_port); https_port=$(free_port)
export ASPNETCORE_ENVIRONMENT=Production
export Database__Provider=PostgreSql
export ConnectionStrings__BackOffice="Host=$pg_host;Port=$pg_port;Username=postgres;Database=$database"
export DataProtection__CertificatePath="$work/dp.pfx" DataProtection__CertificatePassword=topology
export Kyc__RequiredDocuments__individual="" Kyc__RequiredDocuments__business=""
export Seed__DemoCustomers=0
export Seed__Users__0__Email=compliance@topology.local Seed__Users__0__Password=Compliance-Topology-2026 Seed__Users__0__DisplayName="Carol Compliance" Seed__Users__0__Role=Compliance
export Seed__Users__1__Email=admin@topology.local Seed__Users__1__Password=Admin-Topology-2026 Seed__Users__1__DisplayName="Ada Admin" Seed__Users__1__Role=Admin
export Seed__ApiKey__Name="Topology partner" Seed__ApiKey__Secret=bo_topology_partner_key_0123456789abcdefgh
export Logging__LogLevel__Default=Warning
# The tests sign in with a password (the two-factor path has its own browser test); production's default requires it
# of Compliance and Admin.
export Security__RequireTwoFactorForRoles=""
export ASPNETCORE_HTTPS_PORT=$https_port

start_instance() { # name port
  (cd "$work/app" && ASPNETCORE_URLS="http://127.0.0.1:$2" exec dotnet BackOffice.Web.dll >"$work/$1.log" 2>&1) &
  pids+=($!); eval "pid_$1=$!"
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$2/health" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  fail "instance $1 did not become healthy"
}
echo "== Production topology: PostgreSQL database $database, instances on :$port_a and :$port_b"
# Outside Development no password comes from configuration (Seed:Users is ignored; create-admin makes the first
# admin). The tests' two staff users are seeded once by a short-lived instance in the Testing environment, which
# migrates the database too; then the Production instances start on it.
seed_port=$(free_port)
ASPNETCORE_ENVIRONMENT=Testing start_instance seed "$seed_port"
kill "$pid_seed" 2>/dev/null; wait "$pid_seed" 2>/dev/null
start_instance a "$port_a"
start_instance b "$port_b"
grep -q "DataProtection:CertificatePath is not set" "$work/a.log" && fail "the data-protection certificate was not used"
# Plain HTTP to a page is redirected to HTTPS (the health probe is not).
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$port_a/account/login")
[[ "$redirect" == "307 https://127.0.0.1:$https_port/account/login" ]] || fail "plain HTTP was not redirected to HTTPS ($redirect)"

mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  server_tokens off;
  # The app's own /assets files are served as they are; compress them here. (Pages are not compressed: they carry
  # antiforgery tokens next to reflected input, which is what BREACH needs. MapStaticAssets serves its own .br/.gz.)
  gzip on;
  gzip_types text/css application/javascript image/svg+xml;

  # WebSockets (the Blazor circuit) need the Upgrade handshake passed on.
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  # Sticky sessions: a browser keeps its instance (its circuit lives there) through an affinity cookie; a browser
  # without one gets a fresh value. When its instance is down, the hash picks the other one.
  map \$http_cookie \$affinity_cookie { "~(^|;)\\s*__Host-affinity=(?<value>[^;]+)" \$value; default ''; }
  map \$affinity_cookie \$affinity { '' \$request_id; default \$affinity_cookie; }

  upstream backoffice {
    hash \$affinity consistent;
    server 127.0.0.1:$port_a max_fails=1 fail_timeout=30s;
    server 127.0.0.1:$port_b max_fails=1 fail_timeout=30s;
  }

  server {
    listen 127.0.0.1:$https_port ssl;
    server_name backoffice.localhost;
    ssl_certificate $work/tls.crt;
    ssl_certificate_key $work/tls.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    client_max_body_size 20m;

    location / {
      proxy_pass http://backoffice;
      proxy_http_version 1.1;
      proxy_set_header Host \$http_host; # with the port, for absolute redirects
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_read_timeout 1h;
      # Only connection failures move a request to the other instance; a POST is never sent twice.
      proxy_next_upstream error timeout;
      add_header Set-Cookie "__Host-affinity=\$affinity; Path=/; Secure; HttpOnly; SameSite=Lax" always;
      # For the topology tests only: which instance answered.
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
EOF
nginx -t -c "$work/nginx.conf" -p "$work/nginx" >"$work/nginx-test.log" 2>&1 || fail "nginx -t"
nginx -c "$work/nginx.conf" -p "$work/nginx" || fail "nginx did not start"
base="https://backoffice.localhost:$https_port"
curl -fsk --resolve "backoffice.localhost:$https_port:127.0.0.1" "$base/health" >/dev/null || fail "nginx does not reach the instances"

if [ -n "${BACKOFFICE_TOPOLOGY_HOLD:-}" ]; then  # for trying things by hand: keep it all running a while
  echo "Holding $base for $BACKOFFICE_TOPOLOGY_HOLD s (instances $port_a=$pid_a, $port_b=$pid_b; files in $work)"; sleep "$BACKOFFICE_TOPOLOGY_HOLD"
fi
echo "== Production topology: tests through nginx ($base)"
BACKOFFICE_TOPOLOGY_URL="$base" BACKOFFICE_TOPOLOGY_INSTANCES="127.0.0.1:$port_a=$pid_a,127.0.0.1:$port_b=$pid_b" \
BACKOFFICE_TOPOLOGY_API_KEY="$Seed__ApiKey__Secret" \
BACKOFFICE_TOPOLOGY_USER="$Seed__Users__0__Email" BACKOFFICE_TOPOLOGY_PASSWORD="$Seed__Users__0__Password" \
  dotnet test tests/BackOffice.Tests --no-build --logger "trx;LogFilePrefix=topology" --results-directory "$results" \
    --filter "FullyQualifiedName~BackOffice.Tests.Production." || fail "the topology tests"

# Lighthouse on the published build, through nginx and TLS. The instance killed above is restarted first so that
# both are up, as in production.
kill -0 "$pid_a" 2>/dev/null || start_instance a "$port_a"
kill -0 "$pid_b" 2>/dev/null || start_instance b "$port_b"
echo "== Lighthouse on the published build"
node tests/production/lighthouse.mjs "$base" "$Seed__Users__1__Email" "$Seed__Users__1__Password" "$work" || fail "Lighthouse"
echo "Production topology: all green"
