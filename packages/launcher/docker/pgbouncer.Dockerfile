# Hub connection pooler of docker-compose.multi-regional.yml: Debian's pgbouncer (1.18 on bookworm), configured at start
# from the environment by pgbouncer-entrypoint.sh (transaction pooling; docs/decisions/hub-connection-pooling.md).
# Needs the Debian mirror at build time; offline machines build it where one is reachable and load the image.
ARG PGBOUNCER_BASE_IMAGE=debian:bookworm-slim
FROM ${PGBOUNCER_BASE_IMAGE}
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends pgbouncer \
    && rm -rf /var/lib/apt/lists/*
COPY packages/launcher/docker/pgbouncer-entrypoint.sh /usr/local/bin/pgbouncer-entrypoint.sh
USER postgres
EXPOSE 6432
ENTRYPOINT ["/bin/sh", "/usr/local/bin/pgbouncer-entrypoint.sh"]
