import { describe, expect, it } from 'vitest';
import { ELECTION_STATUSES } from '../vocabulary.ts';
import { ELECTION_TRANSITIONS, canTransitionElection, electionSweepStep } from './election.ts';

describe('election lifecycle', () => {
  const allowed = new Set(['pending>active', 'pending>cancelled', 'active>tallying', 'tallying>completed']);
  it.each(ELECTION_STATUSES.flatMap((from) => ELECTION_STATUSES.map((to) => [from, to] as const)))('%s -> %s', (from, to) => {
    expect(canTransitionElection(from, to)).toBe(allowed.has(`${from}>${to}`));
  });
  it('nothing is born active: only pending has no predecessor besides itself', () => {
    const targets = new Set(Object.values(ELECTION_TRANSITIONS).flat());
    expect(targets.has('pending')).toBe(false);
  });
  it('the sweep opens at voting_opens_at and closes at voting_closes_at', () => {
    const w = { votingOpensAt: new Date(1000), votingClosesAt: new Date(2000) };
    expect(electionSweepStep({ status: 'pending', ...w }, new Date(999))).toBe('none');
    expect(electionSweepStep({ status: 'pending', ...w }, new Date(1000))).toBe('open');
    expect(electionSweepStep({ status: 'active', ...w }, new Date(1999))).toBe('none');
    expect(electionSweepStep({ status: 'active', ...w }, new Date(2000))).toBe('close');
    expect(electionSweepStep({ status: 'completed', ...w }, new Date(5000))).toBe('none');
  });
});
