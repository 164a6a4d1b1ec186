import type { GridArgs } from '@sw/testing';

/**
 * Permission-grid arguments (docs/decisions/permissions.md): player-private fields are read on the region's owner;
 * configuration changes carry one valid setting (the fixture region is an autocracy, so its owner and governor
 * decree, citizens may only petition); the entry decision names the fixture's finished journey into the region.
 */
export const GRID_ARGS: GridArgs = {
  'Player.credits': (fx) => ({ entityId: fx.playerIdOf('owner')! }),
  'Player.memberships': (fx) => ({ entityId: fx.playerIdOf('owner')! }),
  'Mutation.updateRegionEconomy': (fx) => ({ args: { regionId: fx.regionId, expectedVersion: 1, input: { taxRate: 0.1 } } }),
  'Mutation.updateRegionGovernance': (fx) => ({ args: { regionId: fx.regionId, expectedVersion: 1, input: { votingThreshold: 0.51 } } }),
  'Mutation.updateRegionImmigration': (fx) => ({ args: { regionId: fx.regionId, expectedVersion: 1, input: { visitorEntryFee: 0 } } }),
  'Mutation.updateRegionCulture': (fx) => ({ args: { regionId: fx.regionId, expectedVersion: 1, input: { motto: 'grid' } } }),
  'Mutation.setRegionTariff': (fx) => ({ args: { regionId: fx.regionId, expectedVersion: 1, rate: 0.05 } }),
  'Mutation.decideEntryRequest': (fx) => ({ args: { journeyId: fx.journeyId, approve: false } }),
};
