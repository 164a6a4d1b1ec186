import type { MembershipType } from './vocabulary.ts';

/**
 * The franchise (docs/rules/governance.md "Who may vote"): one rule for every path that counts or checks voters —
 * casting a ballot, the quorum at close (mutation or sweep), the bench. A voter is a citizen or resident with voting
 * power above 0 whose ACCOUNT is at least 60 days old (the account age, not the player's or the membership's).
 */
export const FRANCHISE = {
  minAccountAgeDays: 60,
  votingTiers: ['citizen', 'resident'] as readonly MembershipType[],
} as const;

const DAY_MS = 86_400_000;

/** What the rule needs to know about one player in one region. */
export interface VoterFacts {
  playerId: string;
  /** Stored membership tier in the region, null without a membership. */
  membershipType: MembershipType | null;
  votingPower: number;
  /** users.created_at of the player's account. */
  accountCreatedAt: Date;
}

export type EligibilityVerdict =
  | { eligible: true; weight: number }
  | { eligible: false; reason: 'not_a_member' | 'no_vote' | 'account_too_new' };

/** Whether this player may cast a referendum / election ballot now, and with what weight (their voting power). */
export function voterEligibility(f: VoterFacts, now: Date): EligibilityVerdict {
  if (f.membershipType === null) return { eligible: false, reason: 'not_a_member' };
  if (!FRANCHISE.votingTiers.includes(f.membershipType) || !(f.votingPower > 0)) return { eligible: false, reason: 'no_vote' };
  if (now.getTime() - f.accountCreatedAt.getTime() < FRANCHISE.minAccountAgeDays * DAY_MS) {
    return { eligible: false, reason: 'account_too_new' };
  }
  return { eligible: true, weight: f.votingPower };
}

/** The eligible roll of a region: the members for whom voterEligibility says yes, in input order. */
export function eligibleRoll<T extends VoterFacts>(members: readonly T[], now: Date): T[] {
  return members.filter((m) => voterEligibility(m, now).eligible);
}

/** The newest account creation time that still passes the age rule at `now` (for SQL pre-filters). */
export function franchiseAccountCutoff(now: Date): Date {
  return new Date(now.getTime() - FRANCHISE.minAccountAgeDays * DAY_MS);
}
