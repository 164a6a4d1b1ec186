import { describe, expect, it } from 'vitest';
import { REGION_RUNTIME_STATES } from '../vocabulary.ts';
import { addMonthsUtc, canHibernate, decideArchival, decideDormancyCommand, decideIdle, decideWake } from './region-hibernation.ts';

const now = new Date('2026-12-03T12:00:00.000Z');
const minsAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const base = { runtimeState: 'ready' as const, desiredState: 'running' as const, playersOnline: 0, lastActivityAt: minsAgo(31), since: minsAgo(600), now, idleMinutes: 30 };

describe('decideIdle', () => {
  it('hibernates a ready region nobody visited for the idle period', () => {
    expect(decideIdle(base)).toEqual({ kind: 'hibernate', idleForMs: 31 * 60_000 });
    expect(decideIdle({ ...base, lastActivityAt: minsAgo(30) })).toEqual({ kind: 'hibernate', idleForMs: 30 * 60_000 });
  });
  it('keeps it while the idle period runs', () => {
    expect(decideIdle({ ...base, lastActivityAt: minsAgo(29) })).toEqual({ kind: 'keep', reason: 'recently_active', idleForMs: 29 * 60_000 });
  });
  it('somebody present → occupied (the sweep records the activity), whatever the clock says', () => {
    expect(decideIdle({ ...base, playersOnline: 1, lastActivityAt: minsAgo(5000) })).toEqual({ kind: 'occupied' });
  });
  it('never hibernates blind: unknown presence keeps the region', () => {
    expect(decideIdle({ ...base, playersOnline: null, lastActivityAt: minsAgo(5000) })).toMatchObject({ kind: 'keep', reason: 'presence_unknown' });
  });
  it('falls back to `since` when no activity was ever recorded', () => {
    expect(decideIdle({ ...base, lastActivityAt: null, since: minsAgo(10) })).toMatchObject({ kind: 'keep', idleForMs: 10 * 60_000 });
    expect(decideIdle({ ...base, lastActivityAt: null, since: minsAgo(45) })).toEqual({ kind: 'hibernate', idleForMs: 45 * 60_000 });
  });
  it('only a ready, running region is considered', () => {
    for (const s of REGION_RUNTIME_STATES.filter((x) => x !== 'ready')) {
      expect(decideIdle({ ...base, runtimeState: s, lastActivityAt: minsAgo(5000) })).toMatchObject({ kind: 'keep', reason: 'not_running' });
    }
    expect(decideIdle({ ...base, desiredState: 'terminated' })).toMatchObject({ kind: 'keep', reason: 'not_running' });
  });
  it('a custom idle period (REGION_IDLE_MINUTES)', () => {
    expect(decideIdle({ ...base, idleMinutes: 1, lastActivityAt: minsAgo(1) }).kind).toBe('hibernate');
    expect(decideIdle({ ...base, idleMinutes: 60 }).kind).toBe('keep');
  });
});

