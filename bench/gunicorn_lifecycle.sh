# Sourced by the load benchmarks: one gunicorn at a time on $BASE, stopped on exit.
# Needs BASE, HOST, PORT and a `log` function from the script that sources it.

GUNICORN_PID=""
stop_gunicorn() {
  if [[ -n "$GUNICORN_PID" ]] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID" 2>/dev/null || true
    # Up to 15 s: sync workers finish the request they are serving first.
    for _ in $(seq 1 75); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$GUNICORN_PID" 2>/dev/null && kill -KILL "$GUNICORN_PID" 2>/dev/null || true
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  GUNICORN_PID=""
}
trap stop_gunicorn EXIT
trap 'exit 130' INT TERM

if curl -s -o /dev/null --max-time 1 "$BASE/"; then
  log "something already listens on $HOST:$PORT; refusing to run"; exit 1
fi
