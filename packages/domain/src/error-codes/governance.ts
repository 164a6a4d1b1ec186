/**
 * Error codes of policies, elections, votes, treaties, members and the treasury; part of ERROR_STATUS (errors.ts).
 * The vote map follows docs/rules/governance.md "Errors": 404 missing (or in another region), 403 not allowed to take
 * part, 409 the contest is not in a state that allows it, 400 bad input.
 */
export const GOVERNANCE_ERROR_STATUS = {
  // 404: the object does not exist in the region named (existence in another region is not revealed)
  ERR_ELECTION_NOT_FOUND: 404,
  ERR_POLICY_NOT_FOUND: 404,
  ERR_TREATY_NOT_FOUND: 404,
  ERR_MEMBER_NOT_FOUND: 404,
  // 403: the caller may not take part
  ERR_NOT_A_MEMBER: 403,
  /** A member without the vote (visitor, or voting power 0). */
  ERR_NOT_ELIGIBLE: 403,
  /** The account is younger than the 60-day franchise age (403, not 400: it is a permission, not bad input). */
  ERR_ACCOUNT_TOO_NEW: 403,
  ERR_NOT_A_CITIZEN: 403,
  ERR_INSUFFICIENT_REPUTATION: 403,
  ERR_NO_COLONY_IN_REGION: 403,
  /** Council decisions are cast by seat holders only. */
  ERR_NOT_A_COUNCILLOR: 403,
  /** The governance decision table refuses this caller this action under the region's governance type. */
  ERR_GOVERNANCE_DENIED: 403,
  /** The caller's region is not a party to the treaty, or not the side that may take this action. */
  ERR_NOT_TREATY_PARTY: 403,
  // 409: state conflicts
  ERR_ALREADY_VOTED: 409,
  ERR_ELECTION_NOT_ACTIVE: 409,
  ERR_POLICY_NOT_VOTING: 409,
  ERR_VOTING_WINDOW_CLOSED: 409,
  ERR_CANDIDATES_LOCKED: 409,
  ERR_ALREADY_CANDIDATE: 409,
  /** A pending or active election for the same position already exists in the region. */
  ERR_ELECTION_EXISTS: 409,
  /** Only a pending election (voting not yet open) can be cancelled. */
  ERR_ELECTION_NOT_PENDING: 409,
  /** The position is not an elected office under the region's governance type. */
  ERR_POSITION_NOT_ELECTED: 409,
  /** Signing or vetoing needs a passed petition that still awaits the owner's signature. */
  ERR_PETITION_NOT_AWAITING_SIGNATURE: 409,
  /** A live (proposed or active) treaty already binds the two regions, in either direction. */
  ERR_TREATY_EXISTS: 409,
  ERR_TREATY_NOT_PROPOSED: 409,
  ERR_TREATY_NOT_ACTIVE: 409,
  ERR_REGION_NOT_ACTIVE: 409,
  /** Residence is taken in the region the player is in. */
  ERR_NOT_IN_REGION: 409,
  // 400: bad input
  ERR_UNKNOWN_CANDIDATE: 400,
  ERR_INVALID_PROPOSED_CHANGES: 400,
  /** An election must have candidates: an explicit empty list is refused, and nobody may vote without candidates. */
  ERR_NO_CANDIDATES: 400,
  ERR_TREATY_SAME_REGION: 400,
  ERR_INVALID_RECEIPT: 400,
} as const;
