import { ELECTION_STATUSES, type ElectionStatus } from '../vocabulary.ts';

/**
 * Election lifecycle (docs/rules/governance.md "Elections"). Every election, automatic or owner-started, is born
 * PENDING; nothing is ever born ACTIVE.
 *
 * - pending: registration window; citizens register as candidates; the owner may cancel it.
 * - active: voting window; the candidate list is locked.
 * - tallying: voting closed, the count runs (inside the closing transaction).
 * - completed: result stored (a winner, council seats, or voided); never tallied again.
 * - cancelled: ended before voting opened (by the owner, or because nobody registered).
 */
export const ELECTION_TRANSITIONS: Readonly<Record<ElectionStatus, readonly ElectionStatus[]>> = {
  pending: ['active', 'cancelled'],
  active: ['tallying'],
  tallying: ['completed'],
  completed: [],
  cancelled: [],
};

export function canTransitionElection(from: ElectionStatus, to: ElectionStatus): boolean {
  return ELECTION_TRANSITIONS[from].includes(to);
}

/** Live elections still block a new one for the same position. */
export function isElectionLive(s: ElectionStatus): boolean {
  return s === 'pending' || s === 'active' || s === 'tallying';
}

export function isElectionStatus(v: string): v is ElectionStatus {
  return (ELECTION_STATUSES as readonly string[]).includes(v);
}

/** What a sweep at `now` must do with an election, from its stored status and window. */
export function electionSweepStep(
  e: { status: ElectionStatus; votingOpensAt: Date; votingClosesAt: Date },
  now: Date,
): 'open' | 'close' | 'none' {
  if (e.status === 'pending' && now >= e.votingOpensAt) return 'open';
  if (e.status === 'active' && now >= e.votingClosesAt) return 'close';
  return 'none';
}
