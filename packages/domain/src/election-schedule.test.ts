import { describe, expect, it } from 'vitest';
import { autoElectionDue, autoElectionPosition, electionWindows, type ScheduleFacts } from './election-schedule.ts';

const now = new Date('2102-06-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const f = (over: Partial<ScheduleFacts>): ScheduleFacts => ({
  governanceType: 'democracy', electionFrequencyDays: 90, hasLiveElection: false, lastEndedAt: daysAgo(10), typeSince: daysAgo(400), officeVacant: false, ...over,
});

describe('autoElectionDue', () => {
  it.each([
    ['autocracy never', f({ governanceType: 'autocracy', lastEndedAt: null, officeVacant: true }), false],
    ['a live election blocks another', f({ hasLiveElection: true, lastEndedAt: daysAgo(200) }), false],
    ['10 days after the last one', f({}), false],
    ['90 days after the last one', f({ lastEndedAt: daysAgo(90) }), true],
    ['council republic after its frequency', f({ governanceType: 'council', electionFrequencyDays: 30, lastEndedAt: daysAgo(31) }), true],
    ['new democracy with a vacant office elects at once', f({ lastEndedAt: null, typeSince: daysAgo(1), officeVacant: true }), true],
    ['new democracy with a sitting governor waits the frequency', f({ lastEndedAt: null, typeSince: daysAgo(1) }), false],
  ] as const)('%s', (_l, facts, expected) => {
    expect(autoElectionDue(facts, now)).toBe(expected);
  });
  it('positions and windows', () => {
    expect([autoElectionPosition('autocracy'), autoElectionPosition('democracy'), autoElectionPosition('council')]).toEqual([null, 'governor', 'council_member']);
    const w = electionWindows(now, 7, 7);
    expect([w.opensAt.toISOString(), w.closesAt.toISOString()]).toEqual(['2102-06-08T00:00:00.000Z', '2102-06-15T00:00:00.000Z']);
  });
});
