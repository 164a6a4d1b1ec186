import { describe, expect, it } from 'vitest';
import { effectiveTariff, tariffCap } from './commerce-tariff.ts';

describe('tariffCap', () => {
  it.each([
    [0, 0.05], [2, 0.05], [3, 0.15], [5, 0.15], [6, 0.25], [400, 0.25], [Number.NaN, 0.05],
  ])('%d stations -> %d', (stations, cap) => expect(tariffCap(stations)).toBe(cap));
});

describe('effectiveTariff', () => {
  it.each([
    ['under the cap', 0.04, 1, 0.04, false],
    ['clamped by few stations', 0.25, 2, 0.05, true],
    ['clamped by mid stations', 0.2, 4, 0.15, true],
    ['full with many stations', 0.25, 6, 0.25, false],
    ['negative floored', -0.1, 6, 0, false],
  ])('%s', (_l, requested, stations, rate, limited) => {
    const t = effectiveTariff(requested, stations);
    expect(t.effectiveRate).toBe(rate);
    expect(t.limited).toBe(limited);
  });
});
