/**
 * Admin command: re-rolls one Nexus cluster in place (sectors' attributes, stations, planets, intra-cluster
 * warps) in ONE transaction; sector ids, sector row ids, cross-cluster warps and every other cluster stay
 * exactly as they were.
 *
 * How: the stored Nexus is reproduced from its registry row (generation_seed + the cluster re-seeds recorded in
 * generation_phase_checksums.galaxy) and checked against the recorded galaxy hash, then `regenerateNexusCluster`
 * (@sw/galaxy) re-rolls the cluster and passes the validation gate, and only that cluster's rows are rewritten.
 *
 * Outcomes (DomainError codes): ok → result; ERR_UNKNOWN_CLUSTER (not 1–20); ERR_NEXUS_NOT_GENERATED;
 * ERR_CONFLICT when the stored Nexus no longer matches its recorded generation (regenerate it with force);
 * ERR_GALAXY_VALIDATION_FAILED; ERR_VALIDATION (bad seed).
 */
import { DomainError, NEXUS_CLUSTER_COUNT } from '@sw/domain';
import { galaxyHash, generateNexus, regenerateNexusCluster, type GeneratedRegion } from '@sw/galaxy';
import type postgres from 'postgres';
import { copyRows } from './copy-rows.ts';
import type { WorldProgress } from './generate-platform-world.ts';
import { PERSIST_STAGES, countWorldRows, type GenerationChecksums } from './persist-world.ts';
import { findPlatformRegion, lockPlatformWorld, parseSeed, type PlatformRegionRow } from './platform-regions.ts';
import { PLANET_COLUMNS, STATION_COLUMNS, WARP_COLUMNS, planetRow, sectorResources, stationRow, warpRow } from './world-rows.ts';

export interface RegenerateClusterResult {
  regionId: string;
  clusterNumber: number;
  seed: string;
  galaxyHash: string;
  rows: { sectors: number; warps: number; stations: number; planets: number };
  totalMs: number;
}

/** Rebuilds the stored Nexus's GeneratedRegion from its seed and recorded cluster re-seeds; verifies the hash. */
export function reproduceNexus(row: PlatformRegionRow): GeneratedRegion {
  if (row.sector_id_start === null) throw new DomainError('ERR_CONFLICT', 'the Nexus has no sector id block');
  const galaxy = (row.generation_phase_checksums as Partial<GenerationChecksums> | null)?.galaxy;
  let nexus = generateNexus({ seed: BigInt(row.generation_seed), sectorIdStart: row.sector_id_start });
  for (const r of galaxy?.cluster_reseeds ?? []) nexus = regenerateNexusCluster(nexus, r.cluster_number, BigInt(r.seed));
  if (!galaxy || galaxyHash(nexus) !== galaxy.hash) {
    throw new DomainError('ERR_CONFLICT', 'the stored Nexus does not match its recorded generation; regenerate it with force');
  }
  return nexus;
}

