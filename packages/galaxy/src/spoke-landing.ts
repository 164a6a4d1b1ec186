/**
 * Spoke landing (where a region's end of the Nexus tunnel lands) and the cross-region link row (the Nexus attach step).
 *
 * Landing: BFS from the capital over the region's warps taken as undirected edges; eligible sectors are
 * at least 60 % of the maximum distance; prefer sectors without a formation, then sparse ones (no
 * station, planet or special location), then the farthest; ties by (x, y, z, sectorId). Islands are
 * unreachable and therefore never eligible. The Nexus end of every spoke is the Nexus CAPITAL (2251),
 * never "the lowest Nexus sector id" (docs/rules/original-defects.md #12).
 */
import { DomainError, NEXUS_CAPITAL_SECTOR_NUMBER } from '@sw/domain';
import { SPOKE_MIN_DISTANCE_SHARE } from './galaxy-density.ts';
import type { GeneratedRegion, PlanetRow, SectorRow, StationRow, WarpRow } from './galaxy-types.ts';
import { bfs, buildWarpGraph } from './warp-graph.ts';

export { NEXUS_CAPITAL_SECTOR_NUMBER };

export interface SpokeLandingInput {
  totalSectors: number;
  sectorIdStart: number;
  capitalSectorNumber: number;
  sectors: readonly SectorRow[];
  warps: readonly WarpRow[];
  stations: readonly StationRow[];
  planets: readonly PlanetRow[];
}

export interface SpokeLanding {
  sectorNumber: number;
  distance: number;
  maxDistance: number;
}

/** Picks the landing sector; `formationSectors` (region-local numbers) are avoided first when given. */
export function findSpokeLanding(region: SpokeLandingInput, formationSectors: ReadonlySet<number> = new Set()): SpokeLanding {
  const n = region.totalSectors;
  const g = buildWarpGraph(n, region.sectorIdStart, region.warps);
  const dist = bfs(n, g.undStart, g.undList, region.capitalSectorNumber - 1);
  let max = 0;
  for (let i = 0; i < n; i++) if (dist[i]! > max) max = dist[i]!;
  const occupied = new Set<number>();
  for (const s of region.stations) occupied.add(s.sectorNumber);
  for (const p of region.planets) occupied.add(p.sectorNumber);
  const threshold = SPOKE_MIN_DISTANCE_SHARE * max;
  let best: SectorRow | undefined;
  let bestKey: number[] = [];
  for (const s of region.sectors) {
    const d = dist[s.sectorNumber - 1] ?? -1;
    if (d < 0 || d < threshold || s.isCapital) continue;
    const sparse = !occupied.has(s.sectorNumber) && !s.specialFeatures.some((f) => f.startsWith('special_location:'));
    const key = [formationSectors.has(s.sectorNumber) ? 1 : 0, sparse ? 0 : 1, -d, s.x, s.y, s.z, s.sectorId];
    if (!best || compareKeys(key, bestKey) < 0) {
      best = s;
      bestKey = key;
    }
  }
  if (!best) {
    // Only possible for a degenerate single-sector graph: fall back to the lowest sector (documented fallback).
    const lowest = region.sectors[0];
    if (!lowest) throw new DomainError('ERR_GALAXY_VALIDATION_FAILED', 'region has no sectors');
    return { sectorNumber: lowest.sectorNumber, distance: 0, maxDistance: max };
  }
  return { sectorNumber: best.sectorNumber, distance: dist[best.sectorNumber - 1]!, maxDistance: max };
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** One `warp_tunnels` row linking a spoke region to the Nexus capital (insert with ON CONFLICT DO NOTHING). */
export interface SpokeLinkRow {
  idempotencyKey: string;
  fromSectorId: number;
  fromSectorNumber: number;
  toSectorId: number;
  toSectorNumber: number;
  tunnelType: 'NATURAL';
  isBidirectional: true;
  isLatent: false;
  turnCost: number;
}

/**
 * The cross-region link for `region` (its `nexusWarpSector`) to the Nexus capital 2251.
 * `regionId` is the DB id of the spoke region; `attempt` the Phase-14 attempt number (key `${regionId}:${attempt}`).
 */
export function spokeLink(
  region: Pick<GeneratedRegion, 'regionType' | 'nexusWarpSector' | 'sectorIdStart' | 'totalSectors'>,
  nexus: Pick<GeneratedRegion, 'regionType' | 'sectorIdStart' | 'capitalSectorNumber'>,
  opts: { regionId: string; attempt?: number },
): SpokeLinkRow {
  const attempt = opts.attempt ?? 1;
  if (nexus.regionType !== 'central_nexus') throw new DomainError('ERR_VALIDATION', 'spoke links attach to the Central Nexus');
  if (region.regionType === 'central_nexus') throw new DomainError('ERR_VALIDATION', 'the Nexus is not a spoke');
  const landing = region.nexusWarpSector;
  if (landing === null || landing < 1 || landing > region.totalSectors) {
    throw new DomainError('ERR_VALIDATION', 'region has no spoke landing sector');
  }
  if (!Number.isInteger(attempt) || attempt < 1) throw new DomainError('ERR_VALIDATION', 'attempt must be a positive integer');
  return {
    idempotencyKey: `${opts.regionId}:${attempt}`,
    fromSectorId: region.sectorIdStart + landing - 1,
    fromSectorNumber: landing,
    toSectorId: nexus.sectorIdStart + NEXUS_CAPITAL_SECTOR_NUMBER - 1,
    toSectorNumber: NEXUS_CAPITAL_SECTOR_NUMBER,
    tunnelType: 'NATURAL',
    isBidirectional: true,
    isLatent: false,
    turnCost: 1,
  };
}
