/**
 * The hub's platform regions (Central Nexus, Terran Space): lookup by region_type (never by name, fixes
 * docs/rules/original-defects.md #10), global sector-id blocks (Terran 1–300, Nexus 301–5300 at bootstrap, later
 * regions after the highest allocated id), registry rows, seeds, world deletion and spoke links.
 */
import { randomBytes } from 'node:crypto';
import { DomainError, NEXUS_CAPITAL_SECTOR_NUMBER, type RegionType } from '@sw/domain';
import type { GeneratedRegion } from '@sw/galaxy';
import type postgres from 'postgres';

type Db = postgres.Sql | postgres.TransactionSql;
export type PlatformRegionType = Extract<RegionType, 'central_nexus' | 'terran_space'>;

/** The fixed identity and bootstrap id block of each platform region. */
export const PLATFORM_REGIONS: Record<PlatformRegionType, { name: string; displayName: string; subscriptionTier: string; preferredStart: number }> = {
  terran_space: { name: 'terran-space', displayName: 'Terran Space', subscriptionTier: 'standard', preferredStart: 1 },
  central_nexus: { name: 'central-nexus', displayName: 'Central Nexus', subscriptionTier: 'nexus', preferredStart: 301 },
};

/** Transaction-scoped advisory lock serialising every write to the hub's platform worlds (all replicas). */
export const PLATFORM_WORLD_LOCK_KEY = 0x5357_0102; // "SW" 2102

export interface PlatformRegionRow {
  id: string;
  name: string;
  generation_seed: string;
  sector_id_start: number | null;
  sector_id_end: number | null;
  total_sectors: number;
  capital_sector_number: number | null;
  nexus_warp_sector: number | null;
  generation_phase_checksums: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  sector_rows: number;
}

/** Takes the platform-world lock for the rest of `tx`. */
export async function lockPlatformWorld(tx: postgres.TransactionSql): Promise<void> {
  await tx`select pg_advisory_xact_lock(${PLATFORM_WORLD_LOCK_KEY})`;
}

/** The platform region of `type` with its world's sector count, or null. `forUpdate` locks the row. */
export async function findPlatformRegion(sql: Db, type: PlatformRegionType, forUpdate = false): Promise<PlatformRegionRow | null> {
  const rows = await sql<PlatformRegionRow[]>`
    select r.id, r.name, r.generation_seed::text as generation_seed, r.sector_id_start, r.sector_id_end, r.total_sectors,
           r.capital_sector_number, r.nexus_warp_sector, r.generation_phase_checksums, r.created_at, r.updated_at,
           (select count(*)::int from sectors s where s.region_id = r.id) as sector_rows
    from regions r where r.region_type = ${type}
    ${forUpdate ? sql`for update of r` : sql``}`;
  return rows[0] ?? null;
}

/**
 * First id of a free block of `size` global sector ids: `preferredStart` when no region's block and no hub
 * sector overlaps it, otherwise right after the highest id allocated anywhere.
 */
export async function allocateSectorBlock(sql: Db, preferredStart: number, size: number): Promise<number> {
  const end = preferredStart + size - 1;
  const [row] = await sql<{ overlaps: boolean; max_end: number | null }[]>`
    select
      exists (select 1 from regions where sector_id_start <= ${end} and sector_id_end >= ${preferredStart})
        or exists (select 1 from sectors where sector_id between ${preferredStart} and ${end}) as overlaps,
      greatest((select max(sector_id_end) from regions), (select max(sector_id) from sectors)) as max_end`;
  return row!.overlaps ? (row!.max_end ?? 0) + 1 : preferredStart;
}

/** A random positive 62-bit generation seed. */
export function randomSeed(): bigint {
  return randomBytes(8).readBigUInt64BE() >> 2n;
}

const MAX_SEED = (1n << 63n) - 1n;

/** Parses an API seed (decimal integer 0 … 2^63−1, as stored in regions.generation_seed); null/undefined → random. */
export function parseSeed(input: string | number | bigint | null | undefined): bigint {
  if (input === null || input === undefined || input === '') return randomSeed();
  let value: bigint;
  try {
    if (typeof input === 'number' && !Number.isSafeInteger(input)) throw new RangeError('unsafe');
    if (typeof input === 'string' && !/^\d{1,19}$/.test(input.trim())) throw new RangeError('not decimal');
    value = BigInt(typeof input === 'string' ? input.trim() : input);
  } catch {
    throw new DomainError('ERR_VALIDATION', `seed must be a non-negative integer up to ${MAX_SEED}`, { field: 'seed' });
  }
  if (value < 0n || value > MAX_SEED) {
    throw new DomainError('ERR_VALIDATION', `seed must be a non-negative integer up to ${MAX_SEED}`, { field: 'seed' });
  }
  return value;
}

