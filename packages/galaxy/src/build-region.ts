/**
 * Shared generation pipeline for every region type: inter-cluster links (region stream) → per-cluster
 * interiors (one stream per cluster) → type-specific decorations (capital hubs, TradeDocks, …) →
 * canonical assembly + spoke landing → validation gate. Progress is reported per stage.
 */
import { assembleRegion, type RegionParts } from './assemble-region.ts';
import { buildClusterInterior, type ClusterContent } from './cluster-interior.ts';
import type { GeneratedRegion, ProgressCallback, WarpRow } from './galaxy-types.ts';
import { buildInterClusterLinks } from './inter-cluster-links.ts';
import { deriveRng, type Rng } from './prng.ts';
import { islandMap, type ClusterPlan, type RegionPlan } from './region-plan.ts';
import { assertValidGalaxy } from './validate-galaxy.ts';

export interface RegionHooks {
  /** Per-cluster decoration drawn from the cluster's own stream (re-run when the cluster is regenerated). */
  decorateCluster?: (plan: RegionPlan, cluster: ClusterPlan, content: ClusterContent, rng: Rng, interClusterWarps: readonly WarpRow[]) => void;
  /** Region-wide decoration (regions that are never partially regenerated). */
  decorateRegion?: (plan: RegionPlan, parts: RegionParts, rng: Rng) => void;
}

export interface BuildOptions {
  onProgress?: ProgressCallback | undefined;
  /** Run the validation gate (default true); generation throws ERR_GALAXY_VALIDATION_FAILED on any issue. */
  validate?: boolean | undefined;
}

/** The stream a cluster's interior is drawn from. */
export function clusterRng(seed: string, clusterNumber: number): Rng {
  return deriveRng(seed, 'cluster', clusterNumber);
}

export function buildRegion(plan: RegionPlan, hooks: RegionHooks, opts: BuildOptions = {}): GeneratedRegion {
  const progress = opts.onProgress ?? (() => {});
  progress('clusters', 0);
  const island = islandMap(plan);
  const degree = new Int32Array(plan.totalSectors);
  const links = buildInterClusterLinks(plan, deriveRng(plan.seed, 'links'), island, degree);
  progress('clusters', 100);
  const parts: RegionParts = { sectors: [], warps: links.slice(), stations: [], planets: [] };
  plan.clusters.forEach((cp, k) => {
    const rng = clusterRng(plan.seed, cp.clusterNumber);
    const content = buildClusterInterior(plan, cp, rng, degree, island);
    hooks.decorateCluster?.(plan, cp, content, rng, links);
    for (const s of content.sectors) parts.sectors.push(s);
    for (const w of content.warps) parts.warps.push(w);
    for (const s of content.stations) parts.stations.push(s);
    for (const p of content.planets) parts.planets.push(p);
    progress('sectors', Math.round(((k + 1) / plan.clusters.length) * 100));
  });
  progress('warps', 100);
  hooks.decorateRegion?.(plan, parts, deriveRng(plan.seed, 'region'));
  progress('stations', 100);
  const region = assembleRegion(plan, parts);
  progress('planets', 100);
  if (opts.validate !== false) {
    assertValidGalaxy(region);
    progress('validate', 100);
  }
  return region;
}
