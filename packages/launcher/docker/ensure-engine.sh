#!/usr/bin/env bash
# ensure-engine.sh — makes sure a Docker engine answers, for the docker runtime driver's tests, CI and the bench.
#
# 1. When `docker info` already answers (DOCKER_HOST or /var/run/docker.sock) nothing is changed.
# 2. Otherwise installs Debian's docker.io when `dockerd` is missing (apt-get; needs root), starts `dockerd` in the
#    background (log: $SW_DOCKERD_LOG, default /tmp/sw-dockerd.log) and waits until it answers (max 60 s).
# 3. A dockerd started here is recorded in $SW_DOCKERD_PIDFILE (default /tmp/sw-dockerd.pid) so that
#    stop-engine.sh stops exactly that daemon (and never an engine that was already running).
#
# Exit 0 when an engine answers; prints `engine: already-running` or `engine: started <pid>`.
set -euo pipefail

PIDFILE="${SW_DOCKERD_PIDFILE:-/tmp/sw-dockerd.pid}"
LOG="${SW_DOCKERD_LOG:-/tmp/sw-dockerd.log}"
WAIT_S="${SW_DOCKERD_WAIT_S:-60}"

# One ensure at a time (parallel test workers / CI steps must not start two daemons).
exec 9>"${PIDFILE}.lock"
flock 9

engine_answers() { timeout 10 docker info >/dev/null 2>&1; }

# The compose tool (for `config` checks of docker-compose.multi-regional.yml): the docker CLI plugin or Debian's
# docker-compose; installed when neither exists (does not need the engine).
ensure_compose() {
  if docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1; then return 0; fi
  echo "engine: installing docker-compose (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq docker-compose >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq docker-compose >/dev/null; }
}

if engine_answers; then
  ensure_compose || echo "engine: could not install a compose tool" >&2
  echo "engine: already-running"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "engine: installing docker.io (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker.io >/dev/null
fi
if ! command -v docker >/dev/null 2>&1; then
  echo "engine: no docker CLI after install" >&2
  exit 1
fi
ensure_compose || echo "engine: could not install a compose tool" >&2

# A stale pidfile from an earlier run whose daemon died: forget it.
if [[ -f "$PIDFILE" ]] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then rm -f "$PIDFILE"; fi

if [[ ! -f "$PIDFILE" ]]; then
  # A leftover socket / pid of a dead daemon makes dockerd refuse to start.
  if [[ -f /var/run/docker.pid ]] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then rm -f /var/run/docker.pid; fi
  # 9>&-: the daemon must not inherit the lock's fd, or it would hold the lock for as long as it lives and every
  # later ensure-engine.sh (a second CI run, the bench after the tests) would block on flock forever.
  nohup dockerd --host=unix:///var/run/docker.sock >"$LOG" 2>&1 </dev/null 9>&- &
  echo $! >"$PIDFILE"
fi

for ((i = 0; i < WAIT_S * 4; i++)); do
  if DOCKER_HOST=unix:///var/run/docker.sock engine_answers; then
    echo "engine: started $(cat "$PIDFILE")"
    exit 0
  fi
  if ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    echo "engine: dockerd exited; log tail:" >&2
    tail -n 30 "$LOG" >&2 || true
    rm -f "$PIDFILE"
    exit 1
  fi
  sleep 0.25
done
echo "engine: dockerd did not answer within ${WAIT_S}s; log tail:" >&2
tail -n 30 "$LOG" >&2 || true
exit 1
