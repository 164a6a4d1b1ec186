import { describe, expect, it } from 'vitest';
import { electionOutcome } from './election-outcome';

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
