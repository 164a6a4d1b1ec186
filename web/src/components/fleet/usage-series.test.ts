import { describe, expect, it } from 'vitest';
import { alignMetricLines, alignSeries, MAX_POINTS, mergeUsage } from './usage-series';

const p = (at: number, cpuPct: number | null, memPct: number | null = null) => ({ at, cpuPct, memPct });

describe('mergeUsage', () => {
  it('sorts by time and lets a later reading of the same moment win', () => {
    expect(mergeUsage([p(2, 10), p(1, 5)], [p(2, 20), p(3, 30)])).toEqual([p(1, 5), p(2, 20), p(3, 30)]);
  });
  it('keeps only the newest MAX_POINTS', () => {
    const many = Array.from({ length: MAX_POINTS + 5 }, (_, i) => p(i, i));
    const merged = mergeUsage([], many);
    expect(merged).toHaveLength(MAX_POINTS);
    expect(merged[0]?.at).toBe(5);
  });
});

describe('alignSeries', () => {
  it('puts every region on the union of timestamps with null gaps', () => {
    const { times, values } = alignSeries(
      new Map([
        ['a', [p(1, 10), p(3, 30)]],
        ['b', [p(2, 20)]],
      ]),
      (x) => x.cpuPct,
    );
    expect(times).toEqual([1, 2, 3]);
    expect(values.get('a')).toEqual([10, null, 30]);
    expect(values.get('b')).toEqual([null, 20, null]);
  });
});

describe('alignMetricLines', () => {
  it('puts Prometheus series on one axis in epoch ms, null where a region had no sample', () => {
    const { times, values } = alignMetricLines([
      { regionId: 'a', points: [{ at: '2026-12-04T01:00:00.000Z', pct: 10 }, { at: '2026-12-04T01:00:15.000Z', pct: 12.5 }] },
      { regionId: 'b', points: [{ at: '2026-12-04T01:00:15.000Z', pct: null }, { at: '2026-12-04T01:00:30.000Z', pct: 3 }] },
    ]);
    const t0 = Date.parse('2026-12-04T01:00:00.000Z');
    expect(times).toEqual([t0, t0 + 15_000, t0 + 30_000]);
    expect(values.get('a')).toEqual([10, 12.5, null]);
    expect(values.get('b')).toEqual([null, null, 3]);
  });
});