describe('canHibernate / decideWake', () => {
  it('only ready + running can be hibernated', () => {
    expect(REGION_RUNTIME_STATES.filter((s) => canHibernate(s, 'running'))).toEqual(['ready']);
    expect(canHibernate('ready', 'terminated')).toBe(false);
  });
  it.each([
    ['ready', { kind: 'ready' }],
    ['draining', { kind: 'ready' }],
    ['hibernated', { kind: 'wake', resurrect: false }],
    ['tombstoned', { kind: 'wake', resurrect: true }],
    ['waking', { kind: 'wait' }],
    ['provisioning', { kind: 'wait' }],
    ['unhealthy', { kind: 'wait' }],
    ['requested', { kind: 'wait' }],
    ['attachment_pending', { kind: 'wait' }],
    ['archiving', { kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' }],
    ['archived', { kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' }],
    ['terminated', { kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' }],
    ['error', { kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' }],
    ['generation_corrupt', { kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' }],
  ] as const)('%s → %j', (state, expected) => {
    expect(decideWake(state, 'running')).toEqual(expected);
  });
  it('a dormant region being terminated is not woken', () => {
    expect(decideWake('hibernated', 'terminated')).toEqual({ kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' });
  });
});

describe('decideArchival (six months → tombstone)', () => {
  const created = new Date('2026-01-15T00:00:00Z');
  const f = { runtimeState: 'hibernated' as const, desiredState: 'running' as const, lastResidentLoginAt: null, lastTraversalAt: null, lastActivityAt: null, createdAt: created, now };
  it('tombstones a hibernated region whose latest activity is six months old', () => {
    expect(decideArchival({ ...f, lastResidentLoginAt: new Date('2026-06-03T11:59:59Z') })).toEqual({ kind: 'tombstone', lastActivityAt: new Date('2026-06-03T11:59:59Z') });
    expect(decideArchival({ ...f, lastResidentLoginAt: new Date('2026-06-03T12:00:01Z') })).toEqual({ kind: 'keep', tombstoneAt: new Date('2026-12-03T12:00:01Z') });
  });
  it('the latest of login, traversal and presence counts', () => {
    const old = new Date('2026-02-01T00:00:00Z');
    expect(decideArchival({ ...f, lastResidentLoginAt: old, lastTraversalAt: new Date('2026-07-01T00:00:00Z') }).kind).toBe('keep');
    expect(decideArchival({ ...f, lastResidentLoginAt: old, lastActivityAt: new Date('2026-08-01T00:00:00Z') }).kind).toBe('keep');
    expect(decideArchival({ ...f, lastResidentLoginAt: old, lastTraversalAt: old }).kind).toBe('tombstone');
  });
  it('a region nobody ever used counts from its creation', () => {
    expect(decideArchival(f)).toEqual({ kind: 'tombstone', lastActivityAt: created });
    expect(decideArchival({ ...f, createdAt: new Date('2026-07-01T00:00:00Z') })).toEqual({ kind: 'keep', tombstoneAt: new Date('2027-01-01T00:00:00Z') });
  });
  it('only hibernated, running regions are tombstoned', () => {
    for (const s of REGION_RUNTIME_STATES.filter((x) => x !== 'hibernated')) expect(decideArchival({ ...f, runtimeState: s }).kind).toBe('keep');
    expect(decideArchival({ ...f, desiredState: 'terminated' }).kind).toBe('keep');
  });
  it('adds calendar months in UTC, clamping to the month end', () => {
    expect(addMonthsUtc(new Date('2026-08-31T10:00:00Z'), 6)).toEqual(new Date('2027-02-28T10:00:00Z'));
    expect(addMonthsUtc(new Date('2027-08-31T10:00:00Z'), 6)).toEqual(new Date('2028-02-29T10:00:00Z'));
    expect(addMonthsUtc(new Date('2026-03-15T00:00:00Z'), 6)).toEqual(new Date('2026-09-15T00:00:00Z'));
  });
});

describe('decideDormancyCommand (operator hibernate / wake / resurrect)', () => {
  const f = (runtimeState: (typeof REGION_RUNTIME_STATES)[number], tombstonedAt: Date | null = null, desiredState: 'running' | 'terminated' = 'running') => ({ runtimeState, desiredState, tombstonedAt });
  it('hibernates only a ready, running region', () => {
    expect(decideDormancyCommand('hibernate', f('ready'))).toEqual({ kind: 'run', to: 'hibernated' });
    for (const s of REGION_RUNTIME_STATES.filter((x) => x !== 'ready')) {
      expect(decideDormancyCommand('hibernate', f(s))).toEqual({ kind: 'refuse', code: 'ERR_REGION_NOT_HIBERNATABLE' });
    }
    expect(decideDormancyCommand('hibernate', f('ready', null, 'terminated'))).toEqual({ kind: 'refuse', code: 'ERR_REGION_NOT_HIBERNATABLE' });
  });
  it('wakes a dormant region, refuses a ready one (not dormant) and a gone one (not wakeable)', () => {
    expect(decideDormancyCommand('wake', f('hibernated'))).toEqual({ kind: 'run', to: 'ready' });
    expect(decideDormancyCommand('wake', f('tombstoned', now))).toEqual({ kind: 'run', to: 'ready' });
    expect(decideDormancyCommand('wake', f('waking'))).toEqual({ kind: 'in_progress' });
    for (const s of ['ready', 'draining', 'provisioning', 'unhealthy'] as const) expect(decideDormancyCommand('wake', f(s))).toEqual({ kind: 'refuse', code: 'ERR_REGION_NOT_DORMANT' });
    for (const s of ['archived', 'terminated', 'error'] as const) expect(decideDormancyCommand('wake', f(s))).toEqual({ kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' });
    expect(decideDormancyCommand('wake', f('hibernated', null, 'terminated'))).toEqual({ kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' });
  });
  it('resurrects only a tombstoned region', () => {
    expect(decideDormancyCommand('resurrect', f('tombstoned', now))).toEqual({ kind: 'run', to: 'ready' });
    expect(decideDormancyCommand('resurrect', f('waking', now))).toEqual({ kind: 'in_progress' });
    for (const s of ['hibernated', 'ready', 'waking', 'archived'] as const) expect(decideDormancyCommand('resurrect', f(s))).toEqual({ kind: 'refuse', code: 'ERR_REGION_NOT_WAKEABLE' });
  });
});
