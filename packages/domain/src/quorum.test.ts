import { describe, expect, it } from 'vitest';
import { councilQuorum, councilSupermajority, effectiveQuorumPct, referendumQuorum } from './quorum.ts';

describe('referendumQuorum', () => {
  it.each([
    [0, 0.33, 0],
    [1, 0.33, 1],
    [2, 0.33, 2],
    [3, 0.25, 2], // ceil(0.75) = 1, floor of 2
    [100, 0.33, 33], // exact: not 34 from float noise
    [10_000, 0.33, 3300],
    [7, 0.6, 5],
    [10, 0.1, 3], // clamped up to 0.25 -> ceil(2.5)
    [10, 0.9, 6], // clamped down to 0.60
    [10, null, 4], // default 0.33 -> ceil(3.3)
  ] as const)('%i eligible at %s -> %i ballots', (eligible, pct, expected) => {
    expect(referendumQuorum(eligible, pct)).toBe(expected);
  });

  it('clamps the share to 0.25-0.60 with 0.33 as the default', () => {
    expect([effectiveQuorumPct(0.1), effectiveQuorumPct(0.7), effectiveQuorumPct(null), effectiveQuorumPct(0.4)]).toEqual([0.25, 0.6, 0.33, 0.4]);
  });
});

describe('council counts', () => {
  it.each([
    [3, 2, 2],
    [5, 3, 4],
    [7, 4, 5],
    [9, 5, 6],
  ])('%i seats: quorum %i, two thirds %i', (seats, quorum, twoThirds) => {
    expect(councilQuorum(seats)).toBe(quorum);
    expect(councilSupermajority(seats)).toBe(twoThirds);
  });
});
