#!/usr/bin/env bash
# Serve the dashboard to many readers: REPLICAS Streamlit processes on loopback ports behind HAProxy.
#
#   bash scripts/serve.sh                       # 2 replicas, readers connect to http://<host>:8500
#   REPLICAS=4 PORT=8080 bash scripts/serve.sh
#
# Environment:
#   REPLICAS      number of Streamlit processes (default 2; one per CPU core is a good start)
#   PORT          where HAProxy listens (default 8500)
#   ADDRESS       address HAProxy binds (default 0.0.0.0: all interfaces; 127.0.0.1 for this machine only)
#   BACKEND_PORT  first replica port on 127.0.0.1 (default PORT+1; replicas use BACKEND_PORT … +REPLICAS-1)
#   PYTHON        interpreter with the requirements installed (default .venv/bin/python, else python3)
#   HAPROXY       haproxy executable (default: haproxy on the PATH, else /usr/sbin/haproxy)
#
# Runs in the foreground. Ctrl-C or SIGTERM stops HAProxy and every replica it started. A replica that
# dies is restarted; HAProxy's health checks route readers around it meanwhile. The proxy settings and
# the reasons for them are in deploy/haproxy.cfg.
set -euo pipefail
cd "$(dirname "$0")/.."

REPLICAS="${REPLICAS:-2}"
PORT="${PORT:-8500}"
ADDRESS="${ADDRESS:-0.0.0.0}"
BACKEND_PORT="${BACKEND_PORT:-$((PORT + 1))}"
if [ -z "${PYTHON:-}" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
if [ -z "${HAPROXY:-}" ]; then
  HAPROXY="$(command -v haproxy || true)"
  [ -z "$HAPROXY" ] && [ -x /usr/sbin/haproxy ] && HAPROXY=/usr/sbin/haproxy
fi

say() { echo "serve.sh: $*" >&2; }
case "$REPLICAS" in '' | *[!0-9]* | 0) say "REPLICAS must be a whole number ≥ 1 (got '$REPLICAS')"; exit 2 ;; esac
case "$PORT$BACKEND_PORT" in *[!0-9]*) say "PORT and BACKEND_PORT must be numbers"; exit 2 ;; esac
if [ -z "${HAPROXY:-}" ] || ! [ -x "$HAPROXY" ]; then
  say "HAProxy is not installed. Debian/Ubuntu: sudo apt-get install haproxy · macOS: brew install haproxy"
  say "(or run one process without it: streamlit run app.py)"
  exit 127
fi
if ! "$PYTHON" -c "import streamlit" 2>/dev/null; then
  say "$PYTHON cannot import streamlit; install the requirements first: $PYTHON -m pip install -r requirements.txt"
  exit 127
fi

# A port already in use would make a replica fail and restart forever: refuse to start instead.
for port in "$PORT" $(seq "$BACKEND_PORT" $((BACKEND_PORT + REPLICAS - 1))); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "port $port is already in use (set PORT or BACKEND_PORT)"
    exit 1
  fi
done

# Job control: every background process gets its own process group, so a Ctrl-C in the terminal reaches
# only this script, whose trap then stops HAProxy and the replicas in order (a replica that got the Ctrl-C
# itself would be restarted by its supervisor in the meantime).
set -m

workdir="$(mktemp -d "${TMPDIR:-/tmp}/centralasia-serve.XXXXXX")"
pids=()
stopping=0

stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap '' INT TERM
  set +m  # no "Terminated" job notices for what we stop on purpose
  say "stopping HAProxy and $REPLICAS replica(s)"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
  rm -rf "$workdir"
}
trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

healthy() {
  "$PYTHON" -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:$1/_stcore/health', timeout=2).read() != b'ok')" 2>/dev/null
}

# Warm replicas: one session per page pays the imports and fills the shared caches, so the first readers
# after a (re)start get a warm process (a first run costs several times a warm one). Arguments: ports.
warm_up() {
  "$PYTHON" - "$@" <<'PY'
import asyncio, sys

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from centralasia.charts.registry import PAGES


async def warm(port: int) -> None:
    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream", subprotocols=["streamlit"], max_size=None) as ws:
        for page in PAGES:
            msg = BackMsg()
            msg.rerun_script.page_name = "" if page.default else page.url_path
            msg.rerun_script.query_string = "lang=en" + ("&chart=route-map" if page.hidden else "")
            await ws.send(msg.SerializeToString())
            while True:
                fwd = ForwardMsg()
                fwd.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
                if fwd.WhichOneof("type") == "script_finished" and fwd.script_finished != 2:
                    break


async def main() -> None:
    await asyncio.gather(*(warm(int(port)) for port in sys.argv[1:]))


asyncio.run(main())
PY
}

