#!/bin/sh
# Writes pgbouncer's config from the environment and runs it in the foreground (pgbouncer.Dockerfile; the pgbouncer
# entrypoint test runs this same script on the host).
#   PGBOUNCER_SERVER_HOST / PGBOUNCER_SERVER_PORT  the hub Postgres
#   PGBOUNCER_DATABASE                             the one database it serves (same name on both sides)
#   PGBOUNCER_USER / PGBOUNCER_PASSWORD            the only client role; pgbouncer logs in to Postgres as it too
#   PGBOUNCER_POOL_SIZE (20), PGBOUNCER_MAX_CLIENTS (2000), PGBOUNCER_PORT (6432), PGBOUNCER_LISTEN (0.0.0.0)
#   PGBOUNCER_RUN_DIR (/tmp)                       where the generated files live
# Transaction pooling: a server connection is lent for one transaction, so clients must not rely on session state and
# must not use named prepared statements (the services set DATABASE_POOL_MODE=transaction).
set -eu
: "${PGBOUNCER_SERVER_HOST:?}" "${PGBOUNCER_DATABASE:?}" "${PGBOUNCER_USER:?}" "${PGBOUNCER_PASSWORD:?}"
dir="${PGBOUNCER_RUN_DIR:-/tmp}"
umask 077
printf '"%s" "%s"\n' "$PGBOUNCER_USER" "$PGBOUNCER_PASSWORD" >"$dir/userlist.txt"
cat >"$dir/pgbouncer.ini" <<INI
[databases]
${PGBOUNCER_DATABASE} = host=${PGBOUNCER_SERVER_HOST} port=${PGBOUNCER_SERVER_PORT:-5432} dbname=${PGBOUNCER_DATABASE}

[pgbouncer]
listen_addr = ${PGBOUNCER_LISTEN:-0.0.0.0}
listen_port = ${PGBOUNCER_PORT:-6432}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = ${PGBOUNCER_POOL_SIZE:-20}
max_client_conn = ${PGBOUNCER_MAX_CLIENTS:-2000}
pidfile = $dir/pgbouncer.pid
INI
exec pgbouncer "$dir/pgbouncer.ini"
