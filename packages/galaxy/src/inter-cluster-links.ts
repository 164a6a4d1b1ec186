/**
 * Links between grid-adjacent clusters (right and down neighbours on the cluster grid). Every adjacent
 * pair gets `density.interClusterLinks` links between sectors on the facing edges; the first link of a
 * pair is always two-way, so the cluster graph (a grid, hence connected) keeps the region connected.
 * A sector carries at most one inter-cluster link, which keeps the per-sector cap easy to honour when a
 * cluster interior is later rebuilt around the fixed links.
 */
import { WARP_LIMITS } from './galaxy-density.ts';
import type { WarpRow } from './galaxy-types.ts';
import type { Rng } from './prng.ts';
import { clusterColumns, type ClusterPlan, type RegionPlan } from './region-plan.ts';

type Side = 'left' | 'right' | 'top' | 'bottom';

function endpoint(cp: ClusterPlan, side: Side, rng: Rng, island: Int32Array, used: Uint8Array): number {
  const cols = clusterColumns(cp.sectorCount);
  const base = cp.sectorStart - 1;
  let islandCells = 0;
  for (const g of cp.islands) islandCells += g.size;
  const main = cp.sectorCount - islandCells;
  const lastRow = Math.floor((main - 1) / cols);
  const onSide: number[] = [];
  const any: number[] = [];
  for (let i = 0; i < main; i++) {
    const L = base + i;
    if (used[L] || island[L]) continue;
    any.push(L);
    const col = i % cols, row = Math.floor(i / cols);
    const hit = side === 'left' ? col === 0 : side === 'right' ? col === cols - 1 || i === main - 1 : side === 'top' ? row === 0 : row === lastRow;
    if (hit) onSide.push(L);
  }
  const L = rng.pick(onSide.length > 0 ? onSide : any);
  used[L] = 1;
  return L;
}

export function buildInterClusterLinks(plan: RegionPlan, rng: Rng, island: Int32Array, degree: Int32Array): WarpRow[] {
  const byPos = new Map<string, ClusterPlan>();
  for (const c of plan.clusters) byPos.set(`${c.gridX},${c.gridY}`, c);
  const used = new Uint8Array(plan.totalSectors);
  const links: Array<[number, number]> = [];
  const optional: number[] = []; // link indexes that may become one-way
  for (const a of plan.clusters) {
    const right = byPos.get(`${a.gridX + 1},${a.gridY}`);
    const down = byPos.get(`${a.gridX},${a.gridY + 1}`);
    for (const [b, sa, sb] of [[right, 'right', 'left'], [down, 'bottom', 'top']] as const) {
      if (!b) continue;
      for (let l = 0; l < plan.density.interClusterLinks; l++) {
        if (l > 0) optional.push(links.length);
        links.push([endpoint(a, sa, rng, island, used), endpoint(b, sb, rng, island, used)]);
      }
    }
  }
  const d = plan.density;
  const oneWays = rng.sample(optional, rng.roundStochastic(links.length * (d.oneWayShareMin + rng.next() * (d.oneWayShareMax - d.oneWayShareMin))));
  const latent = rng.roundStochastic(oneWays.length * d.latentShareOfOneWays);
  const flag = new Uint8Array(links.length);
  oneWays.forEach((k, j) => (flag[k] = j < latent ? 2 : 1));
  return links.map(([a, b], k) => {
    degree[a]!++;
    degree[b]!++;
    const swap = flag[k] !== 0 && rng.chance(0.5);
    return {
      fromSectorId: plan.sectorIdStart + (swap ? b : a),
      toSectorId: plan.sectorIdStart + (swap ? a : b),
      isBidirectional: flag[k] === 0,
      isLatent: flag[k] === 2,
      turnCost: WARP_LIMITS.turnCost,
      warpStability: plan.warpStability,
    };
  });
}
