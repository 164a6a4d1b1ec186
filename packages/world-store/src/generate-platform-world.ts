/**
 * Generates and persists a platform world (Central Nexus or Terran Space) inside a transaction the caller
 * already holds with the platform-world lock. Shared by generateAndPersistNexus and ensureBaseGalaxy.
 *
 * Outcomes: the created/replaced world; DomainError ERR_NEXUS_EXISTS (world present, no force),
 * ERR_GALAXY_VALIDATION_FAILED (gate, nothing written), ERR_VALIDATION (bad seed).
 */
import { DomainError, NEXUS_SECTORS, TERRAN_SECTORS } from '@sw/domain';
import { generateNexus, generateTerran, type GeneratedRegion, type GenerationStage } from '@sw/galaxy';
import type postgres from 'postgres';
import { persistWorld, type GenerationChecksums, type LoadMethod, type PersistStage } from './persist-world.ts';
import {
  PLATFORM_REGIONS, allocateSectorBlock, deleteWorldRows, findPlatformRegion, linkSpokeToNexus, nexusCapitalSectorId,
  parseSeed, repointSpokeTunnels, writePlatformRegionRow, type PlatformRegionType,
} from './platform-regions.ts';

/** Overall progress of a generate + persist: a stage name and 0–100 for the whole operation (monotonic). */
export type WorldProgress = (stage: GenerationStage | PersistStage | 'verify' | 'delete', percent: number) => void;

export interface PlatformWorldResult {
  regionId: string;
  regionType: PlatformRegionType;
  /** True when an existing world was replaced (force). */
  replaced: boolean;
  seed: string;
  sectorIdStart: number;
  sectorIdEnd: number;
  galaxyHash: string;
  checksums: GenerationChecksums;
  generated: GeneratedRegion;
  timings: { generateMs: number; deleteMs: number; persistMs: number; totalMs: number };
}

export interface PlatformWorldOptions {
  seed?: string | number | bigint | null | undefined;
  force?: boolean | undefined;
  onProgress?: WorldProgress | undefined;
  /** Bulk-load path override (benchmarks); default is persistWorld's. */
  method?: LoadMethod | undefined;
}

/** Share of the overall percent spent generating (the rest is persisting). */
const GENERATE_SHARE = 25;

const SIZE: Record<PlatformRegionType, number> = { central_nexus: NEXUS_SECTORS, terran_space: TERRAN_SECTORS };

/**
 * In `tx` (holding lockPlatformWorld): generates the world of `type` with `opts.seed` (random when absent),
 * replaces the existing one only with `force` (keeping its id block and registry row), persists it, keeps
 * spoke tunnels on the Nexus capital and links Terran Space to the Nexus when both exist.
 */
export async function generatePlatformWorldInTx(
  tx: postgres.TransactionSql,
  type: PlatformRegionType,
  opts: PlatformWorldOptions = {},
): Promise<PlatformWorldResult> {
  const t0 = performance.now();
  const seed = parseSeed(opts.seed);
  const progress = opts.onProgress ?? (() => {});
  const existing = await findPlatformRegion(tx, type, true);
  const hasWorld = existing !== null && existing.sector_rows > 0;
  if (hasWorld && !opts.force) {
    throw new DomainError(
      type === 'central_nexus' ? 'ERR_NEXUS_EXISTS' : 'ERR_CONFLICT',
      `${PLATFORM_REGIONS[type].displayName} already exists; pass force to regenerate it`,
      { regionId: existing.id },
    );
  }
  const sectorIdStart = existing?.sector_id_start ?? (await allocateSectorBlock(tx, PLATFORM_REGIONS[type].preferredStart, SIZE[type]));
  const onGen = (stage: GenerationStage, pct: number): void => {
    const k = ['clusters', 'sectors', 'warps', 'stations', 'planets', 'validate'].indexOf(stage);
    progress(stage, Math.round(((k + pct / 100) / 6) * GENERATE_SHARE));
  };
  const generate = type === 'central_nexus' ? generateNexus : generateTerran;
  const generated = generate({ seed, sectorIdStart, onProgress: onGen });
  const t1 = performance.now();

  if (hasWorld) {
    progress('delete', GENERATE_SHARE);
    await deleteWorldRows(tx, existing.id);
  }
  const t2 = performance.now();
  const regionId = await writePlatformRegionRow(tx, type, generated, seed, existing?.id ?? null);
  const persisted = await persistWorld(tx, generated, {
    regionId,
    ...(opts.method ? { method: opts.method } : {}),
    onProgress: (stage, pct) => progress(stage, GENERATE_SHARE + Math.round((pct / 100) * (100 - GENERATE_SHARE - 1))),
  });
  await connectPlatformRegions(tx);
  const t3 = performance.now();
  progress('verify', 100);
  return {
    regionId,
    regionType: type,
    replaced: hasWorld,
    seed: seed.toString(),
    sectorIdStart: generated.sectorIdStart,
    sectorIdEnd: generated.sectorIdEnd,
    galaxyHash: persisted.galaxyHash,
    checksums: persisted.checksums,
    generated,
    timings: { generateMs: round1(t1 - t0), deleteMs: round1(t2 - t1), persistMs: round1(t3 - t2), totalMs: round1(t3 - t0) },
  };
}

/** Re-points spoke tunnels at the Nexus capital and links Terran Space when both platform worlds exist. */
async function connectPlatformRegions(tx: postgres.TransactionSql): Promise<void> {
  const nexus = await findPlatformRegion(tx, 'central_nexus');
  if (!nexus || nexus.sector_id_start === null || nexus.sector_rows === 0) return;
  await repointSpokeTunnels(tx, nexus.id, nexusCapitalSectorId(nexus.sector_id_start));
  const terran = await findPlatformRegion(tx, 'terran_space');
  if (terran && terran.sector_rows > 0) await linkSpokeToNexus(tx, terran, nexus);
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}
