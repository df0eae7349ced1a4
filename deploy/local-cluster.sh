#!/usr/bin/env bash
# The scale-out topology on this machine's loopback, from Debian packages:
#
#   reader -> Varnish :VARNISH_PORT -> HAProxy :LB_PORT -> app1 :APP1_PORT
#                                                     \-> app2 :APP2_PORT
#   apps -> PostgreSQL primary :5432 (writes, admin) and replica :REPLICA_PORT
#           (public reads), Redis :REDIS_PORT (cache), media in CLUSTER_DIR/media
#
#   deploy/local-cluster.sh up|down|status
#   deploy/local-cluster.sh start|stop PART   (app1 app2 worker redis replica haproxy
#                                              varnish)
#   deploy/local-cluster.sh lb "COMMAND"       (HAProxy's runtime API, e.g.
#                                              "disable server apps/app2")
#
# Run as root from a checkout after `make install`. `up` is safe to repeat. The
# primary is the Debian cluster 15/main (started if needed, left running by
# `down`); the replica is a second cluster, 15/replica, made by pg_basebackup.
# No S3-compatible server installs from the registries here, so media sit on a
# folder both app servers share; the S3 settings are tested against moto.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)

CLUSTER_DIR=${CLUSTER_DIR:-/tmp/kei-cluster}
VARNISH_PORT=${VARNISH_PORT:-8780}
LB_PORT=${LB_PORT:-8700}
APP1_PORT=${APP1_PORT:-8701}
APP2_PORT=${APP2_PORT:-8702}
REDIS_PORT=${REDIS_PORT:-6380}
REPLICA_PORT=${REPLICA_PORT:-5433}
APP_WORKERS=${GUNICORN_WORKERS:-2}
DB_NAME=${CLUSTER_DB:-kei_cluster}
BRIEFS=${BRIEFS:-10000}
REPL_ROLE=kei_repl
REPL_PASSWORD=${REPL_PASSWORD:-kei_repl}
PY="$ROOT/.venv/bin/python"

log() { echo "local-cluster: $*" >&2; }

ensure_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v varnishd >/dev/null || missing+=(varnish)
  [ -e /usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so ] \
    || ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 \
    || missing+=(varnish-modules)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v pg_basebackup >/dev/null || missing+=(postgresql)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # The packages start their own services on the default ports; this cluster
  # runs its own instances.
  for service in redis-server varnish haproxy; do
    service "$service" stop >/dev/null 2>&1 || true
  done
}

psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }

primary_url() { echo "postgres://kei:kei@127.0.0.1:5432/$DB_NAME"; }
replica_url() { echo "postgres://kei:kei@127.0.0.1:$REPLICA_PORT/$DB_NAME"; }

start_primary() {
  PGDATABASE_KEI=$DB_NAME bash .ci/start-postgres >/dev/null
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='$REPL_ROLE'")" != 1 ]; then
    psql_admin -c "CREATE ROLE $REPL_ROLE REPLICATION LOGIN PASSWORD '$REPL_PASSWORD'"
  fi
  local hba
  hba=$(psql_admin -c "SHOW hba_file")
  if ! grep -q "replication *$REPL_ROLE" "$hba"; then
    echo "host replication $REPL_ROLE 127.0.0.1/32 scram-sha-256" >>"$hba"
    pg_ctlcluster 15 main reload
  fi
}

REPLICA_SLOT=kei_replica

# A fresh copy of the primary, streaming through a replication slot: the primary
# keeps every WAL segment the replica has not received yet, so a replica that
# was stopped (bench/cluster.sh stops it mid-run) can always catch up.
make_replica() {
  log "making the replica (pg_basebackup)"
  pg_dropcluster --stop 15 replica >/dev/null 2>&1 || true
  psql_admin -c "SELECT pg_drop_replication_slot('$REPLICA_SLOT')
    FROM pg_replication_slots WHERE slot_name = '$REPLICA_SLOT'" >/dev/null
  pg_createcluster --locale C.UTF-8 -p "$REPLICA_PORT" 15 replica >/dev/null
  local data=/var/lib/postgresql/15/replica
  rm -rf "$data"
  runuser -u postgres -- env PGPASSWORD="$REPL_PASSWORD" \
    pg_basebackup -h 127.0.0.1 -p 5432 -U "$REPL_ROLE" -D "$data" -R -X stream -c fast \
    -C -S "$REPLICA_SLOT"
}

