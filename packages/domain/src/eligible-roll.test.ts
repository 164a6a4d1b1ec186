import { describe, expect, it } from 'vitest';
import { eligibleRoll, voterEligibility, type VoterFacts } from './eligible-roll.ts';

const now = new Date('2102-06-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const facts = (over: Partial<VoterFacts>): VoterFacts => ({
  playerId: 'p', membershipType: 'citizen', votingPower: 1.5, accountCreatedAt: daysAgo(90), ...over,
});

describe('voterEligibility', () => {
  it.each([
    ['citizen, 90-day account', facts({}), { eligible: true, weight: 1.5 }],
    ['resident with power 1', facts({ membershipType: 'resident', votingPower: 1 }), { eligible: true, weight: 1 }],
    ['exactly 60 days old', facts({ accountCreatedAt: daysAgo(60) }), { eligible: true, weight: 1.5 }],
    ['59 days old', facts({ accountCreatedAt: daysAgo(59) }), { eligible: false, reason: 'account_too_new' }],
    ['visitor', facts({ membershipType: 'visitor' }), { eligible: false, reason: 'no_vote' }],
    ['citizen whose vote the owner removed', facts({ votingPower: 0 }), { eligible: false, reason: 'no_vote' }],
    ['no membership', facts({ membershipType: null }), { eligible: false, reason: 'not_a_member' }],
  ] as const)('%s', (_label, f, expected) => {
    expect(voterEligibility(f, now)).toEqual(expected);
  });

  it('the roll applies the same age rule as casting (one function for every path)', () => {
    const members = [
      facts({ playerId: 'old' }),
      facts({ playerId: 'new', accountCreatedAt: daysAgo(10) }),
      facts({ playerId: 'visitor', membershipType: 'visitor' }),
      facts({ playerId: 'resident', membershipType: 'resident', votingPower: 0.5 }),
    ];
    expect(eligibleRoll(members, now).map((m) => m.playerId)).toEqual(['old', 'resident']);
  });
});
