#!/usr/bin/env bash
# stop-engine.sh — stops the dockerd that ensure-engine.sh started (recorded in $SW_DOCKERD_PIDFILE); a daemon that
# was already running before ensure-engine.sh is left alone. Waits up to 30 s for a clean exit, then SIGKILLs.
set -euo pipefail
PIDFILE="${SW_DOCKERD_PIDFILE:-/tmp/sw-dockerd.pid}"
if [[ ! -f "$PIDFILE" ]]; then
  echo "engine: not started by ensure-engine.sh; left alone"
  exit 0
fi
pid="$(cat "$PIDFILE")"
if kill -0 "$pid" 2>/dev/null; then
  kill -TERM "$pid"
  for ((i = 0; i < 120; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" || true; fi
fi
rm -f "$PIDFILE"
echo "engine: stopped $pid"