replica_ready() {
  pg_ctlcluster 15 replica status >/dev/null 2>&1 || pg_ctlcluster 15 replica start \
    >/dev/null 2>&1 || return 1
  for _ in $(seq 1 30); do
    runuser -u postgres -- pg_isready -q -p "$REPLICA_PORT" && return
    sleep 1
  done
  return 1
}

start_replica() {
  if ! pg_lsclusters -h | awk '{print $1"/"$2}' | grep -qx "15/replica"; then
    make_replica
  fi
  replica_ready && return
  # A replica left from an older run (made without the slot) may need WAL the
  # primary no longer has: copy the primary again rather than fail.
  log "the replica could not start or catch up; making it again"
  make_replica
  replica_ready && return
  log "the replica did not start"; return 1
}

app_env() {
  cat <<ENV
DJANGO_SETTINGS_MODULE=kei_site.settings.production
DJANGO_SECRET_KEY=$(cat "$CLUSTER_DIR/secret")
DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
DJANGO_SSL_REDIRECT=false
DJANGO_SECURE_COOKIES=false
DJANGO_HSTS_SECONDS=0
DATABASE_URL=$(primary_url)
DATABASE_REPLICA_URL=$(replica_url)
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
DJANGO_MEDIA_ROOT=$CLUSTER_DIR/media
DJANGO_SERVE_MEDIA=true
HTTP_CACHE_PURGE_URLS=http://127.0.0.1:$VARNISH_PORT/
ENV
}

manage() { env $(app_env | xargs) "$PY" manage.py "$@"; }

