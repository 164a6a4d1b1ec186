/** @sw/world-store — fast persistence of generated worlds (COPY) and the platform-world commands. */
export { copyRows, encodeCopyValue, escapeCopyText, textArrayLiteral } from './copy-rows.ts';
export type { CopyValue } from './copy-rows.ts';
export { persistWorld, encodeWorld, countWorldRows, PERSIST_STAGES, DEFAULT_LOAD_METHOD } from './persist-world.ts';
export { unnestRows } from './unnest-rows.ts';
export type {
  GenerationChecksums, LoadMethod, PersistProgress, PersistStage, PersistWorldOptions, PersistWorldResult, StageChecksum, StageChecksums,
} from './persist-world.ts';
export { generatePlatformWorldInTx } from './generate-platform-world.ts';
export type { PlatformWorldOptions, PlatformWorldResult, WorldProgress } from './generate-platform-world.ts';
export { generateAndPersistNexus } from './generate-and-persist-nexus.ts';
export { ensureBaseGalaxy } from './ensure-base-galaxy.ts';
export type { EnsureBaseGalaxyResult } from './ensure-base-galaxy.ts';
export { regenerateNexusClusterPersisted, reproduceNexus } from './regenerate-nexus-cluster-persisted.ts';
export type { RegenerateClusterResult } from './regenerate-nexus-cluster-persisted.ts';
export {
  PLATFORM_REGIONS, PLATFORM_WORLD_LOCK_KEY, allocateSectorBlock, deleteWorldRows, findPlatformRegion, linkSpokeToNexus,
  lockPlatformWorld, nexusCapitalSectorId, parseSeed, randomSeed, repointSpokeTunnels,
} from './platform-regions.ts';
export type { PlatformRegionRow, PlatformRegionType } from './platform-regions.ts';
