import { isAdmin, type Claims, type OperationRules } from '@sw/auth';

/**
 * Who may do what in the Governance subgraph. Ownership compares the touched region's owner_id (a players.id) with
 * claims.playerId; each answer is a named predicate and anything unmatched is denied. The finer, governance-type
 * dependent decisions (decree or referendum, who proposes, who starts elections) come from the one decision table in
 * @sw/domain (governance-authority.ts), asked by each command.
 */

/** The subject of an ownership check: the region an object belongs to. */
export interface OwnedRegion {
  ownerId: string | null;
}

/** True when the signed-in player owns the region. */
export function isRegionOwner(claims: Claims | null, region: OwnedRegion): boolean {
  return claims?.playerId != null && region.ownerId !== null && region.ownerId === claims.playerId;
}

/** The treasury ledger: the region owner or an admin. */
export function canViewTreasury(claims: Claims | null, region: OwnedRegion): boolean {
  return isRegionOwner(claims, region) || isAdmin(claims);
}

/** The region's invites (list): the region owner or an admin. Minting and revoking are the owner's alone. */
export function canListInvites(claims: Claims | null, region: OwnedRegion): boolean {
  return isRegionOwner(claims, region) || isAdmin(claims);
}

/** The member list (with voting power and rank): the region owner or an admin. */
export function canViewMembers(claims: Claims | null, region: OwnedRegion): boolean {
  return isRegionOwner(claims, region) || isAdmin(claims);
}

/** A treaty's terms: an owner of either party, or an admin; everyone else sees the treaty without terms. */
export function canViewTreatyTerms(claims: Claims | null, parties: readonly OwnedRegion[]): boolean {
  return isAdmin(claims) || parties.some((p) => isRegionOwner(claims, p));
}

/**
 * The permission grid (docs/decisions/permissions.md): the roles that may call each Mutation / Subscription field of
 * this subgraph (and the Query fields exposing private data). Region-relative roles are held in the region touched.
 * Voting needs citizen or resident standing (the franchise age is checked by the command), council decisions a seat;
 * holding an office takes nothing away: the fixture's governor and councillor are citizens and vote like them.
 * Powers that depend on the governance type are stated for the grid's fixture region, an autocracy; the other types
 * are proven by the decision table's tests (packages/domain/src/governance-authority.test.ts).
 */
export const OPERATION_RULES: OperationRules = {
  'Mutation.proposePolicy': ['citizen', 'resident', 'councillor', 'governor', 'owner', 'admin'],
  'Mutation.castPolicyVote': ['citizen', 'resident', 'councillor', 'governor'],
  'Mutation.signPetition': ['owner'],
  'Mutation.vetoPetition': ['owner'],
  // Under autocracy the governor is appointed and starts no elections; a democracy's elected governor may (canStartElection).
  'Mutation.startElection': ['owner', 'admin'],
  'Mutation.registerCandidate': ['citizen', 'councillor', 'governor'],
  'Mutation.cancelElection': ['owner', 'admin'],
  'Mutation.castElectionVote': ['citizen', 'resident', 'councillor', 'governor'],
  'Mutation.appointGovernor': ['owner', 'admin'],
  'Mutation.setMemberStanding': ['owner', 'admin'],
  // Admins are players too (every account has one): they may take residence or claim citizenship like anyone.
  'Mutation.declareResidence': ['player', 'visitor', 'resident', 'citizen', 'councillor', 'governor', 'owner', 'admin'],
  'Mutation.claimColonyCitizenship': ['player', 'visitor', 'resident', 'citizen', 'councillor', 'governor', 'owner', 'admin'],
  'Mutation.proposeTreaty': ['owner', 'admin'],
  'Mutation.acceptTreaty': ['owner', 'admin'],
  'Mutation.rejectTreaty': ['owner', 'admin'],
  'Mutation.terminateTreaty': ['owner', 'admin'],
  // Tallies and the event feed are public, like the elections and policies they describe.
  'Subscription.electionTallyChanged': ['anonymous', 'player', 'visitor', 'resident', 'citizen', 'councillor', 'governor', 'owner', 'admin'],
  'Subscription.policyTallyChanged': ['anonymous', 'player', 'visitor', 'resident', 'citizen', 'councillor', 'governor', 'owner', 'admin'],
  'Subscription.governanceEvents': ['anonymous', 'player', 'visitor', 'resident', 'citizen', 'councillor', 'governor', 'owner', 'admin'],
  'Region.treasuryLedger': ['owner', 'admin'],
  'Region.members': ['owner', 'admin'],
  // invites (commands/mint-invite.ts, commands/revoke-invite.ts)
  'Mutation.mintInvite': ['owner'],
  'Mutation.revokeInvite': ['owner'],
  'Region.invites': ['owner', 'admin'],
};
