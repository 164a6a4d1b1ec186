import { toGraphqlEnum } from '@sw/domain';
import type { GridArgs } from '@sw/testing';

/**
 * Permission-grid arguments for this subgraph's OPERATION_RULES entries whose generated defaults would not reach the
 * permission check with a real subject (docs/decisions/permissions.md). Entity fields of Region read the fixture
 * region by default. Allowed calls must leave the fixture usable for the entries after them: appointGovernor
 * re-appoints the fixture's governor. Every entry whose allowed call consumes its subject (a ballot, a petition
 * answered, an election started or cancelled, a treaty answered or proposed) gets a fresh one for each call from
 * `fx.subjects`, so each role meets the same untouched state whatever the roles before it did.
 */
export const GRID_ARGS: GridArgs = {
  'Mutation.mintInvite': (fx) => ({ args: { regionId: fx.regionId, maxUses: 1 } }),
  'Mutation.revokeInvite': (fx) => ({ args: { inviteId: fx.inviteId } }),
  'Mutation.proposePolicy': (fx) => ({ args: { input: { regionId: fx.regionId, title: 'grid', proposedChanges: { tax_rate: 0.1 } } } }),
  'Mutation.castPolicyVote': async (fx) => ({ args: { policyId: await fx.subjects.votingPolicy(), support: true } }),
  'Mutation.signPetition': async (fx) => ({ args: { policyId: await fx.subjects.petitionAwaitingSignature() } }),
  'Mutation.vetoPetition': async (fx) => ({ args: { policyId: await fx.subjects.petitionAwaitingSignature() } }),
  'Mutation.startElection': async (fx) => ({ args: { input: { regionId: fx.regionId, position: toGraphqlEnum(await fx.subjects.openPosition()) } } }),
  'Mutation.registerCandidate': async (fx) => ({ args: { electionId: await fx.subjects.electionInRegistration() } }),
  'Mutation.cancelElection': async (fx) => ({ args: { electionId: await fx.subjects.electionInRegistration() } }),
  'Mutation.castElectionVote': async (fx) => {
    const { electionId, candidateId } = await fx.subjects.electionInVoting();
    return { args: { electionId, candidateId } };
  },
  'Mutation.appointGovernor': (fx) => ({ args: { regionId: fx.regionId, playerId: fx.playerIdOf('governor') } }),
  'Mutation.setMemberStanding': (fx) => ({ args: { input: { regionId: fx.regionId, playerId: fx.playerIdOf('citizen'), localRank: 'grid' } } }),
  'Mutation.proposeTreaty': async (fx) => ({
    args: { input: { regionId: fx.regionId, counterpartyRegionId: await fx.subjects.partnerRegion(), treatyType: 'TRADE_AGREEMENT' } },
  }),
  'Mutation.acceptTreaty': async (fx) => ({ args: { treatyId: await fx.subjects.treatyProposedToRegion() } }),
  'Mutation.rejectTreaty': async (fx) => ({ args: { treatyId: await fx.subjects.treatyProposedToRegion() } }),
  'Mutation.terminateTreaty': async (fx) => ({ args: { treatyId: await fx.subjects.activeTreaty() } }),
};
