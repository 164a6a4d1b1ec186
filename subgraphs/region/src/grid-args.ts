import type { GridArgs } from '@sw/testing';

/** Permission-grid arguments (docs/decisions/permissions.md): player-private fields are read on the region's owner. */
export const GRID_ARGS: GridArgs = {
  'Player.credits': (fx) => ({ entityId: fx.playerIdOf('owner')! }),
  'Player.memberships': (fx) => ({ entityId: fx.playerIdOf('owner')! }),
};
