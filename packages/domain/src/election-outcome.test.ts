import { describe, expect, it } from 'vitest';
import { electionOutcome } from './election-outcome.ts';
import { WEIGHT_SCALE } from './vote-weight.ts';

const t = (entries: Record<string, number>) => new Map(Object.entries(entries).map(([k, w]) => [k, Math.round(w * WEIGHT_SCALE)]));

describe('electionOutcome', () => {
  it('plurality by summed decimal weight', () => {
    const o = electionOutcome({ position: 'ambassador', candidates: ['a', 'b'], tallies: t({ a: 1.5, b: 2.5 }), votingThreshold: 0.51 });
    expect(o).toMatchObject({ kind: 'winner', winnerId: 'b', totalUnits: 40_000 });
  });
  it('a tie goes to the earliest registrant', () => {
    expect(electionOutcome({ position: 'ambassador', candidates: ['late', 'early'].reverse(), tallies: t({ early: 2, late: 2 }), votingThreshold: 0.51 }))
      .toMatchObject({ kind: 'winner', winnerId: 'early' });
  });
  it.each([
    ['governor at 60% of the weight', { a: 3, b: 2 }, { kind: 'winner', winnerId: 'a' }],
    ['governor at exactly the threshold', { a: 51, b: 49 }, { kind: 'winner', winnerId: 'a' }],
    ['governor short of the threshold is voided', { a: 4, b: 3, c: 3 }, { kind: 'voided', reason: 'below_threshold' }],
    ['no votes is voided', {}, { kind: 'voided', reason: 'no_votes' }],
  ] as const)('%s', (_l, tallies, expected) => {
    expect(electionOutcome({ position: 'governor', candidates: ['a', 'b', 'c'], tallies: t(tallies), votingThreshold: 0.51 })).toMatchObject(expected);
  });
  it('a council takes the top N seats, ties by registration order, vacant seats stay vacant', () => {
    const o = electionOutcome({
      position: 'council_member', candidates: ['a', 'b', 'c', 'd', 'e'], tallies: t({ a: 1, b: 3, c: 1, d: 2 }), votingThreshold: 0.9, seats: 3,
    });
    expect(o.kind === 'council' ? o.seats.map((s) => s.playerId) : o).toEqual(['b', 'd', 'a']);
    const few = electionOutcome({ position: 'council_member', candidates: ['a', 'b'], tallies: t({ a: 1 }), votingThreshold: 0.5, seats: 5 });
    expect(few.kind === 'council' ? few.seats.map((s) => s.playerId) : few).toEqual(['a']);
  });
  it('ignores ballots for ids not on the candidate list', () => {
    expect(electionOutcome({ position: 'ambassador', candidates: ['a'], tallies: t({ intruder: 9, a: 1 }), votingThreshold: 0.5 }))
      .toMatchObject({ kind: 'winner', winnerId: 'a', totalUnits: WEIGHT_SCALE });
  });
});
