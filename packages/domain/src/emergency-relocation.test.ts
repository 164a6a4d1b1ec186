import { describe, expect, it } from 'vitest';
import { emergencyRelocationBlocker, relocationTargetProblem, type RelocationTarget } from './emergency-relocation.ts';
import { DAY_MS, canUseEmergencyRelocation } from './subscription-lifecycle.ts';

const now = new Date('2026-03-01T00:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);

describe('emergencyRelocationBlocker', () => {
  it.each<[string, { isGalacticCitizen: boolean; gcLapsedAt: Date | null; gcRelocationUsedAt: Date | null }, ReturnType<typeof emergencyRelocationBlocker>]>([
    ['lapsed 1 day ago, unused: available', { isGalacticCitizen: true, gcLapsedAt: ago(1), gcRelocationUsedAt: null }, null],
    ['just before the 7-day mark: available', { isGalacticCitizen: true, gcLapsedAt: new Date(now.getTime() - 7 * DAY_MS + 1), gcRelocationUsedAt: null }, null],
    ['exactly 7 days: window closed', { isGalacticCitizen: true, gcLapsedAt: ago(7), gcRelocationUsedAt: null }, 'window_closed'],
    ['8 days, sweep already cleared citizenship: window closed', { isGalacticCitizen: false, gcLapsedAt: ago(8), gcRelocationUsedAt: null }, 'window_closed'],
    ['used once: already used', { isGalacticCitizen: true, gcLapsedAt: ago(2), gcRelocationUsedAt: ago(1) }, 'already_used'],
    ['active GC without a lapse: not a lapsed citizen', { isGalacticCitizen: true, gcLapsedAt: null, gcRelocationUsedAt: null }, 'not_galactic_citizen'],
    ['never a GC', { isGalacticCitizen: false, gcLapsedAt: null, gcRelocationUsedAt: null }, 'not_galactic_citizen'],
    ['revoked during the lapse (failed payments)', { isGalacticCitizen: false, gcLapsedAt: ago(1), gcRelocationUsedAt: null }, 'not_galactic_citizen'],
  ])('%s', (_, s, expected) => {
    expect(emergencyRelocationBlocker(s, now)).toBe(expected);
    // canUseEmergencyRelocation stays the one gate: the blocker is null exactly when it says yes.
    expect(emergencyRelocationBlocker(s, now) === null).toBe(canUseEmergencyRelocation(s, now));
  });
});

describe('relocationTargetProblem', () => {
  const player = { id: 'p1', homeRegionId: 'home' };
  const target = (o: Partial<RelocationTarget> = {}): RelocationTarget => ({
    regionId: 'r1', regionType: 'player_owned', ownerId: 'p1', status: 'active', runtimeState: 'ready', desiredState: 'running', membershipType: null, ...o,
  });

  it('accepts an owned, ready player region outside home', () => {
    expect(relocationTargetProblem(player, target())).toBeNull();
  });
  it('accepts a citizen or resident membership', () => {
    expect(relocationTargetProblem(player, target({ ownerId: 'someone', membershipType: 'citizen' }))).toBeNull();
    expect(relocationTargetProblem(player, target({ ownerId: null, regionType: 'terran_space', membershipType: 'resident' }))).toBeNull();
  });
  it('refuses the home region, even when owned', () => {
    expect(relocationTargetProblem(player, target({ regionId: 'home' }))).toBe('home_region');
  });
  it('refuses without a holding: a visitor, another owner, or ownership of a platform region row', () => {
    expect(relocationTargetProblem(player, target({ ownerId: 'someone' }))).toBe('no_holding');
    expect(relocationTargetProblem(player, target({ ownerId: 'someone', membershipType: 'visitor' }))).toBe('no_holding');
    expect(relocationTargetProblem(player, target({ regionType: 'central_nexus' }))).toBe('no_holding');
  });
  it('refuses a region that is not serving players', () => {
    expect(relocationTargetProblem(player, target({ status: 'terminated', runtimeState: 'terminated', desiredState: 'terminated' }))).toBe('not_ready');
    expect(relocationTargetProblem(player, target({ status: 'suspended' }))).toBe('not_ready');
    expect(relocationTargetProblem(player, target({ runtimeState: 'provisioning' }))).toBe('not_ready');
    expect(relocationTargetProblem(player, target({ desiredState: 'terminated' }))).toBe('not_ready');
  });
  it('a player without a home region may go to any held region', () => {
    expect(relocationTargetProblem({ id: 'p1', homeRegionId: null }, target({ regionId: 'home' }))).toBeNull();
  });
});
