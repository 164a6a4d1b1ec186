/**
 * Read side of the Nexus subgraph: SQL over the hub's world tables (Central Nexus and Terran Space), always
 * finding the Nexus by region_type (never by name, docs/rules/original-defects.md #10). Rows come back already shaped
 * as the GraphQL types of subgraphs/nexus/schema.graphql.
 */
import { DomainError, NEXUS_CLUSTER_COUNT, assertUuid } from '@sw/domain';
import type postgres from 'postgres';

export interface NexusRow {
  id: string;
  created_at: Date;
  generation_seed: string;
  capital_sector_number: number | null;
  sector_id_start: number | null;
  galaxy_hash: string | null;
  sectors: number;
  ports: number;
  planets: number;
}

/** The Central Nexus registry row with its world's counts, or null when no Nexus region exists. */
export async function findNexus(sql: postgres.Sql): Promise<NexusRow | null> {
  const rows = await sql<NexusRow[]>`
    select r.id, r.created_at, r.generation_seed::text as generation_seed, r.capital_sector_number, r.sector_id_start,
      r.generation_phase_checksums -> 'galaxy' ->> 'hash' as galaxy_hash,
      (select count(*)::int from sectors where region_id = r.id) as sectors,
      (select count(*)::int from stations where region_id = r.id) as ports,
      (select count(*)::int from planets where region_id = r.id) as planets
    from regions r where r.region_type = 'central_nexus'`;
  return rows[0] ?? null;
}

/** The Nexus with a generated world; DomainError ERR_NEXUS_NOT_GENERATED otherwise. */
export async function requireNexus(sql: postgres.Sql): Promise<NexusRow> {
  const nexus = await findNexus(sql);
  if (!nexus || nexus.sectors === 0) throw new DomainError('ERR_NEXUS_NOT_GENERATED', 'the Central Nexus has not been generated');
  return nexus;
}

export interface ClusterView {
  id: string;
  regionId: string;
  clusterNumber: number;
  name: string;
  clusterType: string;
  gridX: number;
  gridY: number;
  sectorCount: number;
  firstSectorNumber: number;
  lastSectorNumber: number;
  portsCount: number;
  planetsCount: number;
  avgSecurityLevel: number;
  avgDevelopmentLevel: number;
  economicValue: number;
  warpStability: number;
  isDiscovered: boolean;
}

/** Clusters of a region with per-cluster aggregates (sectors, ports, planets, average security/development). */
export async function listClusters(sql: postgres.Sql, regionId: string, clusterNumber?: number): Promise<ClusterView[]> {
  return sql<ClusterView[]>`
    select c.id, c.region_id as "regionId", c.cluster_number as "clusterNumber", c.name, c.cluster_type::text as "clusterType",
      c.x as "gridX", c.y as "gridY", coalesce(s.n, 0) as "sectorCount", coalesce(s.lo, 0) as "firstSectorNumber",
      coalesce(s.hi, 0) as "lastSectorNumber", coalesce(st.n, 0) as "portsCount", coalesce(p.n, 0) as "planetsCount",
      coalesce(s.avg_sec, 0) as "avgSecurityLevel", coalesce(s.avg_dev, 0) as "avgDevelopmentLevel",
      c.economic_value as "economicValue", c.warp_stability::float8 as "warpStability", c.is_discovered as "isDiscovered"
    from clusters c
    left join lateral (
      select count(*)::int as n, min(sector_number) as lo, max(sector_number) as hi,
        round(avg(security_level), 2)::float8 as avg_sec, round(avg(development_level), 2)::float8 as avg_dev
      from sectors where cluster_id = c.id) s on true
    left join lateral (select count(*)::int as n from stations x join sectors y on y.sector_id = x.sector_id where y.cluster_id = c.id) st on true
    left join lateral (select count(*)::int as n from planets x join sectors y on y.sector_id = x.sector_id where y.cluster_id = c.id) p on true
    where c.region_id = ${regionId} ${clusterNumber === undefined ? sql`` : sql`and c.cluster_number = ${clusterNumber}`}
    order by c.cluster_number`;
}

