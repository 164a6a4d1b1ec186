import { describe, expect, it } from 'vitest';
import { autoscaleDecision, type AutoscaleSample } from './autoscale-policy.ts';

const NOW = 1_800_000_000_000;
const MIN = 60_000;

/** A series every 30 s over the last `minutes`, each sample from `f(i)`. */
function series(minutes: number, f: (i: number) => { cpuPct: number; memPct: number }): AutoscaleSample[] {
  const n = Math.round((minutes * MIN) / 30_000);
  return Array.from({ length: n + 1 }, (_, i) => ({ at: NOW - (n - i) * 30_000, ...f(i) }));
}
const flat = (minutes: number, cpuPct: number, memPct: number) => series(minutes, () => ({ cpuPct, memPct }));

describe('autoscaleDecision', () => {
  it.each([
    { description: 'cpu > 80 % for 3 min scales cpu ×1.5', samples: flat(3, 90, 50), spec: { cpu: 2, memoryGb: 4 },
      expected: { action: 'scale_up', to: { cpu: 3, memoryGb: 4 }, reason: 'cpu_high', limited: false } },
    { description: 'memory > 85 % for 3 min scales memory ×1.3 rounded up', samples: flat(3, 50, 90), spec: { cpu: 2, memoryGb: 4 },
      expected: { action: 'scale_up', to: { cpu: 2, memoryGb: 6 }, reason: 'memory_high', limited: false } },
    { description: 'both high scales both', samples: flat(3, 95, 95), spec: { cpu: 3, memoryGb: 8 },
      expected: { action: 'scale_up', to: { cpu: 4.5, memoryGb: 11 }, reason: 'cpu_and_memory_high', limited: false } },
    { description: 'cpu up is clamped to 8 and flagged limited', samples: flat(3, 95, 10), spec: { cpu: 7, memoryGb: 4 },
      expected: { action: 'scale_up', to: { cpu: 8, memoryGb: 4 }, reason: 'cpu_high', limited: true } },
    { description: 'already at max holds, limited', samples: flat(3, 95, 95), spec: { cpu: 8, memoryGb: 16 },
      expected: { action: 'hold', to: { cpu: 8, memoryGb: 16 }, reason: 'at_max', limited: true } },
    { description: 'one dip below 80 % in the window is not sustained', samples: series(3, (i) => ({ cpuPct: i === 3 ? 70 : 90, memPct: 50 })),
      spec: { cpu: 2, memoryGb: 4 }, expected: { action: 'hold', to: { cpu: 2, memoryGb: 4 }, reason: 'within_thresholds', limited: false } },
    { description: 'high only in the last minute is not sustained', samples: series(3, (i) => ({ cpuPct: i >= 4 ? 95 : 50, memPct: 50 })),
      spec: { cpu: 2, memoryGb: 4 }, expected: { action: 'hold', to: { cpu: 2, memoryGb: 4 }, reason: 'within_thresholds', limited: false } },
    { description: 'low cpu AND memory for 6 min scales down ÷1.5 / ÷1.3', samples: flat(6, 5, 10), spec: { cpu: 4, memoryGb: 8 },
      expected: { action: 'scale_down', to: { cpu: 2.5, memoryGb: 6 }, reason: 'utilisation_low', limited: false } },
    { description: 'scale down clamps to the floor', samples: flat(6, 5, 10), spec: { cpu: 1, memoryGb: 3 },
      expected: { action: 'scale_down', to: { cpu: 1, memoryGb: 2 }, reason: 'utilisation_low', limited: true } },
    { description: 'at the floor holds, limited', samples: flat(6, 5, 10), spec: { cpu: 1, memoryGb: 2 },
      expected: { action: 'hold', to: { cpu: 1, memoryGb: 2 }, reason: 'at_min', limited: true } },
    { description: 'low cpu but memory 40 % does not scale down', samples: flat(6, 5, 40), spec: { cpu: 4, memoryGb: 8 },
      expected: { action: 'hold', to: { cpu: 4, memoryGb: 8 }, reason: 'within_thresholds', limited: false } },
    { description: 'low for only 4 min does not scale down', samples: flat(4, 5, 10), spec: { cpu: 4, memoryGb: 8 },
      expected: { action: 'hold', to: { cpu: 4, memoryGb: 8 }, reason: 'within_thresholds', limited: false } },
    { description: 'no samples fails static', samples: [], spec: { cpu: 2, memoryGb: 4 },
      expected: { action: 'hold', to: { cpu: 2, memoryGb: 4 }, reason: 'metrics_missing', limited: false } },
    { description: 'stale samples fail static', samples: flat(3, 95, 95).map((s) => ({ ...s, at: s.at - 5 * MIN })), spec: { cpu: 2, memoryGb: 4 },
      expected: { action: 'hold', to: { cpu: 2, memoryGb: 4 }, reason: 'metrics_missing', limited: false } },
    { description: 'a gap in the series fails static', samples: flat(3, 95, 50).filter((_, i) => i < 1 || i > 4), spec: { cpu: 2, memoryGb: 4 },
      expected: { action: 'hold', to: { cpu: 2, memoryGb: 4 }, reason: 'metrics_missing', limited: false } },
    { description: 'NaN samples are ignored (fail static if nothing is left)', samples: [{ at: NOW, cpuPct: Number.NaN, memPct: 1 }],
      spec: { cpu: 2, memoryGb: 4 }, expected: { action: 'hold', to: { cpu: 2, memoryGb: 4 }, reason: 'metrics_missing', limited: false } },
    { description: 'cooldown after a change holds', samples: flat(3, 95, 95), spec: { cpu: 2, memoryGb: 4, lastScaledAt: NOW - 2 * MIN },
      expected: { action: 'hold', to: { cpu: 2, memoryGb: 4 }, reason: 'cooldown', limited: false } },
    { description: 'cooldown expired allows scaling', samples: flat(3, 95, 50), spec: { cpu: 2, memoryGb: 4, lastScaledAt: NOW - 6 * MIN },
      expected: { action: 'scale_up', to: { cpu: 3, memoryGb: 4 }, reason: 'cpu_high', limited: false } },
  ])('$description', ({ samples, spec, expected }) => {
    expect(autoscaleDecision(samples, spec, NOW)).toEqual(expected);
  });

  it('results always lie on valid steps inside the bounds', () => {
    for (const cpu of [1, 1.5, 2, 2.5, 3, 5, 7.5, 8]) {
      for (const memoryGb of [2, 3, 4, 7, 13, 16]) {
        for (const s of [flat(6, 95, 95), flat(6, 1, 1)]) {
          const d = autoscaleDecision(s, { cpu, memoryGb }, NOW);
          expect(d.to.cpu * 2).toBe(Math.round(d.to.cpu * 2));
          expect(Number.isInteger(d.to.memoryGb)).toBe(true);
          expect(d.to.cpu).toBeGreaterThanOrEqual(1);
          expect(d.to.cpu).toBeLessThanOrEqual(8);
          expect(d.to.memoryGb).toBeGreaterThanOrEqual(2);
          expect(d.to.memoryGb).toBeLessThanOrEqual(16);
        }
      }
    }
  });
});
