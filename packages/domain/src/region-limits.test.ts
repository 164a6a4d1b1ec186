import { describe, expect, it } from 'vitest';
import { canOwnAnotherRegion, fleetUtilization } from './region-limits.ts';

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
});
