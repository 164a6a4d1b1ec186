/** @sw/subgraph-governance — policies, elections, treaties and the treasury ledger of each region. */
export { startGovernanceSubgraph, GOVERNANCE_SDL_PATH } from './start-governance-subgraph.ts';
export type { GovernanceSubgraphOptions, RunningSubgraph } from './start-governance-subgraph.ts';
export { governanceResolvers } from './resolvers.ts';
export { canViewTreasury, isRegionOwner, OPERATION_RULES } from './permissions.ts';
export { parseCandidates } from './election-candidates.ts';
export type { CandidateEntry } from './election-candidates.ts';
