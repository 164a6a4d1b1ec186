/**
 * REGION_GENERATED work: allocate the region's global sector-id block, generate its world with
 * @sw/galaxy (deterministic from regions.generation_seed, so a re-run after a crash produces the same
 * rows), validate it, and write it into the REGION database in one transaction with @sw/world-store's
 * persistWorld (the one bulk world writer). Nothing else in the orchestrator writes world rows.
 */
import type postgres from 'postgres';
import { NEXUS_SECTORS, TERRAN_SECTORS, isRegionTier, type RegionTier } from '@sw/domain';
import { assertValidGalaxy, generatePlayerRegion, type GeneratedRegion } from '@sw/galaxy';
import { PLATFORM_WORLD_LOCK_KEY, deleteWorldRows, persistWorld, type GenerationChecksums } from '@sw/world-store';
import { loadRegion } from '../store/region-row.ts';

/**
 * Player sector ids start above the platform blocks (Terran Space 1–300 and the Nexus 301–5300 in
 * @sw/world-store's layout), even when those worlds do not exist yet.
 */
export const PLAYER_SECTOR_ID_FLOOR = NEXUS_SECTORS + TERRAN_SECTORS;

/** Thrown when the generated world fails validation: the region moves to generation_corrupt. */
export class GenerationCorruptError extends Error {
  readonly issues: unknown;
  constructor(message: string, issues: unknown) {
    super(message);
    this.name = 'GenerationCorruptError';
    this.issues = issues;
  }
}

/**
 * Allocates the sector-id block (after the highest allocated sector_id_end, under a transaction-level
 * advisory lock — the same key @sw/world-store takes for platform worlds — so no two blocks ever
 * overlap; a region that already has a block keeps it), generates and validates the world, and records
 * the block and world facts on the region row. Throws GenerationCorruptError on validation failure.
 */
export async function allocateAndGenerate(hubSql: postgres.Sql, regionId: string): Promise<GeneratedRegion> {
  return await hubSql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${PLATFORM_WORLD_LOCK_KEY})`;
    const r = await loadRegion(tx, regionId, true);
    if (!r) throw new Error(`region ${regionId} vanished`);
    let start = r.sectorIdStart;
    if (start == null) {
      const [m] = await tx<{ max: number }[]>`
        SELECT GREATEST(${PLAYER_SECTOR_ID_FLOOR}::int, (SELECT COALESCE(MAX(sector_id_end), 0) FROM regions), (SELECT COALESCE(MAX(sector_id), 0) FROM sectors))::int AS max`;
      start = m!.max + 1;
    }
    const tier: RegionTier = r.sizeTier && isRegionTier(r.sizeTier) ? r.sizeTier : 'standard';
    const generated = generatePlayerRegion({ seed: BigInt(r.generationSeed), tier, sectorIdStart: start, regionName: r.displayName });
    try {
      assertValidGalaxy(generated);
    } catch (err) {
      throw new GenerationCorruptError((err as Error).message, (err as { details?: unknown }).details ?? null);
    }
    await tx`
      UPDATE regions SET sector_id_start = ${generated.sectorIdStart}, sector_id_end = ${generated.sectorIdEnd},
        total_sectors = ${generated.totalSectors}, capital_sector_number = ${generated.capitalSectorNumber},
        nexus_warp_sector = ${generated.nexusWarpSector}, updated_at = now()
      WHERE id = ${regionId}`;
    return generated;
  });
}

/**
 * Writes the generated world into the region database in one transaction, replacing whatever a crashed
 * earlier attempt left behind. Returns persistWorld's per-stage checksums (stored on the hub row by the
 * caller) after re-counting the rows.
 */
export async function writeRegionWorld(regionSql: postgres.Sql, regionId: string, g: GeneratedRegion): Promise<GenerationChecksums> {
  return await regionSql.begin(async (tx) => {
    await deleteWorldRows(tx, regionId);
    const { checksums } = await persistWorld(tx, g, { regionId, database: 'region' });
    return checksums;
  });
}

/** Row counts of the world tables of a region database (used to verify after writing). */
export async function countRegionWorld(sql: postgres.Sql | postgres.TransactionSql): Promise<Record<string, number>> {
  const [r] = await sql<Record<string, number>[]>`
    SELECT (SELECT count(*) FROM zones)::int AS zones, (SELECT count(*) FROM clusters)::int AS clusters,
           (SELECT count(*) FROM sectors)::int AS sectors, (SELECT count(*) FROM sector_warps)::int AS sector_warps,
           (SELECT count(*) FROM stations)::int AS stations, (SELECT count(*) FROM planets)::int AS planets`;
  return r!;
}
