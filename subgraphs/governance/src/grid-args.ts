import type { GridArgs } from '@sw/testing';

/**
 * Permission-grid arguments for this subgraph's OPERATION_RULES entries whose generated defaults would not reach the
 * permission check with a real subject (docs/decisions/permissions.md). Entity fields of Region read the fixture
 * region by default.
 */
export const GRID_ARGS: GridArgs = {
  'Mutation.mintInvite': (fx) => ({ args: { regionId: fx.regionId, maxUses: 1 } }),
  'Mutation.revokeInvite': (fx) => ({ args: { inviteId: fx.inviteId } }),
};
