#!/usr/bin/env bash
# build-base-images.sh — produces the base images the docker runtime driver needs, LOCALLY, with no image registry:
#
#   sw-local/node:24-<hash>      the machine's own Node 24 runtime (the workspace's `node` npm package) + busybox
#   sw-local/postgres:15-<hash>  the machine's own PostgreSQL 15 (/usr/lib/postgresql/15) + busybox + an entrypoint that
#                                speaks the official postgres image's env interface (POSTGRES_USER / POSTGRES_PASSWORD / PGDATA)
#   sw-local/redis:7-<hash>      the machine's own redis-server / redis-cli + busybox
#
# Each is a minimal rootfs (the binaries, every shared library `ldd` lists for them, busybox applets as the shell)
# turned into an image with `docker import`. The tag carries a hash of the inputs (binary sizes + mtimes + this
# script), so an unchanged machine reuses the images (second run: ~1 s). The plain tags (sw-local/node:24 ...) are moved
# to the newest build. Prints `NAME=image:tag` lines (NODE_IMAGE, POSTGRES_IMAGE, REDIS_IMAGE) for eval / CI logs.
#
# Production uses the public images instead (node:24-bookworm-slim, postgres:15, redis:7): the service Dockerfiles
# take BASE_IMAGE as a build argument and the driver takes the images as options / env (SW_DOCKER_*_IMAGE).
#
# Needs: a running engine (ensure-engine.sh), root (installs Debian's busybox-static when missing), pnpm.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
WORK="${SW_BASE_IMAGES_WORKDIR:-/tmp/sw-base-images}"
PG_VER="${SW_PG_VERSION:-15}"
PG_BIN="/usr/lib/postgresql/$PG_VER/bin"

