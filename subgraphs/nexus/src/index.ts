/** @sw/subgraph-nexus — the Central Nexus subgraph (world reads, generation jobs, progress subscription). */
export { startNexusSubgraph, NEXUS_SDL_PATH } from './start-nexus-subgraph.ts';
export type { NexusSubgraphOptions, RunningNexusSubgraph } from './start-nexus-subgraph.ts';
export { nexusResolvers } from './resolvers.ts';
export type { NexusContext } from './nexus-context.ts';
export type { GenerationJobView, GenerationProgressEvent } from './generation-jobs.ts';
export { OPERATION_RULES, canManageGalaxy, GALAXY_SCOPE } from './permissions.ts';