prepare_data() {
  manage migrate --noinput -v0
  manage collectstatic --noinput -v0
  local count
  count=$(psql_admin -d "$DB_NAME" -c "SELECT count(*) FROM briefs_brief" 2>/dev/null || echo 0)
  if [ "${count:-0}" -lt "$BRIEFS" ]; then
    if manage help generate_demo >/dev/null 2>&1; then
      log "generating $BRIEFS briefs"
      manage generate_demo --briefs "$BRIEFS" --seed 1
    else
      manage import_briefs seeds/ -v0
    fi
  fi
  # The replica replays the primary's WAL: wait until it holds the data too.
  for _ in $(seq 1 60); do
    local there
    there=$(runuser -u postgres -- psql -p "$REPLICA_PORT" -d "$DB_NAME" -qtA \
      -c "SELECT count(*) FROM briefs_brief" 2>/dev/null || echo -1)
    [ "$there" = "$(psql_admin -d "$DB_NAME" -c "SELECT count(*) FROM briefs_brief")" ] && return
    sleep 1
  done
  log "the replica did not catch up"; return 1
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_redis() {
  running "$CLUSTER_DIR/redis.pid" && return
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" \
    --appendonly no --pidfile "$CLUSTER_DIR/redis.pid" --dir "$CLUSTER_DIR" \
    --logfile "$CLUSTER_DIR/redis.log"
}

start_app() {
  local name=$1 port=$2
  running "$CLUSTER_DIR/$name.pid" && return
  # A master killed with -9 leaves its workers serving until they notice; they
  # hold the port, so they go first (what systemd does with a unit's cgroup).
  local leftover
  leftover=$(pgrep -f -- "--pid $CLUSTER_DIR/$name.pid" || true)
  if [ -n "$leftover" ]; then
    kill $leftover 2>/dev/null || true
    for _ in $(seq 1 40); do
      pgrep -f -- "--pid $CLUSTER_DIR/$name.pid" >/dev/null || break
      sleep 0.25
    done
    leftover=$(pgrep -f -- "--pid $CLUSTER_DIR/$name.pid" || true)
    [ -z "$leftover" ] || kill -9 $leftover 2>/dev/null || true
  fi
  env $(app_env | xargs) GUNICORN_BIND="127.0.0.1:$port" GUNICORN_WORKERS="$APP_WORKERS" \
    "$ROOT/.venv/bin/gunicorn" -c deploy/gunicorn.conf.py --no-control-socket \
    --pid "$CLUSTER_DIR/$name.pid" --daemon --capture-output \
    --error-logfile "$CLUSTER_DIR/$name.log"
}

start_worker() {
  running "$CLUSTER_DIR/worker.pid" && return
  # The task worker: background imports started in the admin of either server.
  env $(app_env | xargs) nohup "$PY" manage.py db_worker \
    >>"$CLUSTER_DIR/worker.log" 2>&1 </dev/null &
  echo $! >"$CLUSTER_DIR/worker.pid"
}

render() {
  sed -e "s/\${LB_PORT}/$LB_PORT/g" -e "s/\${APP1_PORT}/$APP1_PORT/g" \
    -e "s/\${APP2_PORT}/$APP2_PORT/g" -e "s#\${CLUSTER_DIR}#$CLUSTER_DIR#g" \
    -e "s/\${APP_MAXCONN}/$APP_WORKERS/g" "$1"
}

start_haproxy() {
  running "$CLUSTER_DIR/haproxy.pid" && return
  render deploy/haproxy.cfg >"$CLUSTER_DIR/haproxy.cfg"
  haproxy -q -f "$CLUSTER_DIR/haproxy.cfg"
}

start_varnish() {
  running "$CLUSTER_DIR/varnish.pid" && return
  render deploy/varnish.vcl >"$CLUSTER_DIR/varnish.vcl"
  varnishd -a "127.0.0.1:$VARNISH_PORT" -f "$CLUSTER_DIR/varnish.vcl" \
    -n "$CLUSTER_DIR/varnish" -P "$CLUSTER_DIR/varnish.pid" -s malloc,256m \
    -T 127.0.0.1:0 >"$CLUSTER_DIR/varnish.log" 2>&1
}

wait_for() {
  local url=$1
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return
    sleep 0.5
  done
  log "no answer from $url"; return 1
}

up() {
  mkdir -p "$CLUSTER_DIR/media"
  [ -f "$CLUSTER_DIR/secret" ] || "$PY" -c \
    "import secrets; print(secrets.token_urlsafe(50))" >"$CLUSTER_DIR/secret"
  ensure_packages
  start_primary
  start_replica
  prepare_data
  start_redis
  start_app app1 "$APP1_PORT"
  start_app app2 "$APP2_PORT"
  start_worker
  wait_for "http://127.0.0.1:$APP1_PORT/healthz"
  wait_for "http://127.0.0.1:$APP2_PORT/healthz"
  start_haproxy
  start_varnish
  wait_for "http://127.0.0.1:$LB_PORT/healthz"
  wait_for "http://127.0.0.1:$VARNISH_PORT/healthz"
  status
}

stop_pid() {
  local file="$CLUSTER_DIR/$1.pid"
  if running "$file"; then
    kill "$(cat "$file")" 2>/dev/null || true
    for _ in $(seq 1 20); do running "$file" || break; sleep 0.25; done
  fi
  rm -f "$file"
}

down() {
  for part in varnish haproxy app1 app2 worker redis; do stop_pid "$part"; done
  pg_ctlcluster 15 replica stop >/dev/null 2>&1 || true
  status
}

status() {
  for part in varnish haproxy app1 app2 worker redis; do
    if running "$CLUSTER_DIR/$part.pid"; then echo "$part: up"; else echo "$part: down"; fi
  done
  if pg_ctlcluster 15 replica status >/dev/null 2>&1; then
    echo "replica: up (port $REPLICA_PORT)"
  else
    echo "replica: down"
  fi
  if pg_ctlcluster 15 main status >/dev/null 2>&1; then echo "primary: up"; else echo "primary: down"; fi
}

start_part() {
  case "$1" in
    app1) start_app app1 "$APP1_PORT"; wait_for "http://127.0.0.1:$APP1_PORT/healthz" ;;
    app2) start_app app2 "$APP2_PORT"; wait_for "http://127.0.0.1:$APP2_PORT/healthz" ;;
    redis) start_redis ;;
    worker) start_worker ;;
    replica) start_replica ;;
    haproxy) start_haproxy ;;
    varnish) start_varnish ;;
    *) echo "unknown part: $1" >&2; return 2 ;;
  esac
}

stop_part() {
  case "$1" in
    replica) pg_ctlcluster 15 replica stop -m fast ;;
    app1 | app2 | worker | redis | haproxy | varnish) stop_pid "$1" ;;
    *) echo "unknown part: $1" >&2; return 2 ;;
  esac
}

lb_command() {
  "$PY" - "$CLUSTER_DIR/haproxy.sock" "$1" <<'PY'
import socket, sys
with socket.socket(socket.AF_UNIX) as sock:
    sock.connect(sys.argv[1])
    sock.sendall(sys.argv[2].encode() + b"\n")
    while chunk := sock.recv(65536):
        sys.stdout.write(chunk.decode())
PY
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  start) start_part "${2:?part}" ;;
  stop) stop_part "${2:?part}" ;;
  lb) lb_command "${2:?command}" ;;
  env) app_env ;;
  *) echo "usage: $0 up|down|status|start PART|stop PART|lb COMMAND|env" >&2; exit 2 ;;
esac
