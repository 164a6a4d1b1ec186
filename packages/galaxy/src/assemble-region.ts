/**
 * Turns generated parts into a `GeneratedRegion`: canonical row order (sectors by number, warps by
 * (from, to), stations/planets by (sector, name)), spoke landing for non-Nexus regions, and stats.
 */
import type { GeneratedRegion, GalaxyStats, PlanetRow, SectorRow, StationRow, WarpRow } from './galaxy-types.ts';
import { clusterRows, type RegionPlan } from './region-plan.ts';
import { findSpokeLanding } from './spoke-landing.ts';
import { bfs, buildWarpGraph } from './warp-graph.ts';

export interface RegionParts {
  sectors: SectorRow[];
  warps: WarpRow[];
  stations: StationRow[];
  planets: PlanetRow[];
}

const byName = (a: { sectorId: number; name: string }, b: { sectorId: number; name: string }): number =>
  a.sectorId - b.sectorId || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function assembleRegion(
  plan: RegionPlan,
  parts: RegionParts,
  clusterReseeds: GeneratedRegion['clusterReseeds'] = [],
): GeneratedRegion {
  const sectors = parts.sectors.slice().sort((a, b) => a.sectorNumber - b.sectorNumber);
  const warps = parts.warps.slice().sort((a, b) => a.fromSectorId - b.fromSectorId || a.toSectorId - b.toSectorId);
  const stations = parts.stations.slice().sort(byName);
  const planets = parts.planets.slice().sort(byName);
  const base = {
    totalSectors: plan.totalSectors,
    sectorIdStart: plan.sectorIdStart,
    capitalSectorNumber: plan.capitalSectorNumber,
    sectors,
    warps,
    stations,
    planets,
  };
  let nexusWarpSector: number | null = null;
  let spokeDistance: number | null = null;
  if (plan.regionType !== 'central_nexus') {
    const landing = findSpokeLanding(base);
    nexusWarpSector = landing.sectorNumber;
    spokeDistance = landing.distance;
    const s = sectors[landing.sectorNumber - 1]!;
    sectors[landing.sectorNumber - 1] = { ...s, isNexusProtected: true, specialFeatures: [...s.specialFeatures, 'nexus_spoke'] };
  }
  return {
    regionType: plan.regionType,
    tier: plan.tier,
    regionName: plan.regionName,
    seed: plan.seed,
    totalSectors: plan.totalSectors,
    capitalSectorNumber: plan.capitalSectorNumber,
    nexusWarpSector,
    sectorIdStart: plan.sectorIdStart,
    sectorIdEnd: plan.sectorIdStart + plan.totalSectors - 1,
    clusterReseeds,
    clusters: clusterRows(plan),
    zones: plan.zones.map((z) => ({ ...z })),
    sectors,
    warps,
    stations,
    planets,
    stats: computeStats(base, spokeDistance),
  };
}

export function computeStats(
  r: Pick<GeneratedRegion, 'totalSectors' | 'sectorIdStart' | 'capitalSectorNumber' | 'sectors' | 'warps' | 'stations' | 'planets'>,
  spokeDistance: number | null,
): GalaxyStats {
  const n = r.totalSectors;
  const degree = new Int32Array(n);
  let oneWay = 0, latent = 0;
  for (const w of r.warps) {
    if (!w.isBidirectional) oneWay++;
    if (w.isLatent) latent++;
    const a = w.fromSectorId - r.sectorIdStart, b = w.toSectorId - r.sectorIdStart;
    if (a >= 0 && a < n) degree[a]!++;
    if (b >= 0 && b < n) degree[b]!++;
  }
  let maxDeg = 0, sumDeg = 0;
  for (let i = 0; i < n; i++) {
    maxDeg = Math.max(maxDeg, degree[i]!);
    sumDeg += degree[i]!;
  }
  const groups = new Set<number>();
  let islandSectors = 0, nebula = 0, anomaly = 0;
  for (const s of r.sectors) {
    if (s.islandGroupId !== null) {
      islandSectors++;
      groups.add(s.islandGroupId);
    }
    if (s.sectorType === 'NEBULA') nebula++;
    else if (s.sectorType === 'ANOMALY') anomaly++;
  }
  const g = buildWarpGraph(n, r.sectorIdStart, r.warps);
  const dist = bfs(n, g.undStart, g.undList, r.capitalSectorNumber - 1);
  let maxDist = 0;
  for (let i = 0; i < n; i++) maxDist = Math.max(maxDist, dist[i]!);
  return {
    totalWarps: r.warps.length,
    oneWayWarps: oneWay,
    oneWayPct: r.warps.length ? Math.round((oneWay / r.warps.length) * 10000) / 100 : 0,
    latentWarps: latent,
    islandSectors,
    islandGroups: groups.size,
    maxWarpsPerSector: maxDeg,
    avgWarpsPerSector: n ? Math.round((sumDeg / n) * 100) / 100 : 0,
    stations: r.stations.length,
    planets: r.planets.length,
    nebulaSectors: nebula,
    anomalySectors: anomaly,
    maxCapitalDistance: maxDist,
    spokeDistance,
  };
}
