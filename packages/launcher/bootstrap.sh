#!/usr/bin/env bash
# Installs what a fresh machine lacks before the platform or the tests run:
#   pnpm 10 (from the npm registry), the workspace dependencies (which bring Node 24 LTS as the `node` devDependency),
#   with --browser Debian's chromium for Playwright, Debian's nginx and pgbouncer (several gateways behind nginx with
#   GATEWAY_REPLICAS, and the pooling tests), Debian's prometheus (the launcher's monitoring, promtool for the rule
#   tests) and pgbackrest (hub backups and the restore drill), and starts the local PostgreSQL / Redis if they do not answer.
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."

want_browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=1 ;;
  esac
done

export NEXT_TELEMETRY_DISABLED=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi; }

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm -v 2>/dev/null)" != 10.* ]]; then
  echo "bootstrap: installing pnpm 10"
  npm install -g pnpm@10.34.8 >/dev/null 2>&1 || as_root npm install -g pnpm@10.34.8
fi

if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile --reporter=silent
else
  pnpm install --prefer-offline --reporter=silent
fi

if [ "$want_browser" = 1 ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "bootstrap: installing Debian chromium for browser tests"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

# nginx fronts several gateway processes (GATEWAY_REPLICAS > 1); pgbouncer pools hub connections (tests, compose);
# prometheus (with promtool) is the launcher's monitoring; pgbackrest backs up the hub (docs/decisions/backups.md).
# The launcher and the tests run their own instances on their own ports, so the packages' system services are not
# wanted (and no recommended extras such as prometheus-node-exporter).
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
command -v prometheus >/dev/null 2>&1 || [ -x /usr/bin/prometheus ] || missing+=(prometheus)
command -v pgbackrest >/dev/null 2>&1 || [ -x /usr/bin/pgbackrest ] || missing+=(pgbackrest)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bootstrap: installing Debian ${missing[*]}"
  if as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    if command -v systemctl >/dev/null 2>&1; then as_root systemctl disable --now "${missing[@]}" >/dev/null 2>&1 || true; fi
    # Debian's postinst may have started them without systemd (init scripts); the launcher runs its own.
    for svc in "${missing[@]}"; do
      [ -x "/etc/init.d/$svc" ] && as_root "/etc/init.d/$svc" stop >/dev/null 2>&1 || true
    done
  else
    echo "bootstrap: could not install ${missing[*]}; GATEWAY_REPLICAS > 1, monitoring, backups and their tests need them"
  fi
fi

# The embedded default uses the machine's PostgreSQL and Redis; start them when they are installed but stopped.
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "bootstrap: starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
fi
if command -v redis-cli >/dev/null && ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  echo "bootstrap: starting Redis"
  as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null || true
fi