# One replica, restarted when it dies (until serve.sh stops). SIGTERM stops the replica and the loop.
supervise() {
  local port="$1" child="" poller="" down=0 restarts=0
  # SIGTERM stops the replica and, during a restart, the health poll that warms it (and that poll's own children:
  # a sleep or the warm-up), so nothing of this replica outlives serve.sh.
  trap 'down=1
        if [ -n "$poller" ]; then pkill -TERM -P "$poller" 2>/dev/null; kill -TERM "$poller" 2>/dev/null; fi
        [ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM
  while :; do
    "$PYTHON" -m streamlit run app.py \
      --server.address=127.0.0.1 --server.port="$port" --server.headless=true \
      --server.fileWatcherType=none --browser.gatherUsageStats=false >/dev/null &
    child=$!
    if ((restarts > 0)); then  # warm it as at start (in the background: `wait` lets SIGTERM through)
      (for _ in $(seq 1 100); do healthy "$port" && { warm_up "$port"; exit; }; sleep 0.3; done) >/dev/null 2>&1 &
      poller=$!
      wait "$poller" || true
      poller=""
      echo "serve.sh: replica on port $port is back" >&2
    fi
    restarts=$((restarts + 1))
    local status=0
    wait "$child" || status=$?
    [ "$down" = 1 ] && exit 0
    echo "serve.sh: replica on port $port exited (status $status); restarting it in 2 s" >&2
    sleep 2
  done
}

# All replicas share one cookie secret, so a signed cookie (XSRF token) made by one is valid on another
# after a failover.
if [ -z "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ]; then
  STREAMLIT_SERVER_COOKIE_SECRET="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
fi
export STREAMLIT_SERVER_COOKIE_SECRET ADDRESS PORT

backend="$workdir/backend.cfg"
echo "backend streamlit" >"$backend"
for ((i = 0; i < REPLICAS; i++)); do
  port=$((BACKEND_PORT + i))
  echo "    server replica$((i + 1)) 127.0.0.1:$port cookie r$((i + 1))" >>"$backend"
  supervise "$port" &
  pids+=("$!")
done
# The same replicas again as unchecked backups: used only when every checked server is marked down, so a check
# can never take the last live replica out (see deploy/haproxy.cfg).
for ((i = 0; i < REPLICAS; i++)); do
  echo "    server last$((i + 1)) 127.0.0.1:$((BACKEND_PORT + i)) backup no-check cookie b$((i + 1))" >>"$backend"
done

"$HAPROXY" -c -q -f deploy/haproxy.cfg -f "$backend" || { say "HAProxy rejected the configuration"; exit 1; }

# Wait (bounded) until every replica answers, so HAProxy starts with all of them up.
deadline=$((SECONDS + 120))
for ((i = 0; i < REPLICAS; i++)); do
  until healthy $((BACKEND_PORT + i)); do
    if ((SECONDS > deadline)); then say "replica on port $((BACKEND_PORT + i)) did not start within 120 s"; exit 1; fi
    sleep 0.3
  done
done

warm_up $(seq "$BACKEND_PORT" $((BACKEND_PORT + REPLICAS - 1))) ||
  say "warm-up failed; the replicas still serve, the first readers just wait longer"

"$HAPROXY" -db -f deploy/haproxy.cfg -f "$backend" &
haproxy_pid=$!
pids+=("$haproxy_pid")
sleep 0.3
kill -0 "$haproxy_pid" 2>/dev/null || { say "HAProxy exited at start (is port $PORT in use?)"; exit 1; }
say "ready: http://${ADDRESS/0.0.0.0/localhost}:$PORT — $REPLICAS replica(s) on 127.0.0.1:$BACKEND_PORT-$((BACKEND_PORT + REPLICAS - 1)); Ctrl-C stops all"

# Foreground until HAProxy exits or a signal arrives (the trap stops everything).
status=0
wait "$haproxy_pid" || status=$?
[ "$stopping" = 1 ] || say "HAProxy exited (status $status)"
exit "$status"
