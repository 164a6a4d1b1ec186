/**
 * Writes one generated region's world (zones → clusters → sectors → sector_warps → stations → planets) with
 * COPY, inside the caller's transaction, after the validation gate (packages/galaxy/src/validate-galaxy.ts). Each stage
 * records a row-count checksum `{ row_count, duration_ms, completed_at }`; the counts are re-read from the
 * database before returning, and on the hub they are stored on `regions.generation_phase_checksums`.
 */
import { DomainError, assertUuid } from '@sw/domain';
import { assertValidGalaxy, galaxyHash, type GeneratedRegion } from '@sw/galaxy';
import type postgres from 'postgres';
import { copyRows, type CopyValue } from './copy-rows.ts';
import { unnestRows } from './unnest-rows.ts';
import {
  CLUSTER_COLUMNS, PLANET_COLUMNS, SECTOR_COLUMNS, STATION_COLUMNS, WARP_COLUMNS, ZONE_COLUMNS,
  allocateWorldIds, clusterRow, planetRow, sectorRow, stationRow, warpRow, zoneIdBySectorNumber, zoneRow,
} from './world-rows.ts';

/** The persist stages in write order; each is one world table. */
export const PERSIST_STAGES = ['zones', 'clusters', 'sectors', 'sector_warps', 'stations', 'planets'] as const;
export type PersistStage = (typeof PERSIST_STAGES)[number];

export interface StageChecksum {
  row_count: number;
  duration_ms: number;
  /** ISO-8601 UTC. */
  completed_at: string;
}

export type StageChecksums = Record<PersistStage, StageChecksum>;

/**
 * What `regions.generation_phase_checksums` holds: one entry per stage plus `galaxy` (hash of the generated
 * rows, the seed, and the clusters re-rolled since, which is what lets the world be reproduced exactly).
 */
export type GenerationChecksums = StageChecksums & {
  galaxy: { hash: string; seed: string; cluster_reseeds: Array<{ cluster_number: number; seed: string }>; persist_ms: number };
};

/** Progress of a persist: stage and the share (0–100) of rows written so far. */
export type PersistProgress = (stage: PersistStage | 'verify', percent: number) => void;

export interface PersistWorldOptions {
  regionId: string;
  onProgress?: PersistProgress;
  /**
   * 'hub' (default): the regions row exists in this database and gets the checksums.
   * 'region': a region database (no regions table); the caller stores the returned checksums in the hub.
   */
  database?: 'hub' | 'region';
  /** Bulk-load path (default DEFAULT_LOAD_METHOD, the faster one in bench/generation.bench.ts). */
  method?: LoadMethod;
}

/** 'copy' = COPY FROM STDIN text stream; 'unnest' = one INSERT ... SELECT FROM unnest(text[]...) per table. */
export type LoadMethod = 'copy' | 'unnest';
export const DEFAULT_LOAD_METHOD: LoadMethod = 'unnest';

export interface PersistWorldResult {
  checksums: GenerationChecksums;
  galaxyHash: string;
  totalMs: number;
}

/** Table name per stage (the stage names are the table names). */
const COLUMNS: Record<PersistStage, readonly string[]> = {
  zones: ZONE_COLUMNS,
  clusters: CLUSTER_COLUMNS,
  sectors: SECTOR_COLUMNS,
  sector_warps: WARP_COLUMNS,
  stations: STATION_COLUMNS,
  planets: PLANET_COLUMNS,
};

/** Encodes every row of `generated` for COPY, per stage. Pure apart from the fresh zone/cluster uuids. */
export function encodeWorld(generated: GeneratedRegion, regionId: string): Record<PersistStage, CopyValue[][]> {
  const ids = allocateWorldIds(generated);
  const zoneOf = zoneIdBySectorNumber(generated.zones, ids.zoneIds, generated.totalSectors);
  return {
    zones: generated.zones.map((z, k) => zoneRow(regionId, ids.zoneIds[k]!, z)),
    clusters: generated.clusters.map((c) => clusterRow(regionId, ids.clusterIdByNumber.get(c.clusterNumber)!, c)),
    sectors: generated.sectors.map((s) => sectorRow(regionId, ids.clusterIdByNumber.get(s.clusterNumber)!, zoneOf[s.sectorNumber] ?? null, s)),
    sector_warps: generated.warps.map((w) => warpRow(regionId, w)),
    stations: generated.stations.map((s) => stationRow(regionId, s)),
    planets: generated.planets.map((p) => planetRow(regionId, p)),
  };
}

