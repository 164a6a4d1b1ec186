import { describe, expect, it } from 'vitest';
import { withPendingBallot } from './tally';

describe('withPendingBallot', () => {
  it('adds the pending weight to its side and recomputes approval', () => {
    expect(withPendingBallot({ votesFor: 1, votesAgainst: 1, approvalPercentage: 50 }, { support: true, weight: 1.5 })).toEqual({
      votesFor: 2.5,
      votesAgainst: 1,
      approvalPercentage: 71.43,
    });
  });
  it('is the tally itself without a pending ballot', () => {
    const t = { votesFor: 0, votesAgainst: 0, approvalPercentage: null };
    expect(withPendingBallot(t, null)).toBe(t);
  });
});
