import type { GridArgs } from '@sw/testing';

/**
 * Permission-grid arguments (docs/decisions/permissions.md). The fixture has a Nexus, so an allowed generateNexus
 * meets ERR_NEXUS_EXISTS instead of generating a world; regenerateCluster names a cluster that does not exist.
 */
export const GRID_ARGS: GridArgs = {
  'Mutation.generateNexus': () => ({ args: { force: false } }),
  'Mutation.regenerateCluster': () => ({ args: { clusterNumber: 99 } }),
};
