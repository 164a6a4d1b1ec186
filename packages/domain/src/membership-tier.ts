import type { MembershipType } from './vocabulary.ts';

/**
 * How real events move a player's membership in a region (docs/rules/governance.md "Members"): entering makes a
 * visitor, residence a resident, a colony or a redeemed invite a citizen. Tiers only go up, except that moving one's
 * residence away makes a resident a visitor again; citizenship is never taken away by an event.
 */
export const MEMBERSHIP_EVENTS = ['entered', 'residence', 'moved_away', 'colony', 'invite'] as const;
export type MembershipEvent = (typeof MEMBERSHIP_EVENTS)[number];

/** Voting power a member gets when they reach a tier (canon: citizens 1.5). */
export const TIER_DEFAULT_VOTING_POWER: Record<MembershipType, number> = { visitor: 1, resident: 1, citizen: 1.5 };

const RANK: Record<MembershipType, number> = { visitor: 0, resident: 1, citizen: 2 };
const TARGET: Record<Exclude<MembershipEvent, 'moved_away'>, MembershipType> = {
  entered: 'visitor',
  residence: 'resident',
  colony: 'citizen',
  invite: 'citizen',
};

export interface MembershipState {
  membershipType: MembershipType;
  votingPower: number;
}

/**
 * The membership after `event`, given the current one (null = none yet). Reaching a higher tier raises voting power to
 * that tier's default (never lowers an owner-set higher power); staying in a tier keeps the owner-set power.
 */
export function nextMembership(current: MembershipState | null, event: MembershipEvent): MembershipState {
  if (event === 'moved_away') {
    if (current === null) return { membershipType: 'visitor', votingPower: TIER_DEFAULT_VOTING_POWER.visitor };
    return current.membershipType === 'resident' ? { ...current, membershipType: 'visitor' } : current;
  }
  const target = TARGET[event];
  if (current === null) return { membershipType: target, votingPower: TIER_DEFAULT_VOTING_POWER[target] };
  if (RANK[target] <= RANK[current.membershipType]) return current;
  return { membershipType: target, votingPower: Math.max(current.votingPower, TIER_DEFAULT_VOTING_POWER[target]) };
}
