/**
 * Re-rolls one Nexus cluster: its sectors' attributes, ports, planets, intra-cluster warps and its
 * decorations (capital hub / TradeDock) come from a fresh stream `deriveRng(seed, 'cluster', n)`; every
 * other cluster, every inter-cluster warp and every sector id stays exactly as it was. Regenerating with
 * the Nexus's own seed reproduces the original cluster. The result passes the validation gate.
 */
import { DomainError, NEXUS_CLUSTER_COUNT } from '@sw/domain';
import { assembleRegion } from './assemble-region.ts';
import { buildClusterInterior } from './cluster-interior.ts';
import type { GeneratedRegion, ProgressCallback } from './galaxy-types.ts';
import { decorateNexusCluster, nexusPlan } from './generate-nexus.ts';
import { deriveRng, seedKey, type GalaxySeed } from './prng.ts';
import { islandMap } from './region-plan.ts';
import { assertValidGalaxy } from './validate-galaxy.ts';

export function regenerateNexusCluster(
  nexus: GeneratedRegion,
  clusterNumber: number,
  seed: GalaxySeed,
  onProgress?: ProgressCallback,
): GeneratedRegion {
  if (nexus.regionType !== 'central_nexus') throw new DomainError('ERR_VALIDATION', 'only the Central Nexus has regenerable clusters');
  if (!Number.isInteger(clusterNumber) || clusterNumber < 1 || clusterNumber > NEXUS_CLUSTER_COUNT) {
    throw new DomainError('ERR_UNKNOWN_CLUSTER', `Nexus cluster ${clusterNumber} does not exist (1-${NEXUS_CLUSTER_COUNT})`);
  }
  const progress = onProgress ?? (() => {});
  const plan = nexusPlan(nexus.seed, nexus.sectorIdStart);
  const cp = plan.clusters[clusterNumber - 1]!;
  const lo = nexus.sectorIdStart + cp.sectorStart - 1;
  const hi = lo + cp.sectorCount - 1;
  const inside = (id: number): boolean => id >= lo && id <= hi;
  progress('clusters', 100);

  const kept = nexus.warps.filter((w) => !(inside(w.fromSectorId) && inside(w.toSectorId)));
  const touching = kept.filter((w) => inside(w.fromSectorId) || inside(w.toSectorId));
  const degree = new Int32Array(plan.totalSectors);
  for (const w of touching) {
    if (inside(w.fromSectorId)) degree[w.fromSectorId - plan.sectorIdStart]!++;
    if (inside(w.toSectorId)) degree[w.toSectorId - plan.sectorIdStart]!++;
  }
  const rng = deriveRng(seed, 'cluster', clusterNumber);
  const content = buildClusterInterior(plan, cp, rng, degree, islandMap(plan));
  decorateNexusCluster(plan, cp, content, rng, touching);
  progress('sectors', 100);

  const region = assembleRegion(
    plan,
    {
      sectors: nexus.sectors.filter((s) => !inside(s.sectorId)).concat(content.sectors),
      warps: kept.concat(content.warps),
      stations: nexus.stations.filter((s) => !inside(s.sectorId)).concat(content.stations),
      planets: nexus.planets.filter((p) => !inside(p.sectorId)).concat(content.planets),
    },
    [...nexus.clusterReseeds, { clusterNumber, seed: seedKey(seed) }],
  );
  progress('planets', 100);
  assertValidGalaxy(region);
  progress('validate', 100);
  return region;
}