export async function regenerateNexusClusterPersisted(
  sql: postgres.Sql,
  clusterNumber: number,
  seedInput?: string | number | bigint | null,
  opts: { onProgress?: WorldProgress } = {},
): Promise<RegenerateClusterResult> {
  if (!Number.isInteger(clusterNumber) || clusterNumber < 1 || clusterNumber > NEXUS_CLUSTER_COUNT) {
    throw new DomainError('ERR_UNKNOWN_CLUSTER', `Nexus cluster ${clusterNumber} does not exist (1-${NEXUS_CLUSTER_COUNT})`);
  }
  const seed = parseSeed(seedInput);
  const progress = opts.onProgress ?? (() => {});
  const t0 = performance.now();
  return (await sql.begin(async (tx) => {
    await lockPlatformWorld(tx);
    const row = await findPlatformRegion(tx, 'central_nexus', true);
    if (!row || row.sector_rows === 0) throw new DomainError('ERR_NEXUS_NOT_GENERATED', 'the Central Nexus has not been generated');
    progress('clusters', 5);
    const before = reproduceNexus(row);
    const after = regenerateNexusCluster(before, clusterNumber, seed, (stage, pct) =>
      progress(stage, 5 + Math.round((pct / 100) * 30)),
    );
    const cluster = after.clusters[clusterNumber - 1]!;
    const lo = after.sectorIdStart + cluster.sectorStart - 1;
    const hi = after.sectorIdStart + cluster.sectorEnd - 1;
    const inside = (id: number): boolean => id >= lo && id <= hi;
    const regionId = row.id;

    progress('delete', 40);
    await tx`delete from planets where region_id = ${regionId} and sector_id between ${lo} and ${hi}`;
    await tx`delete from stations where region_id = ${regionId} and sector_id between ${lo} and ${hi}`;
    await tx`delete from sector_warps where region_id = ${regionId}
      and from_sector_id between ${lo} and ${hi} and to_sector_id between ${lo} and ${hi}`;

    progress('sectors', 55);
    const sectors = after.sectors.filter((s) => inside(s.sectorId));
    const updated = await tx`
      update sectors s set is_capital = t.is_capital, security_level = t.security_level, development_level = t.development_level,
        traffic_level = t.traffic_level, hazard_level = t.hazard_level, sector_type = t.sector_type,
        is_nexus_protected = t.is_nexus_protected, special_features = t.special_features, resources = t.resources,
        x = t.x, y = t.y, z = t.z
      from jsonb_to_recordset(${JSON.stringify(
        sectors.map((s) => ({
          sector_id: s.sectorId, is_capital: s.isCapital, security_level: s.securityLevel, development_level: s.developmentLevel,
          traffic_level: s.trafficLevel, hazard_level: s.hazardLevel, sector_type: s.sectorType, is_nexus_protected: s.isNexusProtected,
          special_features: s.specialFeatures, resources: sectorResources(s), x: s.x, y: s.y, z: s.z,
        })),
      )}::jsonb) as t(sector_id int, is_capital boolean, security_level smallint, development_level smallint, traffic_level smallint,
        hazard_level smallint, sector_type text, is_nexus_protected boolean, special_features text[], resources jsonb,
        x int, y int, z int)
      where s.region_id = ${regionId} and s.sector_id = t.sector_id`;
    if (updated.count !== sectors.length) {
      throw new DomainError('ERR_CONFLICT', `cluster ${clusterNumber}: expected ${sectors.length} sectors, updated ${updated.count}`);
    }

    progress('warps', 70);
    const warps = after.warps.filter((w) => inside(w.fromSectorId) && inside(w.toSectorId));
    await copyRows(tx, 'sector_warps', WARP_COLUMNS, warps.map((w) => warpRow(regionId, w)));
    progress('stations', 80);
    const stations = after.stations.filter((s) => inside(s.sectorId));
    await copyRows(tx, 'stations', STATION_COLUMNS, stations.map((s) => stationRow(regionId, s)));
    progress('planets', 90);
    const planets = after.planets.filter((p) => inside(p.sectorId));
    await copyRows(tx, 'planets', PLANET_COLUMNS, planets.map((p) => planetRow(regionId, p)));

    progress('verify', 95);
    const counted = await countWorldRows(tx, regionId);
    const expected = { zones: after.zones.length, clusters: after.clusters.length, sectors: after.sectors.length,
      sector_warps: after.warps.length, stations: after.stations.length, planets: after.planets.length };
    const bad = PERSIST_STAGES.filter((s) => counted[s] !== expected[s]);
    if (bad.length > 0) throw new DomainError('ERR_GALAXY_VALIDATION_FAILED', `row-count checksum mismatch in ${bad.join(', ')}`);
    const hash = galaxyHash(after);
    const previous = (row.generation_phase_checksums ?? {}) as Partial<GenerationChecksums>;
    const now = new Date().toISOString();
    const checksums = {
      ...previous,
      ...Object.fromEntries(
        PERSIST_STAGES.map((s) => [s, { ...(previous[s] ?? { duration_ms: 0 }), row_count: counted[s], completed_at: now }]),
      ),
      galaxy: {
        ...(previous.galaxy ?? { persist_ms: 0 }),
        hash,
        seed: after.seed,
        cluster_reseeds: after.clusterReseeds.map((r) => ({ cluster_number: r.clusterNumber, seed: r.seed })),
      },
    };
    await tx`update regions set generation_phase_checksums = ${JSON.stringify(checksums)}::jsonb, updated_at = now() where id = ${regionId}`;
    progress('verify', 100);
    return {
      regionId,
      clusterNumber,
      seed: seed.toString(),
      galaxyHash: hash,
      rows: { sectors: sectors.length, warps: warps.length, stations: stations.length, planets: planets.length },
      totalMs: Math.round(performance.now() - t0),
    };
  })) as RegenerateClusterResult;
}
