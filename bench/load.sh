#!/usr/bin/env bash
# Load run of issue 10: the public site under 64 concurrent readers for 60 s.
#
#   DATABASE_URL=postgres://kei:kei@127.0.0.1:5432/kei_load bash bench/load.sh
#
# gunicorn as deployed (deploy/gunicorn.conf.py: 2 sync workers, 30 s timeout),
# production settings with a random secret per run, persistent database
# connections, plain HTTP on loopback (DJANGO_SSL_REDIRECT=false), PostgreSQL
# with 10,000 generated briefs (generated into an empty database). wrk
# (-t2 -c64 -d60s, 5 s timeout) sends a mix of home and list pages, briefs,
# series, authors, categories, searches and feeds drawn from the database by
# bench/load_urls.py and picked at random per request by bench/load.lua.
# One run with the page cache off (DJANGO_PUBLIC_CACHE=0), one with it on.
#
# Prints ONE JSON line per cache mode on stdout (bench/load_report.py): requests/s,
# p50/p90/p99, non-2xx responses, socket errors (connect/read/write/timeout),
# status counts, load average before and after, worker memory, and per kind of URL
# the time spent inside the worker. Progress on stderr.
# From a fresh clone it installs wrk and curl (apt) and the venv (make install).
#
# Env: DATABASE_URL (PostgreSQL; required), PORT (8600), DURATION (60s),
#      THREADS (2), CONNS (64), WRK_TIMEOUT (5s), CACHE_MODES ("off on"),
#      URLS (4000 lines in the mix), SEED (1), RESULTS (/tmp/kei-load-<port>)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database, e.g. postgres://kei:kei@127.0.0.1:5432/kei_load}"
BRIEFS=10000
HOST=127.0.0.1
PORT="${PORT:-8600}"
WORKERS=2
THREADS="${THREADS:-2}"
CONNS="${CONNS:-64}"
DURATION="${DURATION:-60s}"
# What a reader waits for at most before giving up; never raised to hide slow pages.
WRK_TIMEOUT="${WRK_TIMEOUT:-5s}"
CACHE_MODES="${CACHE_MODES:-off on}"
URL_LINES="${URLS:-4000}"
SEED="${SEED:-1}"
RESULTS="${RESULTS:-/tmp/kei-load-$PORT}"
BASE="http://$HOST:$PORT"
PY="$ROOT/.venv/bin/python"

log() { printf '[load %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

apt_install() {
  command -v "$1" >/dev/null 2>&1 && return
  log "installing $1"
  apt-get install -y -qq "$1" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null && apt-get install -y -qq "$1" >/dev/null; }
}
apt_install wrk
apt_install curl
make -s install >&2
mkdir -p "$RESULTS"

export DATABASE_URL
export DJANGO_SETTINGS_MODULE=kei_site.settings.production
# Production settings refuse a short or default key; a throwaway one per run.
DJANGO_SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS="$HOST,localhost"
# Plain HTTP on loopback: no TLS proxy in front, so no redirect to https.
export DJANGO_SSL_REDIRECT=false
export DJANGO_STATIC_ROOT="$RESULTS/static"

"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0

count_briefs() {
  "$PY" manage.py shell -c 'from briefs.models import Brief; print(Brief.objects.count())' 2>/dev/null | tail -1
}
HAVE=$(count_briefs)
if (( HAVE > 0 && HAVE < BRIEFS )); then
  # Never flush someone's archive to make room: a database of its own, please.
  log "the database holds $HAVE briefs, fewer than $BRIEFS; use an empty database"
  exit 1
fi
if (( HAVE == 0 )); then
  log "empty database; generating $BRIEFS briefs"
  "$PY" manage.py generate_demo --briefs "$BRIEFS" --authors 500 --series 40 \
    --categories 60 --seed 1 >&2
  HAVE=$(count_briefs)
fi

"$PY" bench/load_urls.py "$RESULTS/urls.txt" --size "$URL_LINES" --seed "$SEED" \
  > "$RESULTS/mix.json"
log "mix: $(cat "$RESULTS/mix.json")"

# shellcheck source=bench/gunicorn_lifecycle.sh
source "$ROOT/bench/gunicorn_lifecycle.sh"

for mode in $CACHE_MODES; do
  if [[ "$mode" == on ]]; then export DJANGO_PUBLIC_CACHE=1; else export DJANGO_PUBLIC_CACHE=0; fi
  access="$RESULTS/access-$mode.log"
  : > "$access"
  log "cache $mode: gunicorn $WORKERS workers on $HOST:$PORT"
  "$ROOT/.venv/bin/gunicorn" -c deploy/gunicorn.conf.py kei_site.wsgi:application \
    --workers "$WORKERS" --bind "$HOST:$PORT" --no-control-socket \
    --access-logfile "$access" --access-logformat '%(s)s %(M)s %(U)s' \
    --error-logfile "$RESULTS/gunicorn-error-$mode.log" &
  GUNICORN_PID=$!
  for _ in $(seq 1 150); do
    curl -s -o /dev/null --max-time 2 "$BASE/robots.txt" && break
    kill -0 "$GUNICORN_PID" 2>/dev/null || { log "gunicorn died, see $RESULTS/gunicorn-error-$mode.log"; exit 1; }
    sleep 0.2
  done
  # Every kind answers before the run (a broken mix is not a load result), and
  # each worker has imported its modules and compiled its templates.
  for path in $(awk '!seen[$0]++' "$RESULTS/urls.txt" | head -40); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$BASE$path")
    [[ "$code" == 200 ]] || { log "$BASE$path answered HTTP $code"; exit 1; }
  done
  : > "$access"
  loadavg=$(cut -d' ' -f1-3 /proc/loadavg)
  log "cache $mode: wrk -t$THREADS -c$CONNS -d$DURATION --timeout $WRK_TIMEOUT (load average $loadavg)"
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency \
    -s bench/load.lua "$BASE" -- "$RESULTS/urls.txt" "$SEED" > "$RESULTS/wrk-$mode.txt"
  rss=$(ps -o rss= --ppid "$GUNICORN_PID" | awk '{printf "%d ", $1/1024}')
  stop_gunicorn
  if grep -q Traceback "$RESULTS/gunicorn-error-$mode.log"; then
    log "tracebacks in $RESULTS/gunicorn-error-$mode.log"
  fi
  "$PY" bench/load_report.py --wrk "$RESULTS/wrk-$mode.txt" --access-log "$access" \
    --mix "$RESULTS/mix.json" --cache "$mode" --briefs "$HAVE" --rss "$rss" \
    --loadavg-before "$loadavg" \
    --settings "{\"duration\": \"$DURATION\", \"threads\": $THREADS, \"connections\": $CONNS, \"wrk_timeout\": \"$WRK_TIMEOUT\", \"workers\": $WORKERS}"
done
