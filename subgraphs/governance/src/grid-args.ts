import type { GridArgs } from '@sw/testing';

/**
 * Permission-grid arguments for this subgraph's OPERATION_RULES entries whose generated defaults would not reach the
 * permission check with a real subject (docs/decisions/permissions.md). Entity fields of Region read the fixture
 * region by default. Allowed calls must leave the fixture usable for the entries after them: appointGovernor
 * re-appoints the fixture's governor.
 */
export const GRID_ARGS: GridArgs = {
  'Mutation.mintInvite': (fx) => ({ args: { regionId: fx.regionId, maxUses: 1 } }),
  'Mutation.revokeInvite': (fx) => ({ args: { inviteId: fx.inviteId } }),
  'Mutation.proposePolicy': (fx) => ({ args: { input: { regionId: fx.regionId, title: 'grid', proposedChanges: { tax_rate: 0.1 } } } }),
  'Mutation.appointGovernor': (fx) => ({ args: { regionId: fx.regionId, playerId: fx.playerIdOf('governor') } }),
  'Mutation.setMemberStanding': (fx) => ({ args: { input: { regionId: fx.regionId, playerId: fx.playerIdOf('citizen'), localRank: 'grid' } } }),
  'Mutation.proposeTreaty': (fx) => ({ args: { input: { regionId: fx.regionId, counterpartyRegionId: fx.nexusId, treatyType: 'TRADE_AGREEMENT' } } }),
};

/**
 * Entries the grid plans but does not call yet, with the reason: their subject (a voting policy, a petition awaiting
 * the owner's signature, elections in registration and in voting, proposed and active treaties) is not in the grid
 * fixture yet. Each needs rows in `buildGridFixture` and a builder above; until then the grid lists them as pending.
 */
export const GRID_PENDING: Readonly<Record<string, string>> = {
  'Mutation.castPolicyVote': 'needs a voting policy in the fixture region',
  'Mutation.signPetition': 'needs a passed petition awaiting the owner',
  'Mutation.vetoPetition': 'needs a passed petition awaiting the owner',
  'Mutation.startElection': 'needs an electable position under the fixture region governance type',
  'Mutation.registerCandidate': 'needs an election in registration',
  'Mutation.cancelElection': 'needs an election in registration',
  'Mutation.castElectionVote': 'needs an election in voting with a candidate',
  'Mutation.acceptTreaty': 'needs a treaty proposed to the fixture region',
  'Mutation.rejectTreaty': 'needs a treaty proposed to the fixture region',
  'Mutation.terminateTreaty': 'needs an active treaty of the fixture region',
};
