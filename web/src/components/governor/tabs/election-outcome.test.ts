import { describe, expect, it } from 'vitest';
import { electionOutcome, foldElectionTally, isElected } from './election-outcome';

const base = { status: 'COMPLETED' as const, cancelReason: null, winner: null, results: null };

describe('electionOutcome', () => {
  it('voided: nobody voted', () => {
    expect(electionOutcome({ ...base, results: { voided: true, reason: 'no_votes', ballots: 0 } })).toEqual({ kind: 'voided', text: 'Voided: nobody voted, so the incumbent stays.' });
  });
  it('inconclusive: nobody reached the threshold', () => {
    expect(electionOutcome({ ...base, results: { voided: true, reason: 'below_threshold', ballots: 4 } }).kind).toBe('inconclusive');
  });
  it('elected: names the winner', () => {
    expect(electionOutcome({ ...base, winner: { id: 'p', name: 'Ann' }, results: { voided: false, reason: null, ballots: 3 } })).toEqual({ kind: 'elected', text: 'Ann was elected.' });
  });
  it('cancelled by the owner, or because nobody registered', () => {
    expect(electionOutcome({ ...base, status: 'CANCELLED', cancelReason: 'by_owner' }).text).toBe('Cancelled by the owner before voting opened.');
    expect(electionOutcome({ ...base, status: 'CANCELLED', cancelReason: 'no_candidates' }).text).toBe('Cancelled: nobody registered before voting opened.');
  });
  it('still running: no outcome yet', () => {
    expect(electionOutcome({ ...base, status: 'ACTIVE' }).kind).toBe('open');
    expect(electionOutcome({ ...base, status: 'PENDING' }).kind).toBe('open');
  });
});

describe('council and live folding', () => {
  const election = {
    id: 'e', position: 'COUNCIL_MEMBER' as const, status: 'ACTIVE' as const, votingOpensAt: '', votingClosesAt: '', totalWeight: 1, cancelReason: null, winner: null, results: null,
    candidates: [{ weight: 1, platform: null, player: { id: 'a', name: 'Ann' } }],
  };
  it('a completed council election names the seated, in seat order', () => {
    const seats = [{ seatNumber: 2, player: { id: 'b', name: 'Bo' } }, { seatNumber: 1, player: { id: 'a', name: 'Ann' } }];
    expect(electionOutcome({ ...base, results: { voided: false, reason: null, ballots: 2, seats } }).text).toBe('Seated on the council: Ann, Bo.');
    expect(isElected({ winner: null, results: { voided: false, reason: null, ballots: 2, seats } }, 'b')).toBe(true);
    expect(isElected({ winner: null, results: { voided: false, reason: null, ballots: 2, seats } }, 'c')).toBe(false);
  });
  it('a tally of the same status moves the weights; a new status asks for a re-read', () => {
    const candidates = [{ weight: 2.5, platform: null, player: { id: 'a', name: 'Ann' } }];
    expect(foldElectionTally(election, { status: 'ACTIVE', totalWeight: 2.5, candidates })).toMatchObject({ totalWeight: 2.5, candidates, status: 'ACTIVE' });
    expect(foldElectionTally(election, { status: 'COMPLETED', totalWeight: 2.5, candidates })).toBeNull();
  });
});