/** Inserts (or, when `existingId` is given, updates) the registry row of a platform region for `generated`. */
export async function writePlatformRegionRow(
  tx: postgres.TransactionSql,
  type: PlatformRegionType,
  generated: GeneratedRegion,
  seed: bigint,
  existingId: string | null,
): Promise<string> {
  const meta = PLATFORM_REGIONS[type];
  if (existingId) {
    await tx`
      update regions set generation_seed = ${seed.toString()}::bigint, total_sectors = ${generated.totalSectors},
        capital_sector_number = ${generated.capitalSectorNumber}, nexus_warp_sector = ${generated.nexusWarpSector},
        sector_id_start = ${generated.sectorIdStart}, sector_id_end = ${generated.sectorIdEnd}, updated_at = now()
      where id = ${existingId}`;
    return existingId;
  }
  const [row] = await tx<{ id: string }[]>`
    insert into regions (name, display_name, region_type, subscription_tier, status, runtime_state, generation_seed,
      total_sectors, capital_sector_number, nexus_warp_sector, sector_id_start, sector_id_end)
    values (${meta.name}, ${meta.displayName}, ${type}, ${meta.subscriptionTier}, 'active', 'ready', ${seed.toString()}::bigint,
      ${generated.totalSectors}, ${generated.capitalSectorNumber}, ${generated.nexusWarpSector}, ${generated.sectorIdStart},
      ${generated.sectorIdEnd})
    returning id`;
  return row!.id;
}

/**
 * Deletes a region's world rows (planets, stations, warps, sectors, clusters, zones) and nothing else:
 * registry row, players, memberships and warp_tunnels (no FK to sectors) stay.
 */
export async function deleteWorldRows(tx: postgres.TransactionSql, regionId: string): Promise<void> {
  await tx`delete from planets where region_id = ${regionId}`;
  await tx`delete from stations where region_id = ${regionId}`;
  await tx`delete from sector_warps where region_id = ${regionId}`;
  await tx`delete from sectors where region_id = ${regionId}`;
  await tx`delete from clusters where region_id = ${regionId}`;
  await tx`delete from zones where region_id = ${regionId}`;
}

/** Global sector id of the Nexus capital (local 2251) for a Nexus id block. */
export function nexusCapitalSectorId(sectorIdStart: number): number {
  return sectorIdStart + NEXUS_CAPITAL_SECTOR_NUMBER - 1;
}

/**
 * Keeps every generated cross-region (NATURAL) tunnel's Nexus end on the capital after the Nexus was
 * (re)generated (docs/rules/original-defects.md #12: never "the lowest Nexus sector"). Returns the number of rows re-pointed.
 */
export async function repointSpokeTunnels(tx: postgres.TransactionSql, nexusId: string, capitalSectorId: number): Promise<number> {
  const a = await tx`
    update warp_tunnels set to_sector_id = ${capitalSectorId}
    where to_region_id = ${nexusId} and from_region_id <> ${nexusId} and tunnel_type = 'NATURAL' and to_sector_id <> ${capitalSectorId}`;
  const b = await tx`
    update warp_tunnels set from_sector_id = ${capitalSectorId}
    where from_region_id = ${nexusId} and to_region_id <> ${nexusId} and tunnel_type = 'NATURAL' and from_sector_id <> ${capitalSectorId}`;
  return a.count + b.count;
}

/**
 * Links a spoke region (by its stored nexus_warp_sector) to the Nexus capital with one NATURAL, bidirectional,
 * non-latent tunnel, idempotent by key `${regionId}:1`, and stamps
 * nexus_attach_completed_at. No-op when the spoke has no landing sector or block.
 */
export async function linkSpokeToNexus(tx: postgres.TransactionSql, spoke: PlatformRegionRow, nexus: PlatformRegionRow): Promise<void> {
  if (spoke.nexus_warp_sector === null || spoke.sector_id_start === null || nexus.sector_id_start === null) return;
  const from = spoke.sector_id_start + spoke.nexus_warp_sector - 1;
  await tx`
    insert into warp_tunnels (from_region_id, from_sector_id, to_region_id, to_sector_id, tunnel_type, is_bidirectional,
      is_latent, status, idempotency_key)
    values (${spoke.id}, ${from}, ${nexus.id}, ${nexusCapitalSectorId(nexus.sector_id_start)}, 'NATURAL', true, false, 'active',
      ${`${spoke.id}:1`})
    on conflict (idempotency_key) do nothing`;
  await tx`update regions set nexus_attach_completed_at = coalesce(nexus_attach_completed_at, now()) where id = ${spoke.id}`;
}
