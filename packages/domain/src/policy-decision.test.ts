import { describe, expect, it } from 'vitest';
import { decidePolicy, requiredApproval, type PolicyCount } from './policy-decision.ts';
import { WEIGHT_SCALE } from './vote-weight.ts';

const u = (w: number) => Math.round(w * WEIGHT_SCALE);
const referendum = (over: Partial<PolicyCount>): PolicyCount => ({
  body: 'members', forUnits: 0, againstUnits: 0, ballots: 0, electorate: 10, quorumPct: 0.33, votingThreshold: 0.51, constitutional: false, ...over,
});

describe('decidePolicy: referendum', () => {
  it.each([
    ['no ballots', referendum({}), 'rejected', 'no_quorum'],
    ['3 of 10 ballots < quorum 4', referendum({ ballots: 3, forUnits: u(4.5) }), 'rejected', 'no_quorum'],
    ['4 ballots, 3 for 1 against', referendum({ ballots: 4, forUnits: u(3), againstUnits: u(1) }), 'passed', null],
    ['exact 0.51 passes', referendum({ ballots: 4, forUnits: u(51), againstUnits: u(49) }), 'passed', null],
    ['50/50 fails 0.51', referendum({ ballots: 4, forUnits: u(2), againstUnits: u(2) }), 'rejected', 'below_threshold'],
    ['decimal weights: 1.5 vs 1.5+0.0001', referendum({ ballots: 4, forUnits: u(1.5), againstUnits: u(1.5001) }), 'rejected', 'below_threshold'],
    ['constitutional at 0.65 fails', referendum({ ballots: 4, forUnits: u(65), againstUnits: u(35), constitutional: true }), 'rejected', 'below_threshold'],
    ['constitutional at 0.66 passes', referendum({ ballots: 4, forUnits: u(66), againstUnits: u(34), constitutional: true }), 'passed', null],
    ['single eligible voter is its own quorum', referendum({ electorate: 1, ballots: 1, forUnits: u(1) }), 'passed', null],
    ['empty roll never passes', referendum({ electorate: 0 }), 'rejected', 'no_quorum'],
  ] as const)('%s', (_l, count, outcome, reason) => {
    expect(decidePolicy(count)).toMatchObject({ outcome, reason });
  });

  it('a threshold above the supermajority still applies to constitutional changes', () => {
    expect(requiredApproval(0.8, true)).toBe(0.8);
    expect(requiredApproval(0.51, true)).toBe(0.66);
    expect(requiredApproval(0.51, false)).toBe(0.51);
  });
});

describe('decidePolicy: council (one vote per seat)', () => {
  const council = (over: Partial<PolicyCount>): PolicyCount => referendum({ body: 'council', electorate: 5, ...over });
  it.each([
    ['2 of 5 seats voted', council({ ballots: 2, forUnits: u(2) }), 'rejected', 'no_quorum'],
    ['3 of 5 voted, 2 for', council({ ballots: 3, forUnits: u(2), againstUnits: u(1) }), 'passed', null],
    ['constitutional: 3 of 5 for is short of 4', council({ ballots: 5, forUnits: u(3), againstUnits: u(2), constitutional: true }), 'rejected', 'below_threshold'],
    ['constitutional: 4 of 5 for', council({ ballots: 4, forUnits: u(4), constitutional: true }), 'passed', null],
    ['constitutional without quorum', council({ ballots: 2, forUnits: u(2), constitutional: true }), 'rejected', 'no_quorum'],
  ] as const)('%s', (_l, count, outcome, reason) => {
    expect(decidePolicy(count)).toMatchObject({ outcome, reason });
  });
});
