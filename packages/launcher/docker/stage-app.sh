#!/usr/bin/env bash
# stage-app.sh OUT_DIR [PACKAGE] — stages a self-contained, production-only copy of one workspace package (default
# @sw/orchestrator) as a Docker build context, OFFLINE (from the local pnpm store):
#   pnpm deploy --prod --legacy --offline with node-linker=hoisted, then the workspace packages (@sw/*) are moved out
#   of node_modules to OUT_DIR/sw/<name> and symlinked back, because Node's type stripping refuses .ts files that
#   live under node_modules. Their own dependencies resolve from the hoisted OUT_DIR/node_modules.
# ~4 s, ~75 MB for @sw/orchestrator. Used by region-image.ts (region-server image) and usable for any service image.
set -euo pipefail
OUT="${1:?usage: stage-app.sh OUT_DIR [PACKAGE]}"
PKG="${2:-@sw/orchestrator}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
rm -rf "$OUT"
cd "$REPO"
flock /tmp/sw-pnpm.lock pnpm --filter "$PKG" --config.node-linker=hoisted deploy --prod --legacy --offline "$OUT" >"$OUT.log" 2>&1 \
  || { tail -n 20 "$OUT.log" >&2; exit 1; }
mkdir -p "$OUT/sw"
if [[ -d "$OUT/node_modules/@sw" ]]; then
  for d in "$OUT/node_modules/@sw/"*; do
    n="$(basename "$d")"
    [[ -L "$d" ]] && continue
    mv "$d" "$OUT/sw/$n"
    ln -s "../../sw/$n" "$OUT/node_modules/@sw/$n"
  done
fi
rm -rf "$OUT/node_modules/.pnpm" "$OUT/node_modules/.cache" "$OUT/node_modules/.modules.yaml"
echo "staged $PKG in $OUT ($(du -sh "$OUT" | cut -f1))"
