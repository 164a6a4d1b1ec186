export type {
  ClusterRow,
  GalaxyStats,
  GenerateOptions,
  GeneratedRegion,
  GenerationStage,
  PlanetRow,
  PlanetType,
  ProgressCallback,
  SectorRow,
  SectorType,
  StationRow,
  StationSecurityTier,
  StationType,
  WarpRow,
  ZoneRow,
  ZoneType,
} from './galaxy-types.ts';
export type { GalaxySeed, Rng } from './prng.ts';
export { createRng, deriveRng, seedKey } from './prng.ts';
export { GALAXY_DENSITY, WARP_LIMITS, SPOKE_MIN_DISTANCE_SHARE, REGION_CLUSTER_SIZE, FEDSPACE_LAST_SECTOR } from './galaxy-density.ts';
export type { DensityRule } from './galaxy-density.ts';
export { generateNexus, nexusTradeDockTiers, NEXUS_STARPORT_PRIME_NAME, TRADEDOCK_CLASS } from './generate-nexus.ts';
export { generateTerran, EARTH_STATION_NAME, NEW_EARTH_NAME, NEW_EARTH_POPULATION, STARDOCK_SECTOR_NUMBER } from './generate-terran.ts';
export { generatePlayerRegion, drawRegionSize } from './generate-player-region.ts';
export type { PlayerRegionOptions } from './generate-player-region.ts';
export { regenerateNexusCluster } from './regenerate-nexus-cluster.ts';
export { validateGalaxy, assertValidGalaxy } from './validate-galaxy.ts';
export { galaxyHash, canonicalJson } from './galaxy-hash.ts';
export { findSpokeLanding, spokeLink, NEXUS_CAPITAL_SECTOR_NUMBER } from './spoke-landing.ts';
export type { SpokeLanding, SpokeLinkRow } from './spoke-landing.ts';
export { clusterSizes } from './region-plan.ts';
export type { BuildOptions } from './build-region.ts';
