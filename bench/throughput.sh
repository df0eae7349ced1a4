#!/usr/bin/env bash
# Load benchmark of the public site, measured the way shared/peers/wagtail/bench.sh
# measures the peer, so the figures compare:
#
#   gunicorn, 2 sync workers, --no-control-socket, production settings, CONN_MAX_AGE
#   warm-up:  wrk -t2 -c16 -d5s per URL (discarded)
#   measure:  wrk -t2 -c16 -d15s --latency per URL, RUNS rounds (URLs take turns
#             within a round); the median round per URL is reported
#   queries:  SQL queries per warm request (bench/queries.py, page cache bypassed)
#
# Prints ONE JSON line per URL and cache mode on stdout; progress on stderr.
# From a fresh clone: installs wrk and curl (apt) and the venv (make install),
# migrates, collects static files and, if the database holds no briefs, fills it
# with `manage.py generate_demo` (BRIEFS, or RECIPE=wagtail-peer).
#
# Env: DATABASE_URL (PostgreSQL; required), BRIEFS (10000), RECIPE (standard),
#      PORT (8200), RUNS (3), DURATION (15s), WARMUP (5s), THREADS (2), CONNS (16),
#      CACHE_MODES ("off on"), URL_NAMES (all; e.g. "brief list_page2 rss"),
#      RESULTS (/tmp/kei-bench-<port>)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database, e.g. postgres://kei:kei@127.0.0.1:5432/kei_bench}"
BRIEFS="${BRIEFS:-10000}"
RECIPE="${RECIPE:-standard}"
HOST=127.0.0.1
PORT="${PORT:-8200}"
WORKERS=2
THREADS="${THREADS:-2}"
CONNS="${CONNS:-16}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-5s}"
RUNS="${RUNS:-3}"
CACHE_MODES="${CACHE_MODES:-off on}"
RESULTS="${RESULTS:-/tmp/kei-bench-$PORT}"
BASE="http://$HOST:$PORT"
PY="$ROOT/.venv/bin/python"

