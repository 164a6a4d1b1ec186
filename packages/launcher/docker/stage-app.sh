#!/usr/bin/env bash
# stage-app.sh OUT_DIR [PACKAGE] — stages a self-contained, production-only copy of one workspace package (default
# @sw/orchestrator) as a Docker build context, from the workspace's INSTALLED node_modules (no registry, no pnpm
# store or metadata cache: works on a fresh clone after `pnpm install --frozen-lockfile`, with an empty HOME,
# offline). The work is done by packages/launcher/src/stage-app.ts (layout described there).
# ~2 s, ~75 MB for @sw/orchestrator. Used by region-image.ts (region-server image) and usable for any service image.
set -euo pipefail
OUT="${1:?usage: stage-app.sh OUT_DIR [PACKAGE]}"
PKG="${2:-@sw/orchestrator}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
# The workspace's Node 24 (type stripping); the machine's `node` may be older.
NODE="$REPO/node_modules/node/bin/node"
[[ -x "$NODE" ]] || NODE=node
exec "$NODE" "$REPO/packages/launcher/src/stage-app.ts" "$OUT" "$PKG"
