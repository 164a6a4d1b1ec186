/**
 * Independent graph helpers for the galaxy tests (deliberately not the generator's own CSR/BFS code).
 */
import type { GeneratedRegion } from './galaxy-types.ts';

/** Distances from the capital; `directed` follows warp direction, otherwise every warp is two-way. */
export function distancesFromCapital(r: GeneratedRegion, directed: boolean): Map<number, number> {
  const adj = new Map<number, number[]>();
  const link = (a: number, b: number): void => {
    let l = adj.get(a);
    if (!l) adj.set(a, (l = []));
    l.push(b);
  };
  for (const w of r.warps) {
    link(w.fromSectorId, w.toSectorId);
    if (!directed || w.isBidirectional) link(w.toSectorId, w.fromSectorId);
  }
  const start = r.sectorIdStart + r.capitalSectorNumber - 1;
  const dist = new Map<number, number>([[start, 0]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of adj.get(v) ?? []) {
      if (!dist.has(w)) {
        dist.set(w, dist.get(v)! + 1);
        queue.push(w);
      }
    }
  }
  return dist;
}

export function warpCounts(r: GeneratedRegion): Map<number, number> {
  const deg = new Map<number, number>();
  for (const w of r.warps) {
    deg.set(w.fromSectorId, (deg.get(w.fromSectorId) ?? 0) + 1);
    deg.set(w.toSectorId, (deg.get(w.toSectorId) ?? 0) + 1);
  }
  return deg;
}