log() { printf '[throughput %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Root installs directly; anyone else through sudo (a fresh CI box or a laptop).
if [[ $(id -u) == 0 ]]; then AS_ROOT=(); else AS_ROOT=(sudo -n); fi
apt_install() {
  command -v "$1" >/dev/null 2>&1 && return
  log "installing $1"
  "${AS_ROOT[@]}" apt-get install -y -qq "$1" >/dev/null 2>&1 ||
    { "${AS_ROOT[@]}" apt-get update -qq >/dev/null &&
      "${AS_ROOT[@]}" apt-get install -y -qq "$1" >/dev/null; } ||
    { log "could not install $1 (apt-get as root or through sudo)"; exit 1; }
}
apt_install wrk
apt_install curl
make -s install >&2
mkdir -p "$RESULTS"

export DATABASE_URL
export DJANGO_SETTINGS_MODULE=kei_site.settings.production
# Production settings refuse to start without a key; a throwaway one per run.
DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')}"
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS="$HOST,localhost"
export DJANGO_SECURE_COOKIES=0
# Plain HTTP on loopback, as the peer is measured: no redirect to HTTPS.
export DJANGO_SSL_REDIRECT=0

"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0
# The ceiling of this stack: an 8 KB file served by whitenoise from STATIC_ROOT.
STATIC_ROOT=$("$PY" -c 'import django; django.setup(); from django.conf import settings; print(settings.STATIC_ROOT)')
mkdir -p "$STATIC_ROOT/bench"
head -c 8192 /dev/zero | tr '\0' 'x' > "$STATIC_ROOT/bench/ceiling-8k.txt"

HAVE=$("$PY" manage.py shell -c 'from briefs.models import Brief; print(Brief.objects.count())' 2>/dev/null | tail -1)
if [[ "$HAVE" == 0 ]]; then
  if [[ "$RECIPE" == wagtail-peer ]]; then
    log "generating the Wagtail peer's data"
    "$PY" manage.py generate_demo --recipe wagtail-peer >&2
  else
    log "generating $BRIEFS briefs"
    "$PY" manage.py generate_demo --briefs "$BRIEFS" --authors $((BRIEFS / 20 + 1)) \
      --series 40 --categories 60 --seed 1 >&2
  fi
fi

# name|path for every URL, and queries/bytes per URL, from the same picker.
"$PY" bench/queries.py --json > "$RESULTS/queries.jsonl"
mapfile -t URLS < <("$PY" - "$RESULTS/queries.jsonl" <<'EOF'
import json, sys
wanted = ["brief", "list_page2", "series", "author", "category", "search", "rss", "atom"]
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
for name in wanted:
    if name in rows:
        print(f"{name}|{rows[name]['url']}")
print("rss_304|/feeds/rss/")
print("static_8k|/static/bench/ceiling-8k.txt")
EOF
)
if [[ -n "${URL_NAMES:-}" ]]; then
  selected=()
  for entry in "${URLS[@]}"; do
    [[ " $URL_NAMES " == *" ${entry%%|*} "* ]] && selected+=("$entry")
  done
  URLS=("${selected[@]}")
fi

# shellcheck source=bench/gunicorn_lifecycle.sh
source "$ROOT/bench/gunicorn_lifecycle.sh"

for mode in $CACHE_MODES; do
  if [[ "$mode" == on ]]; then export DJANGO_PUBLIC_CACHE=1; else export DJANGO_PUBLIC_CACHE=0; fi
  log "cache $mode: gunicorn $WORKERS sync workers on $HOST:$PORT"
  "$ROOT/.venv/bin/gunicorn" kei_site.wsgi:application \
    --workers "$WORKERS" --worker-class sync --bind "$HOST:$PORT" \
    --no-control-socket --log-level warning \
    --error-logfile "$RESULTS/gunicorn-error.log" &
  GUNICORN_PID=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null --max-time 2 "$BASE/robots.txt" && break
    kill -0 "$GUNICORN_PID" 2>/dev/null || { log "gunicorn died, see $RESULTS/gunicorn-error.log"; exit 1; }
    sleep 0.2
  done

  ETAG=$(curl -s -D - -o /dev/null "$BASE/feeds/rss/" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
  wrk_args() { # name path -> extra wrk arguments
    if [[ "$1" == rss_304 ]]; then printf '%s\n' -H "If-None-Match: $ETAG"; fi
  }
  for entry in "${URLS[@]}"; do
    name=${entry%%|*}; path=${entry#*|}
    mapfile -t extra < <(wrk_args "$name")
    code=$(curl -s -o "$RESULTS/$name-$mode.body" -w '%{http_code}' --max-time 10 "${extra[@]}" "$BASE$path")
    [[ "$code" == 200 || "$code" == 304 ]] || { log "$BASE$path returned HTTP $code"; exit 1; }
    wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "${extra[@]}" "$BASE$path" >/dev/null
  done
  for run in $(seq 1 "$RUNS"); do
    for entry in "${URLS[@]}"; do
      name=${entry%%|*}; path=${entry#*|}
      mapfile -t extra < <(wrk_args "$name")
      log "cache $mode round $run/$RUNS $name $path"
      wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "${extra[@]}" "$BASE$path" \
        > "$RESULTS/wrk-$name-$mode-$run.txt"
    done
  done
  # Resident memory of each worker after the load (the children of the master).
  ps -o rss= --ppid "$GUNICORN_PID" | awk '{printf "%d ", $1/1024}' > "$RESULTS/rss-$mode.txt"
  stop_gunicorn

  "$PY" bench/wrk_report.py --results "$RESULTS" --mode "$mode" --runs "$RUNS" \
    --queries "$RESULTS/queries.jsonl" --rss "$RESULTS/rss-$mode.txt" \
    --urls "${URLS[@]}"
done
