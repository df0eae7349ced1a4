#!/usr/bin/env bash
# The scale-out proof on the local cluster (deploy/local-cluster.sh):
#
#   bench/cluster.sh                consistency checks, then the load runs
#   bench/cluster.sh --checks-only  the consistency checks alone (CI)
#
# Consistency: an editor unpublishes and publishes a brief through app server A;
# the requests sent after the admin answers must see the change at A, B, the
# load balancer and Varnish (page, home, RSS, Atom, JSON Feed, sitemap).
# Load: wrk, $DURATION s at $CONNECTIONS connections over $PATHS public paths,
# through the load balancer with one and two app servers, through Varnish, and
# with an app server killed, Redis stopped and the replica stopped mid-run.
# Any 5xx or socket error in a run without a failure fails the script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
CHECKS_ONLY=false
[ "${1:-}" = "--checks-only" ] && CHECKS_ONLY=true
DURATION=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-64}
PATHS=${PATHS:-2000}
CLUSTER=deploy/local-cluster.sh
OUT=${CLUSTER_OUT:-/tmp/kei-cluster/bench}

bash "$CLUSTER" up >/dev/null
set -a
# shellcheck disable=SC1090
eval "$(bash "$CLUSTER" env)"
set +a
export APP1_PORT=${APP1_PORT:-8701} APP2_PORT=${APP2_PORT:-8702}
export LB_PORT=${LB_PORT:-8700} VARNISH_PORT=${VARNISH_PORT:-8780}

echo "== consistency checks"
"$ROOT/.venv/bin/python" bench/cluster_checks.py checks
$CHECKS_ONLY && exit 0

command -v wrk >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}
mkdir -p "$OUT"
"$ROOT/.venv/bin/python" bench/cluster_checks.py paths "$PATHS" >"$OUT/paths.txt"
export WRK_PATHS="$OUT/paths.txt"
echo "== load: wrk ${DURATION}s, $CONNECTIONS connections, $(wc -l <"$OUT/paths.txt") paths"

failures=0
RUNS=${RUNS:-lb-1-app lb-2-apps varnish app1-killed redis-stopped replica-stopped}
want() { [[ " $RUNS " == *" $1 "* ]]; }
# run NAME PORT [EVENT...]: an EVENT is "SECONDS command", run while wrk runs.
run() {
  local name=$1 port=$2
  shift 2
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s bench/cluster.lua \
    "http://127.0.0.1:$port" >"$OUT/$name.txt" 2>&1 &
  local wrk_pid=$! started=$SECONDS event
  for event in "$@"; do
    local at=${event%% *} what=${event#* }
    while [ $((SECONDS - started)) -lt "$at" ]; do sleep 0.2; done
    echo "   +${at}s: $what"
    eval "$what" >>"$OUT/$name.events" 2>&1
  done
  wait "$wrk_pid"
  local result
  result=$(grep '^RESULT' "$OUT/$name.txt" | sed 's/^RESULT //')
  printf '   %-26s %s\n' "$name" "$result"
}

no_errors() {
  local name=$1
  if grep -q '^RESULT' "$OUT/$name.txt" && grep '^RESULT' "$OUT/$name.txt" | grep -q ' 5xx=0 .*socket_errors=0'; then
    return 0
  fi
  echo "   FAIL: $name had errors"
  failures=$((failures + 1))
}

# A search nobody made before: no cache can answer it, only a database.
uncached_read() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' \
    "http://127.0.0.1:$APP2_PORT/search/?q=fallback$RANDOM")
  echo "uncached read at app B with the replica stopped: HTTP $code"
}

app_state() {
  bash "$CLUSTER" lb "show servers state apps" | awk 'NF > 6 && $4 ~ /app/ {print $4 "=" ($6 == 2 ? "UP" : "DOWN")}' | tr '\n' ' '
}

# One request for every path first (the LB's host and Varnish's host are
# different cache keys: absolute links), so that each run measures the same
# warm site, which is what a spike meets, whatever ran before it.
warm() {
  xargs -P 8 -I{} curl -s -o /dev/null "http://127.0.0.1:$1{}" <"$WRK_PATHS"
}
warm "$LB_PORT"
warm "$VARNISH_PORT"

if want lb-1-app; then
bash "$CLUSTER" lb "disable server apps/app2" >/dev/null
run lb-1-app "$LB_PORT"
no_errors lb-1-app
bash "$CLUSTER" lb "enable server apps/app2" >/dev/null
sleep 3
fi
if want lb-2-apps; then
run lb-2-apps "$LB_PORT"
no_errors lb-2-apps
fi
if want varnish; then
run varnish "$VARNISH_PORT"
no_errors varnish
fi

third=$((DURATION / 3))
if want app1-killed; then
run app1-killed "$LB_PORT" \
  "$third kill -9 \$(cat /tmp/kei-cluster/app1.pid)" \
  "$((2 * third)) bash $CLUSTER start app1"
# In flight at app1 when it died, and when its orphaned workers were ended:
# HAProxy lets it have GUNICORN_WORKERS requests at a time.
killed_5xx=$(grep '^RESULT' "$OUT/app1-killed.txt" | sed 's/.* 5xx=\([0-9]*\).*/\1/')
if [ "${killed_5xx:-1}" -gt $((2 * ${GUNICORN_WORKERS:-2})) ]; then
  echo "   FAIL: $killed_5xx 5xx with app1 killed, more than the requests in flight"
  failures=$((failures + 1))
fi
for _ in $(seq 1 20); do app_state | grep -q "app1=UP" && break; sleep 0.5; done
echo "   after restart: $(app_state)"
app_state | grep -q "app1=UP" || { echo "   FAIL: app1 did not rejoin"; failures=$((failures + 1)); }

fi
if want redis-stopped; then
run redis-stopped "$LB_PORT" \
  "$third bash $CLUSTER stop redis" \
  "$((2 * third)) bash $CLUSTER start redis"
no_errors redis-stopped

fi
if want replica-stopped; then
# Redis came back empty: warm again, as for every run.
warm "$LB_PORT"
run replica-stopped "$LB_PORT" \
  "$third bash $CLUSTER stop replica" \
  "$((third + 5)) uncached_read" \
  "$((2 * third)) bash $CLUSTER start replica"
no_errors replica-stopped
grep "uncached read" "$OUT/replica-stopped.events" | sed 's/^/   /'

fi
echo "== app servers' logs: tracebacks during the runs"
grep -c "Traceback" /tmp/kei-cluster/app1.log /tmp/kei-cluster/app2.log || true
if [ "$failures" -gt 0 ]; then
  echo "cluster bench: $failures FAILED"
  exit 1
fi
echo "cluster bench: passed"
