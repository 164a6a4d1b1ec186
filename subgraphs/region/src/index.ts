/** @sw/subgraph-region — regions registry, identity (users/players), counts and region-server world stats. */
export { startRegionSubgraph, REGION_SDL_PATH } from './start-region-subgraph.ts';
export type { RegionSubgraphOptions, RunningSubgraph } from './start-region-subgraph.ts';
export { regionResolvers } from './resolvers.ts';
export { canManageRegion, canViewPlayerPrivate, isRegionOwner, canViewSelf, OPERATION_RULES } from './permissions.ts';
export { fetchWorldStats, parseWorldStats } from './world-stats.ts';
export type { WorldStats } from './world-stats.ts';
