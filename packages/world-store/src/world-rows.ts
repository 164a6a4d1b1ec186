/**
 * Column lists and row encoders that map the generator's rows (`@sw/galaxy` GeneratedRegion) onto the world
 * tables shared by the hub and region databases (drizzle/src/schema/world-tables.ts). One home for the mapping,
 * used by the full persist and by the single-cluster regeneration.
 */
import { randomUUID } from 'node:crypto';
import type { ClusterRow, GeneratedRegion, PlanetRow, SectorRow, StationRow, WarpRow, ZoneRow } from '@sw/galaxy';
import type { CopyValue } from './copy-rows.ts';

export const ZONE_COLUMNS = ['id', 'region_id', 'name', 'zone_type', 'start_sector', 'end_sector', 'policing_level', 'danger_rating'] as const;

/** Postgres type of every world column written here (used by the unnest load path to cast its text arrays). */
export const COLUMN_TYPES: Readonly<Record<string, string>> = {
  id: 'uuid', region_id: 'uuid', cluster_id: 'uuid', zone_id: 'uuid', name: 'text', zone_type: 'zone_type',
  cluster_type: 'cluster_type', start_sector: 'int', end_sector: 'int', policing_level: 'smallint', danger_rating: 'smallint',
  cluster_number: 'int', sector_count: 'int', is_discovered: 'boolean', stats: 'jsonb', economic_value: 'int',
  recommended_ship_class: 'text', x: 'int', y: 'int', z: 'int', warp_stability: 'real', sector_id: 'int', sector_number: 'int',
  is_capital: 'boolean', security_level: 'smallint', development_level: 'smallint', traffic_level: 'smallint',
  hazard_level: 'smallint', sector_type: 'text', is_nexus_protected: 'boolean', special_features: 'text[]', resources: 'jsonb',
  from_sector_id: 'int', to_sector_id: 'int', is_bidirectional: 'boolean', is_latent: 'boolean', turn_cost: 'smallint',
  station_class: 'smallint', station_type: 'text', is_starport_prime: 'boolean', tradedock_tier: 'text', is_spacedock: 'boolean',
  security_tier: 'text', transient_slips: 'int', long_term_slips: 'int', services: 'jsonb', planet_type: 'text',
  habitability: 'smallint', population: 'bigint', max_population: 'bigint', is_population_hub: 'boolean',
};
export const CLUSTER_COLUMNS = [
  'id', 'region_id', 'cluster_number', 'name', 'cluster_type', 'sector_count', 'is_discovered', 'stats', 'economic_value',
  'recommended_ship_class', 'x', 'y', 'z', 'warp_stability',
] as const;
export const SECTOR_COLUMNS = [
  'sector_id', 'sector_number', 'region_id', 'cluster_id', 'zone_id', 'is_capital', 'security_level', 'development_level',
  'traffic_level', 'hazard_level', 'sector_type', 'is_nexus_protected', 'special_features', 'resources', 'x', 'y', 'z',
] as const;
export const WARP_COLUMNS = ['region_id', 'from_sector_id', 'to_sector_id', 'is_bidirectional', 'is_latent', 'turn_cost', 'warp_stability'] as const;
export const STATION_COLUMNS = [
  'region_id', 'sector_id', 'name', 'station_class', 'station_type', 'is_starport_prime', 'tradedock_tier', 'is_spacedock',
  'security_tier', 'transient_slips', 'long_term_slips', 'services',
] as const;
export const PLANET_COLUMNS = [
  'region_id', 'sector_id', 'name', 'planet_type', 'habitability', 'population', 'max_population', 'is_population_hub', 'resources',
] as const;

/** Database ids chosen client-side for the rows other rows point at (zones and clusters), so one COPY pass suffices. */
export interface WorldIds {
  zoneIds: string[];
  clusterIdByNumber: Map<number, string>;
}

/** Fresh uuids for the region's zones and clusters. */
export function allocateWorldIds(generated: Pick<GeneratedRegion, 'zones' | 'clusters'>): WorldIds {
  return {
    zoneIds: generated.zones.map(() => randomUUID()),
    clusterIdByNumber: new Map(generated.clusters.map((c) => [c.clusterNumber, randomUUID()])),
  };
}

export function zoneRow(regionId: string, id: string, z: ZoneRow): CopyValue[] {
  return [id, regionId, z.name, z.zoneType, z.sectorStart, z.sectorEnd, z.policingLevel, z.dangerLevel];
}

export function clusterRow(regionId: string, id: string, c: ClusterRow): CopyValue[] {
  const stats = { sector_start: c.sectorStart, sector_end: c.sectorEnd, zone_type: c.zoneType };
  return [
    id, regionId, c.clusterNumber, c.name, c.clusterType, c.sectorCount, c.isDiscovered, stats, c.economicValue,
    c.recommendedShipClass, c.x, c.y, c.z, c.warpStability,
  ];
}

/** Zone id per region-local sector number (index = sectorNumber), from the zones' sector ranges. */
export function zoneIdBySectorNumber(zones: readonly ZoneRow[], zoneIds: readonly string[], totalSectors: number): (string | null)[] {
  const out = new Array<string | null>(totalSectors + 1).fill(null);
  zones.forEach((z, k) => {
    for (let n = Math.max(1, z.sectorStart); n <= Math.min(totalSectors, z.sectorEnd); n++) out[n] = zoneIds[k]!;
  });
  return out;
}

/** Asteroid yields and the island group live in the sector's `resources` jsonb. */
export function sectorResources(s: SectorRow): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  if (s.oreYield) r.ore = s.oreYield;
  if (s.preciousMetalsYield) r.precious_metals = s.preciousMetalsYield;
  if (s.quantumShardsYield) r.quantum_shards = s.quantumShardsYield;
  if (s.islandGroupId !== null) r.island_group_id = s.islandGroupId;
  return r;
}

export function sectorRow(regionId: string, clusterId: string, zoneId: string | null, s: SectorRow): CopyValue[] {
  return [
    s.sectorId, s.sectorNumber, regionId, clusterId, zoneId, s.isCapital, s.securityLevel, s.developmentLevel, s.trafficLevel,
    s.hazardLevel, s.sectorType, s.isNexusProtected, s.specialFeatures, sectorResources(s), s.x, s.y, s.z,
  ];
}

export function warpRow(regionId: string, w: WarpRow): CopyValue[] {
  return [regionId, w.fromSectorId, w.toSectorId, w.isBidirectional, w.isLatent, w.turnCost, w.warpStability];
}

/** 'CLASS_7' → 7. */
export function stationClassNumber(stationClass: string): number {
  const n = Number(stationClass.replace(/^CLASS_/, ''));
  if (!Number.isInteger(n) || n < 0 || n > 11) throw new RangeError(`bad station class ${stationClass}`);
  return n;
}

export function stationRow(regionId: string, s: StationRow): CopyValue[] {
  return [
    regionId, s.sectorId, s.name, stationClassNumber(s.stationClass), s.stationType, s.isStarportPrime, s.tradedockTier,
    s.isSpacedock, s.securityTier, s.dockingSlipsTransient ?? 0, s.dockingSlipsLongTerm ?? 0, { offered: s.services, size: s.size },
  ];
}

export function planetRow(regionId: string, p: PlanetRow): CopyValue[] {
  return [
    regionId, p.sectorId, p.name, p.planetType, p.habitability, p.population, p.maxPopulation, p.isPopulationHub,
    { is_habitable: p.isHabitable },
  ];
}
