/**
 * Compact adjacency (CSR) over a region's warps, indexed by region-local index (sectorId − sectorIdStart).
 * Used by the spoke-landing BFS and by the validation gate; out-of-range endpoints are skipped here and
 * reported by the validator.
 */
import type { WarpRow } from './galaxy-types.ts';

export interface WarpGraph {
  /** Directed neighbours (a two-way warp appears in both directions). */
  outStart: Int32Array;
  outList: Int32Array;
  /** Undirected neighbours (every warp in both directions). */
  undStart: Int32Array;
  undList: Int32Array;
}

function csr(n: number, pairs: Int32Array, count: number): [Int32Array, Int32Array] {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < count; k++) start[pairs[2 * k]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const list = new Int32Array(count);
  for (let k = 0; k < count; k++) list[fill[pairs[2 * k]!]!++] = pairs[2 * k + 1]!;
  return [start, list];
}

export function buildWarpGraph(n: number, sectorIdStart: number, warps: readonly WarpRow[]): WarpGraph {
  const out = new Int32Array(warps.length * 4);
  const und = new Int32Array(warps.length * 4);
  let o = 0, u = 0;
  for (const w of warps) {
    const a = w.fromSectorId - sectorIdStart, b = w.toSectorId - sectorIdStart;
    if (a < 0 || a >= n || b < 0 || b >= n || !Number.isInteger(a) || !Number.isInteger(b)) continue;
    out[2 * o] = a; out[2 * o + 1] = b; o++;
    if (w.isBidirectional) { out[2 * o] = b; out[2 * o + 1] = a; o++; }
    und[2 * u] = a; und[2 * u + 1] = b; u++;
    und[2 * u] = b; und[2 * u + 1] = a; u++;
  }
  const [outStart, outList] = csr(n, out, o);
  const [undStart, undList] = csr(n, und, u);
  return { outStart, outList, undStart, undList };
}

/** BFS distances from `source` (−1 = unreachable). */
export function bfs(n: number, start: Int32Array, list: Int32Array, source: number): Int32Array {
  const dist = new Int32Array(n).fill(-1);
  if (source < 0 || source >= n) return dist;
  const queue = new Int32Array(n);
  let head = 0, tail = 0;
  dist[source] = 0;
  queue[tail++] = source;
  while (head < tail) {
    const v = queue[head++]!;
    const dv = dist[v]! + 1;
    for (let k = start[v]!; k < start[v + 1]!; k++) {
      const w = list[k]!;
      if (dist[w] === -1) {
        dist[w] = dv;
        queue[tail++] = w;
      }
    }
  }
  return dist;
}
