#!/usr/bin/env bash
# Lighthouse (tests/tools, Debian's Chromium) on the sign-in page, the customer list and the dashboard, signed in,
# and the bar each must clear: performance >= 90, accessibility 100, best practices 100.
# Usage: tests/production/lighthouse.sh <base URL> <port> <email> <password> <work folder>
set -uo pipefail
cd "$(dirname "$0")/../.."
base=$1; port=$2; email=$3; password=$4; work=$5
lighthouse=$PWD/tests/tools/node_modules/.bin/lighthouse
[ -x "$lighthouse" ] || { echo "Lighthouse is not installed (tests/tools: npm ci)"; exit 1; }
host=${base#https://}; host=${host%%:*}
curl_() { curl -sk --resolve "$host:$port:127.0.0.1" -b "$work/jar" -c "$work/jar" "$@"; }

# Sign in as a browser would: the form with its antiforgery token, then the cookie for Lighthouse's requests.
form=$(curl_ "$base/account/login")
token=$(echo "$form" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
[ -n "$token" ] || token=$(echo "$form" | grep -o '__RequestVerificationToken[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
status=$(curl_ -o /dev/null -w '%{http_code}' --data-urlencode "_handler=login" --data-urlencode "__RequestVerificationToken=$token" \
  --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$password" "$base/account/login")
cookie=$(awk -F'\t' '$6 ~ /^__Host-/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' <(sed 's/^#HttpOnly_//' "$work/jar"))
echo "$cookie" | grep -q "__Host-BackOffice=" || { echo "Sign-in for Lighthouse failed (HTTP $status)"; exit 1; }
node -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify({ Cookie: process.argv[2] }))' "$work/headers.json" "$cookie"

failed=0
for page in "/account/login" "/customers" "/dashboard"; do
  name=$(echo "$page" | tr -c 'a-z0-9\n' '-' | sed 's/^-//')
  extra=(); [ "$page" != "/account/login" ] && extra=(--extra-headers="$work/headers.json")
  CHROME_PATH=/usr/bin/chromium timeout 300 "$lighthouse" "$base$page" --quiet --output=json --output-path="$work/lh-$name.json" \
    --only-categories=performance,accessibility,best-practices "${extra[@]}" \
    --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --ignore-certificate-errors --host-resolver-rules=MAP $host 127.0.0.1" \
    >"$work/lh-$name.log" 2>&1 || { echo "Lighthouse could not run on $page"; tail -n 20 "$work/lh-$name.log"; failed=1; continue; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = k => Math.round(r.categories[k].score * 100);
    const [p, a, b] = [s("performance"), s("accessibility"), s("best-practices")];
    const ok = p >= 90 && a === 100 && b === 100;
    console.log(`Lighthouse ${process.argv[2]} (final URL ${r.finalDisplayedUrl}): performance ${p}, accessibility ${a}, best practices ${b}${ok ? "" : "  << below the bar"}`);
    if (!ok) for (const [id, audit] of Object.entries(r.audits))
      if (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== "informative" && audit.scoreDisplayMode !== "notApplicable" && audit.scoreDisplayMode !== "manual")
        console.log(`   ${id}: ${audit.score} ${audit.displayValue ?? ""}`);
    process.exit(ok ? 0 : 1);' "$work/lh-$name.json" "$page" || failed=1
done
exit $failed