/** Counts the region's rows per world table (the checksum re-read). */
export async function countWorldRows(sql: postgres.Sql | postgres.TransactionSql, regionId: string): Promise<Record<PersistStage, number>> {
  const [row] = await sql<Record<PersistStage, string>[]>`
    select
      (select count(*) from zones where region_id = ${regionId}) as zones,
      (select count(*) from clusters where region_id = ${regionId}) as clusters,
      (select count(*) from sectors where region_id = ${regionId}) as sectors,
      (select count(*) from sector_warps where region_id = ${regionId}) as sector_warps,
      (select count(*) from stations where region_id = ${regionId}) as stations,
      (select count(*) from planets where region_id = ${regionId}) as planets`;
  return Object.fromEntries(PERSIST_STAGES.map((s) => [s, Number(row![s])])) as Record<PersistStage, number>;
}

/**
 * Validates `generated` (throws DomainError ERR_GALAXY_VALIDATION_FAILED before writing anything), then
 * COPYs its rows for `opts.regionId` on `tx`, which MUST be a transaction (`sql.begin`): a failure in any
 * stage aborts the caller's transaction, so either the whole world is written or nothing. The region must
 * hold no world rows yet. Returns the per-stage checksums (also stored on the hub's regions row).
 */
export async function persistWorld(
  tx: postgres.TransactionSql,
  generated: GeneratedRegion,
  opts: PersistWorldOptions,
): Promise<PersistWorldResult> {
  const regionId = assertUuid(opts.regionId, 'regionId');
  assertValidGalaxy(generated); // the gate: a bad galaxy writes nothing
  const started = performance.now();
  const progress = opts.onProgress ?? (() => {});
  const encoded = encodeWorld(generated, regionId);
  const load = (opts.method ?? DEFAULT_LOAD_METHOD) === 'copy' ? copyRows : unnestRows;
  const totalRows = PERSIST_STAGES.reduce((n, s) => n + encoded[s].length, 0);
  let written = 0;
  const stages = {} as StageChecksums;
  for (const stage of PERSIST_STAGES) {
    progress(stage, Math.round((written / totalRows) * 100));
    const t0 = performance.now();
    const rowCount = await load(tx, stage, COLUMNS[stage], encoded[stage]);
    written += rowCount;
    stages[stage] = { row_count: rowCount, duration_ms: round1(performance.now() - t0), completed_at: new Date().toISOString() };
  }
  progress('verify', 100);
  const counted = await countWorldRows(tx, regionId);
  const mismatched = PERSIST_STAGES.filter((s) => counted[s] !== stages[s].row_count);
  if (mismatched.length > 0) {
    throw new DomainError('ERR_GALAXY_VALIDATION_FAILED', `row-count checksum mismatch in ${mismatched.join(', ')}`, {
      issues: mismatched.map((s) => ({ path: s, message: `wrote ${stages[s].row_count}, found ${counted[s]}` })),
    });
  }
  const hash = galaxyHash(generated);
  const totalMs = round1(performance.now() - started);
  const checksums: GenerationChecksums = {
    ...stages,
    galaxy: {
      hash,
      seed: generated.seed,
      cluster_reseeds: generated.clusterReseeds.map((r) => ({ cluster_number: r.clusterNumber, seed: r.seed })),
      persist_ms: totalMs,
    },
  };
  if ((opts.database ?? 'hub') === 'hub') {
    const updated = await tx`
      update regions set generation_phase_checksums = ${JSON.stringify(checksums)}::jsonb, updated_at = now()
      where id = ${regionId}`;
    if (updated.count !== 1) throw new DomainError('ERR_REGION_NOT_FOUND', `region ${regionId} does not exist`);
  }
  return { checksums, galaxyHash: hash, totalMs };
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}
