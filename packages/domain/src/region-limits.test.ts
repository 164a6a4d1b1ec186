import { describe, expect, it } from 'vitest';
import { canOwnAnotherRegion, fleetCapacity, fleetUtilization } from './region-limits.ts';
import type { RegionRuntimeState } from './vocabulary.ts';

describe('region limits', () => {
  it.each([[0, true], [4, true], [5, false], [9, false]])('owner with %i regions may add one: %s', (n, ok) => {
    expect(canOwnAnotherRegion(n)).toBe(ok);
  });
  it.each([
    [0, 0, false],
    [37, 0.74, false],
    [38, 0.76, true],
    [50, 1, true],
    [80, 1.6, true],
  ])('%i live regions -> utilisation %f alert %s', (live, util, alert) => {
    const f = fleetUtilization(live);
    expect(f.utilization).toBeCloseTo(util);
    expect(f.alert).toBe(alert);
    expect(f.softTarget).toBe(50);
  });

  describe('fleetCapacity (the one capacity rule)', () => {
    const fleet = (n: number, s: RegionRuntimeState) => Array.from({ length: n }, () => s);
    it('a tombstoned region frees its slot: 38 active alert, one tombstoned of them leaves 37 and no alert', () => {
      const full = fleetCapacity(fleet(38, 'ready'));
      expect(full).toEqual({ activeRegions: 38, liveRegions: 38, softTarget: 50, utilization: 0.76, alert: true });
      const freed = fleetCapacity([...fleet(37, 'ready'), 'tombstoned']);
      expect(freed).toMatchObject({ activeRegions: 37, liveRegions: 37, alert: false });
      expect(freed.utilization).toBeCloseTo(0.74);
    });
    it('a hibernated region keeps its slot (it wakes on demand) but runs nothing (not live)', () => {
      const c = fleetCapacity([...fleet(37, 'ready'), 'hibernated']);
      expect(c).toMatchObject({ activeRegions: 38, liveRegions: 37, alert: true });
      expect(fleetCapacity(['waking'])).toMatchObject({ activeRegions: 1, liveRegions: 0 });
    });
    it('archived and terminated regions count nowhere; provisioning ones count as both', () => {
      expect(fleetCapacity(['archived', 'terminated'])).toMatchObject({ activeRegions: 0, liveRegions: 0, utilization: 0, alert: false });
      expect(fleetCapacity(['provisioning', 'requested'])).toMatchObject({ activeRegions: 2, liveRegions: 1 });
    });
  });
});
