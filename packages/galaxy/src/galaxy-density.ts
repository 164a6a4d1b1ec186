/**
 * THE density table of the generator (the original's sources disagree, so this is the one choice).
 *
 * | Region        | Ports                          | Planets | Nebula (base / frontier) | ANOMALY | Islands        | One-way | Latent of one-ways |
 * |---------------|--------------------------------|---------|--------------------------|---------|----------------|---------|--------------------|
 * | central_nexus | 5 % (FRONTIER_OUTPOST 2.5 %)   | 10 %    | 5 % / 15 %               | 1.5 %   | 0              | 4–6 %   | 20 %               |
 * | terran_space  | 10 % (FRONTIER_OUTPOST 5 %)    | 3 %     | 5 % / 15 %               | 1.5 %   | 0              | 4–6 %   | 20 %               |
 * | player_owned  | 10 % (FRONTIER_OUTPOST 5 %)    | 3 %     | 5 % / 15 %               | 1.5 %   | 2–4 % (groups of 3–6, Frontier zone) | 4–6 % | 20 % |
 *
 * Nexus values follow the in-process Nexus generator; Terran/player values are the `galaxies.density`
 * defaults (station_density 10, planet_density 3). Densities count generated ports/planets among sectors
 * that are not reserved (capitals, Stardock); the fixed special stations/planets come on top.
 * Per-cluster counts are stochastically rounded, so a region's totals land within a few % of the target.
 */
import type { RegionType } from '@sw/domain';

export interface DensityRule {
  portDensity: number;
  planetDensity: number;
  baseNebulaShare: number;
  anomalyShare: number;
  islandShareMin: number;
  islandShareMax: number;
  oneWayShareMin: number;
  oneWayShareMax: number;
  latentShareOfOneWays: number;
  /** Probability that a non-tree grid neighbour pair becomes an extra warp. */
  extraEdgeChance: number;
  /** Links between each pair of grid-adjacent clusters. */
  interClusterLinks: number;
  /** Chance that a sector outside RESOURCE_RICH clusters has an asteroid field. */
  asteroidChance: number;
}

const COMMON = {
  baseNebulaShare: 0.05,
  anomalyShare: 0.015,
  oneWayShareMin: 0.04,
  oneWayShareMax: 0.06,
  latentShareOfOneWays: 0.2,
  extraEdgeChance: 0.25,
  asteroidChance: 0.2,
} as const;

export const GALAXY_DENSITY: Readonly<Record<RegionType, DensityRule>> = {
  central_nexus: { ...COMMON, portDensity: 0.05, planetDensity: 0.1, islandShareMin: 0, islandShareMax: 0, interClusterLinks: 3 },
  terran_space: { ...COMMON, portDensity: 0.1, planetDensity: 0.03, islandShareMin: 0, islandShareMax: 0, interClusterLinks: 2 },
  player_owned: { ...COMMON, portDensity: 0.1, planetDensity: 0.03, islandShareMin: 0.02, islandShareMax: 0.04, interClusterLinks: 2 },
};

/** Hard limits the validation gate enforces (docs/rules/original-defects.md #15). */
export const WARP_LIMITS = {
  maxWarpsPerSector: 6,
  oneWayPctMin: 3,
  oneWayPctMax: 7,
  /** Island sectors may be at most this share of a region (so unreachable sectors cannot hide behind the tag). */
  maxIslandShare: 0.05,
  turnCost: 1,
} as const;

/** Spoke landing: eligible sectors are at least this share of the max BFS distance from the capital (see spoke-landing.ts). */
export const SPOKE_MIN_DISTANCE_SHARE = 0.6;

/** Base asteroid yields and zone multipliers (import path). */
export const ASTEROID_BASE = { ore: 1000, preciousMetals: 400, quantumShards: 200 } as const;
export const ZONE_YIELD_MULTIPLIER = { EXPANSE: 1, FEDERATION: 0.7, BORDER: 1, FRONTIER: 1.4 } as const;

/** Player/Terran cluster size (bang: 50); the Nexus uses NEXUS_CLUSTER_SIZE (250). */
export const REGION_CLUSTER_SIZE = 50;
/** A remainder smaller than this is merged into the last cluster instead of forming a tiny one. */
export const MIN_TAIL_CLUSTER_SIZE = 25;
/** Fedspace (security 10, tag `fedspace`): local sectors 1..10 of Terran and player regions. */
export const FEDSPACE_LAST_SECTOR = 10;
