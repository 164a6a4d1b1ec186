/** @sw/subgraph-governance — policies, elections, treaties, memberships and the treasury ledger of each region. */
export { startGovernanceSubgraph, GOVERNANCE_SDL_PATH, GOVERNANCE_JOBS } from './start-governance-subgraph.ts';
export type { GovernanceSubgraphOptions, RunningSubgraph } from './start-governance-subgraph.ts';
export { governanceResolvers } from './resolvers.ts';
export { canViewMembers, canViewTreasury, canViewTreatyTerms, isRegionOwner, OPERATION_RULES } from './permissions.ts';
export { parseCandidates } from './election-candidates.ts';
export type { CandidateEntry } from './election-candidates.ts';
export { applyMembershipEvent } from './commands/record-membership-event.ts';
export { runGovernanceSweep } from './sweeps/governance-sweep.ts';
export { createTallyPublisher } from './live/tally-publisher.ts';
export type { SweepReport } from './sweeps/governance-sweep.ts';
export { reconcileTreasuries } from './sweeps/treasury-reconciliation.ts';
export { moveTreasury } from './store/treasury.ts';
export type { GovernanceDeps } from './deps.ts';