/** One Nexus cluster; ERR_UNKNOWN_CLUSTER outside 1–20 or when missing, ERR_NEXUS_NOT_GENERATED without a Nexus. */
export async function getNexusCluster(sql: postgres.Sql, clusterNumber: number): Promise<ClusterView> {
  if (!Number.isInteger(clusterNumber) || clusterNumber < 1 || clusterNumber > NEXUS_CLUSTER_COUNT) {
    throw new DomainError('ERR_UNKNOWN_CLUSTER', `Nexus cluster ${clusterNumber} does not exist (1-${NEXUS_CLUSTER_COUNT})`);
  }
  const nexus = await requireNexus(sql);
  const [cluster] = await listClusters(sql, nexus.id, clusterNumber);
  if (!cluster) throw new DomainError('ERR_UNKNOWN_CLUSTER', `Nexus cluster ${clusterNumber} does not exist`);
  return cluster;
}

/** ACTIVE cross-region warp tunnels with either end in `regionId`. */
export async function countWarpGates(sql: postgres.Sql, regionId: string): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from warp_tunnels where status = 'active' and (from_region_id = ${regionId} or to_region_id = ${regionId})`;
  return row!.n;
}

export interface SectorView {
  regionId: string;
  clusterNumber: number;
  sectorNumber: number;
  sectorId: number;
  sectorType: string;
  isCapital: boolean;
  isNexusProtected: boolean;
  securityLevel: number;
  hazardLevel: number;
  developmentLevel: number;
  trafficLevel: number;
  zoneType: string | null;
  specialFeatures: string[];
}

const SECTOR_SELECT = (sql: postgres.Sql) => sql`
  select s.region_id as "regionId", c.cluster_number as "clusterNumber", s.sector_number as "sectorNumber", s.sector_id as "sectorId",
    s.sector_type as "sectorType", s.is_capital as "isCapital", s.is_nexus_protected as "isNexusProtected",
    s.security_level as "securityLevel", s.hazard_level as "hazardLevel", s.development_level as "developmentLevel",
    s.traffic_level as "trafficLevel", z.zone_type::text as "zoneType", s.special_features as "specialFeatures"
  from sectors s join clusters c on c.id = s.cluster_id left join zones z on z.id = s.zone_id`;

/**
 * A hub sector (Nexus or Terran Space) by its federation key. ERR_VALIDATION for a malformed region uuid or
 * non-positive numbers; ERR_UNKNOWN_SECTOR when no such sector exists in that cluster of that region.
 */
export async function getSector(sql: postgres.Sql, regionId: unknown, clusterNumber: unknown, sectorNumber: unknown): Promise<SectorView> {
  const region = assertUuid(regionId, 'regionId');
  for (const [field, v] of [['clusterNumber', clusterNumber], ['sectorNumber', sectorNumber]] as const) {
    if (!Number.isInteger(v)) throw new DomainError('ERR_VALIDATION', `${field} must be an integer`, { field });
  }
  const rows = await sql<SectorView[]>`${SECTOR_SELECT(sql)}
    where s.region_id = ${region} and s.sector_number = ${sectorNumber as number} and c.cluster_number = ${clusterNumber as number}`;
  if (!rows[0]) {
    throw new DomainError('ERR_UNKNOWN_SECTOR', `sector ${String(sectorNumber)} of cluster ${String(clusterNumber)} does not exist in region ${region}`);
  }
  return rows[0];
}

/** Up to `limit` sectors of a cluster, lowest numbers first. */
export async function sampleSectors(sql: postgres.Sql, clusterId: string, limit = 10): Promise<SectorView[]> {
  return sql<SectorView[]>`${SECTOR_SELECT(sql)} where s.cluster_id = ${clusterId} order by s.sector_number limit ${limit}`;
}

export interface StationView {
  id: string;
  sectorId: number;
  name: string;
  sectorNumber: number;
  stationClass: number;
  stationType: string;
  isStarportPrime: boolean;
  tradedockTier: string | null;
  isSpacedock: boolean;
  securityTier: string | null;
}

export interface PlanetView {
  id: string;
  sectorId: number;
  name: string;
  sectorNumber: number;
  planetType: string;
  habitability: number;
  population: number;
  maxPopulation: number;
  isPopulationHub: boolean;
}

const STATION_SELECT = (sql: postgres.Sql) => sql`
  select x.id, x.sector_id as "sectorId", x.name, s.sector_number as "sectorNumber", x.station_class as "stationClass",
    x.station_type as "stationType", x.is_starport_prime as "isStarportPrime", x.tradedock_tier as "tradedockTier",
    x.is_spacedock as "isSpacedock", x.security_tier as "securityTier"
  from stations x join sectors s on s.sector_id = x.sector_id`;

const PLANET_SELECT = (sql: postgres.Sql) => sql`
  select x.id, x.sector_id as "sectorId", x.name, s.sector_number as "sectorNumber", x.planet_type as "planetType",
    x.habitability, x.population::float8 as population, x.max_population::float8 as "maxPopulation",
    x.is_population_hub as "isPopulationHub"
  from planets x join sectors s on s.sector_id = x.sector_id`;

/** Up to `limit` stations / planets of a cluster, by sector number then name. */
export async function sampleStations(sql: postgres.Sql, clusterId: string, limit = 10): Promise<StationView[]> {
  return sql<StationView[]>`${STATION_SELECT(sql)} where s.cluster_id = ${clusterId} order by s.sector_number, x.name limit ${limit}`;
}
export async function samplePlanets(sql: postgres.Sql, clusterId: string, limit = 10): Promise<PlanetView[]> {
  return sql<PlanetView[]>`${PLANET_SELECT(sql)} where s.cluster_id = ${clusterId} order by s.sector_number, x.name limit ${limit}`;
}

/** Stations per global sector id (batch for DataLoader). */
export async function stationsBySectorIds(sql: postgres.Sql, ids: readonly number[]): Promise<StationView[][]> {
  const rows = await sql<StationView[]>`${STATION_SELECT(sql)} where x.sector_id = any(${ids as number[]}::int[]) order by x.name`;
  return ids.map((id) => rows.filter((r) => r.sectorId === id));
}
export async function planetsBySectorIds(sql: postgres.Sql, ids: readonly number[]): Promise<PlanetView[][]> {
  const rows = await sql<PlanetView[]>`${PLANET_SELECT(sql)} where x.sector_id = any(${ids as number[]}::int[]) order by x.name`;
  return ids.map((id) => rows.filter((r) => r.sectorId === id));
}

/** Sector numbers reachable by one warp from each sector (one-way warps only in their direction). */
export async function warpsToBySectorIds(sql: postgres.Sql, ids: readonly number[]): Promise<number[][]> {
  const rows = await sql<{ from_id: number; to_id: number; bidi: boolean; from_n: number; to_n: number }[]>`
    select w.from_sector_id as from_id, w.to_sector_id as to_id, w.is_bidirectional as bidi, f.sector_number as from_n, t.sector_number as to_n
    from sector_warps w join sectors f on f.sector_id = w.from_sector_id join sectors t on t.sector_id = w.to_sector_id
    where w.from_sector_id = any(${ids as number[]}::int[]) or (w.is_bidirectional and w.to_sector_id = any(${ids as number[]}::int[]))`;
  const out = new Map<number, Set<number>>(ids.map((id) => [id, new Set<number>()]));
  for (const r of rows) {
    out.get(r.from_id)?.add(r.to_n);
    if (r.bidi) out.get(r.to_id)?.add(r.from_n);
  }
  return ids.map((id) => [...out.get(id)!].sort((a, b) => a - b));
}