if ! command -v busybox >/dev/null 2>&1 && [[ ! -x /bin/busybox ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq busybox-static >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq busybox-static >/dev/null; }
fi
BUSYBOX="$(command -v busybox || echo /bin/busybox)"

NODE_BIN="$(cd "$REPO" && pnpm exec node -p 'process.execPath')"
NODE_BIN="$(readlink -f "$NODE_BIN")"
REDIS_BIN="$(command -v redis-server)"
REDIS_CLI="$(command -v redis-cli)"

fingerprint() { # inputs that change the images: binaries (real path, size, mtime) and this script's content
  local f
  { for f in "$@"; do stat -c '%n %s %Y' "$(readlink -f "$f")"; done; sha256sum <"${BASH_SOURCE[0]}"; } | sha256sum | cut -c1-12
}

# copy_with_libs ROOT FILE...: copies each file to the same path under ROOT plus every library ldd lists.
copy_with_libs() {
  local root="$1"; shift
  local f lib
  for f in "$@"; do
    mkdir -p "$root$(dirname "$f")"
    cp -aL "$f" "$root$f"
    while read -r lib; do
      [[ -n "$lib" && -e "$lib" ]] || continue
      mkdir -p "$root$(dirname "$lib")"
      [[ -e "$root$lib" ]] || cp -L "$lib" "$root$lib"
    done < <(ldd "$f" 2>/dev/null | grep -oE '(/[^ ]+\.so[^ ]*)' || true)
  done
}

# base_rootfs ROOT: busybox as /bin/sh & co, /etc files, /tmp.
base_rootfs() {
  local root="$1"
  rm -rf "$root"
  mkdir -p "$root"/{bin,etc,tmp,root,usr/local/bin,var/run}
  chmod 1777 "$root/tmp"
  cp "$BUSYBOX" "$root/bin/busybox"
  local a
  for a in $("$BUSYBOX" --list); do [[ -e "$root/bin/$a" ]] || ln -s busybox "$root/bin/$a"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000:node:/home/node:/bin/sh\npostgres:x:999:999:postgres:/var/lib/postgresql:/bin/sh\nredis:x:998:998:redis:/data:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\npostgres:x:999:\nredis:x:998:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
}

# import_rootfs ROOT IMAGE:TAG CHANGES...: tar the rootfs and docker import it (skipped when the tag exists).
import_rootfs() {
  local root="$1" ref="$2"; shift 2
  local args=() c
  for c in "$@"; do args+=(--change "$c"); done
  tar -C "$root" --numeric-owner -cf - . | docker import "${args[@]}" - "$ref" >/dev/null
}

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

mkdir -p "$WORK"

# --- node -------------------------------------------------------------------------------------------------------
NODE_TAG="24-$(fingerprint "$NODE_BIN" "$BUSYBOX")"
NODE_REF="sw-local/node:$NODE_TAG"
if ! have_image "$NODE_REF"; then
  R="$WORK/node"
  base_rootfs "$R"
  copy_with_libs "$R" "$NODE_BIN"
  mv "$R$NODE_BIN" "$R/usr/local/bin/node"
  mkdir -p "$R/home/node" "$R/app" && chown 1000:1000 "$R/home/node"
  import_rootfs "$R" "$NODE_REF" \
    'ENV PATH=/usr/local/bin:/usr/bin:/bin' 'ENV NODE_ENV=production' 'WORKDIR /app' 'CMD ["node"]' \
    'LABEL io.sectorwars.managed-by=sw-base-images'
  rm -rf "$R"
fi
docker tag "$NODE_REF" sw-local/node:24

# --- postgres ---------------------------------------------------------------------------------------------------
PG_FILES=("$PG_BIN/postgres" "$PG_BIN/initdb" "$PG_BIN/pg_ctl" "$PG_BIN/pg_isready" "$PG_BIN/psql")
PG_TAG="$PG_VER-$(fingerprint "${PG_FILES[@]}" "$BUSYBOX")"
PG_REF="sw-local/postgres:$PG_TAG"
if ! have_image "$PG_REF"; then
  R="$WORK/postgres"
  base_rootfs "$R"
  copy_with_libs "$R" "${PG_FILES[@]}"
  mkdir -p "$R/usr/lib/postgresql/$PG_VER/lib" "$R/usr/share/postgresql"
  cp -a "/usr/lib/postgresql/$PG_VER/lib/." "$R/usr/lib/postgresql/$PG_VER/lib/"
  # No JIT: llvmjit pulls in libLLVM (~100 MB); the server runs with jit=off without it.
  rm -rf "$R/usr/lib/postgresql/$PG_VER/lib/llvmjit"* "$R/usr/lib/postgresql/$PG_VER/lib/bitcode"
  for so in "$R/usr/lib/postgresql/$PG_VER/lib/"*.so; do copy_with_libs "$R" "${so#"$R"}"; done
  cp -a "/usr/share/postgresql/$PG_VER" "$R/usr/share/postgresql/"
  rm -rf "$R/usr/share/postgresql/$PG_VER/man" "$R/usr/share/postgresql/$PG_VER/contrib"
  mkdir -p "$R/usr/share/zoneinfo" && cp -a /usr/share/zoneinfo/. "$R/usr/share/zoneinfo/"
  for b in "${PG_FILES[@]}"; do ln -s "$b" "$R/usr/local/bin/$(basename "$b")"; done
  mkdir -p "$R/var/lib/postgresql/data" "$R/var/run/postgresql"
  chown -R 999:999 "$R/var/lib/postgresql" "$R/var/run/postgresql"
  chmod 700 "$R/var/lib/postgresql/data"
  cat >"$R/usr/local/bin/docker-entrypoint.sh" <<'ENTRY'
#!/bin/sh
# Minimal stand-in for the official postgres image's entrypoint: same env (POSTGRES_USER, POSTGRES_PASSWORD,
# POSTGRES_DB, PGDATA), initdb on an empty data directory, password auth for TCP, then exec postgres.
set -e
: "${PGDATA:=/var/lib/postgresql/data}"
: "${POSTGRES_USER:=postgres}"
if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" = postgres ]; then
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    pw="$(mktemp)"
    printf '%s\n' "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}" >"$pw"
    initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pw" --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C >/dev/null
    rm -f "$pw"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    if [ -n "$POSTGRES_DB" ] && [ "$POSTGRES_DB" != postgres ]; then
      postgres --single -D "$PGDATA" postgres <<SQL >/dev/null
CREATE DATABASE "$POSTGRES_DB";
SQL
    fi
  fi
  shift
  exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"
fi
exec "$@"
ENTRY
  chmod 755 "$R/usr/local/bin/docker-entrypoint.sh"
  import_rootfs "$R" "$PG_REF" \
    'ENV PATH=/usr/local/bin:/usr/bin:/bin' 'ENV PGDATA=/var/lib/postgresql/data' 'USER postgres' \
    'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' 'CMD ["postgres"]' 'EXPOSE 5432' \
    'LABEL io.sectorwars.managed-by=sw-base-images'
  rm -rf "$R"
fi
docker tag "$PG_REF" "sw-local/postgres:$PG_VER"

# --- redis ------------------------------------------------------------------------------------------------------
REDIS_TAG="7-$(fingerprint "$REDIS_BIN" "$REDIS_CLI" "$BUSYBOX")"
REDIS_REF="sw-local/redis:$REDIS_TAG"
if ! have_image "$REDIS_REF"; then
  R="$WORK/redis"
  base_rootfs "$R"
  copy_with_libs "$R" "$REDIS_BIN" "$REDIS_CLI"
  ln -sf "$REDIS_BIN" "$R/usr/local/bin/redis-server"
  ln -sf "$REDIS_CLI" "$R/usr/local/bin/redis-cli"
  mkdir -p "$R/data" && chown 998:998 "$R/data"
  import_rootfs "$R" "$REDIS_REF" \
    'ENV PATH=/usr/local/bin:/usr/bin:/bin' 'WORKDIR /data' 'USER redis' 'CMD ["redis-server"]' 'EXPOSE 6379' \
    'LABEL io.sectorwars.managed-by=sw-base-images'
  rm -rf "$R"
fi
docker tag "$REDIS_REF" sw-local/redis:7

# Older hash tags of the same images (inputs changed since): untag them; an image still used by a container stays.
for keep in "$NODE_REF" "$PG_REF" "$REDIS_REF"; do
  repo="${keep%%:*}"
  { docker image ls "$repo" --format '{{.Repository}}:{{.Tag}}' | grep -E ':[0-9]+-[0-9a-f]{12}$' | grep -vx "$keep" || true; } |
    while read -r old; do docker rmi "$old" >/dev/null 2>&1 || true; done
done

echo "NODE_IMAGE=$NODE_REF"
echo "POSTGRES_IMAGE=$PG_REF"
echo "REDIS_IMAGE=$REDIS_REF"
