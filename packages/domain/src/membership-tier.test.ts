import { describe, expect, it } from 'vitest';
import { nextMembership, type MembershipState } from './membership-tier.ts';

const m = (membershipType: MembershipState['membershipType'], votingPower: number): MembershipState => ({ membershipType, votingPower });

describe('nextMembership', () => {
  it.each([
    ['entering creates a visitor', null, 'entered', m('visitor', 1)],
    ['residence creates a resident', null, 'residence', m('resident', 1)],
    ['a colony makes a citizen at 1.5', null, 'colony', m('citizen', 1.5)],
    ['an invite makes a citizen', m('visitor', 1), 'invite', m('citizen', 1.5)],
    ['visitor -> resident', m('visitor', 1), 'residence', m('resident', 1)],
    ['entering never downgrades a citizen', m('citizen', 2), 'entered', m('citizen', 2)],
    ['promotion keeps a higher owner-set power', m('resident', 3), 'colony', m('citizen', 3)],
    ['staying citizen keeps an owner-set 0', m('citizen', 0), 'invite', m('citizen', 0)],
    ['moving away makes a resident a visitor', m('resident', 1), 'moved_away', m('visitor', 1)],
    ['moving away never removes citizenship', m('citizen', 1.5), 'moved_away', m('citizen', 1.5)],
  ] as const)('%s', (_l, current, event, expected) => {
    expect(nextMembership(current, event)).toEqual(expected);
  });
});
