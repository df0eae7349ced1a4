#!/usr/bin/env bash
# Faults: what readers get while PostgreSQL restarts and while it is down for 10 s.
#
#   bench/faults.sh            # needs root (pg_ctlcluster) and a running cluster 15/main
#   FAULTS_DRY_RUN=1 bench/faults.sh   # the same run without touching PostgreSQL
#   FAULTS_KEEP=1 ...                    # keep the per-request logs
#
# gunicorn (production settings, 2 workers) on 127.0.0.1:$PORT against $DATABASE_URL;
# two bounded curl loops, one on the home page and one on /healthz, while the
# cluster is restarted at RESTART_AT seconds and stopped from STOP_AT for STOP_FOR
# seconds. Prints the status codes seen in each second, and how long after the
# start the first page was served again. PostgreSQL is started again on any exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT=${PORT:-8150}
DATABASE_URL=${DATABASE_URL:-postgres://kei:kei@127.0.0.1:5432/kei_prod}
CLUSTER=${CLUSTER:-"15 main"}
RESTART_AT=${RESTART_AT:-5}
STOP_AT=${STOP_AT:-15}
STOP_FOR=${STOP_FOR:-10}
DURATION=${DURATION:-35}
DRY_RUN=${FAULTS_DRY_RUN:-}

work=$(mktemp -d)
gunicorn_pid=""
probe_pids=""
stopped=""

cleanup() {
  status=$?
  if [ -n "$stopped" ] || ! pg_ctlcluster $CLUSTER status >/dev/null 2>&1; then
    [ -z "$DRY_RUN" ] && pg_ctlcluster $CLUSTER start || true
  fi
  for pid in $probe_pids; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$gunicorn_pid" ]; then
    kill "$gunicorn_pid" 2>/dev/null || true
    wait "$gunicorn_pid" 2>/dev/null || true
  fi
  if [ -n "${FAULTS_KEEP:-}" ]; then echo "logs kept in $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT INT TERM

export DATABASE_URL
export DJANGO_SETTINGS_MODULE=kei_site.settings.production
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$(.venv/bin/python -c \
  'from django.core.management.utils import get_random_secret_key as k; print(k())')}
# As behind a TLS-terminating proxy: requests say they came over HTTPS.
export DJANGO_BEHIND_PROXY=true
export DJANGO_STATIC_ROOT="$work/static"

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
if [ "$(.venv/bin/python -c 'import django; django.setup()
from briefs.models import Brief; print(Brief.objects.exists())')" != "True" ]; then
  .venv/bin/python manage.py import_briefs seeds/ -v0 >/dev/null
fi

.venv/bin/gunicorn kei_site.wsgi --bind "127.0.0.1:$PORT" --workers 2 \
  --no-control-socket --timeout 30 --log-level warning >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
for _ in $(seq 1 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  sleep 0.2
done

ms() { echo $(( $(date +%s%N) / 1000000 )); }
start=$(ms)
elapsed() { echo $(( $(ms) - start )); }  # milliseconds since the loops began

probe() {  # path, log: one line per request, "<ms since start> <status>"
  local deadline=$(( start + DURATION * 1000 )) code
  while [ "$(ms)" -lt "$deadline" ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
      -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT$1" || true)
    printf '%s %s\n' "$(elapsed)" "${code:-000}" >>"$2"
    sleep 0.05
  done
}

probe / "$work/home.log" &
home_pid=$!
probe /healthz "$work/health.log" &
health_pid=$!
probe_pids="$home_pid $health_pid"

event() { printf '%s %s\n' "$(elapsed)" "$1" >>"$work/events.log"; }
at() {  # sleep until this many seconds after the start
  local wait_ms=$(( $1 * 1000 - $(elapsed) ))
  [ "$wait_ms" -gt 0 ] && sleep "$(printf '%d.%03d' $(( wait_ms / 1000 )) $(( wait_ms % 1000 )))"
  return 0
}

at "$RESTART_AT"
event "pg_ctlcluster $CLUSTER restart"
[ -z "$DRY_RUN" ] && pg_ctlcluster $CLUSTER restart
event "restart returned"
at "$STOP_AT"
event "pg_ctlcluster $CLUSTER stop"
stopped=yes
[ -z "$DRY_RUN" ] && pg_ctlcluster $CLUSTER stop
event "stop returned"
at $(( STOP_AT + 3 ))
# One answer during the outage, headers and title, for the record.
curl -s -D "$work/outage.headers" -o "$work/outage.html" --max-time 5 \
  -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT/" || true
at $(( STOP_AT + STOP_FOR ))
event "pg_ctlcluster $CLUSTER start"
[ -z "$DRY_RUN" ] && pg_ctlcluster $CLUSTER start
stopped=""
event "start returned"
wait "$home_pid" "$health_pid"

echo "gunicorn: 2 workers, production settings, ${DATABASE_URL%%://*}${DRY_RUN:+ (dry run: PostgreSQL untouched)}"
.venv/bin/python bench/faults_report.py "$work"
echo "tracebacks in the gunicorn log: $(grep -c Traceback "$work/gunicorn.log" || true)"
