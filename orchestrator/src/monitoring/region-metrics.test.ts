/** The input rules and the PromQL of the fleet charts (docs/decisions/monitoring.md "Fleet charts"). */
import { describe, expect, it } from 'vitest';
import { METRICS_RANGE_BOUNDS, percentOfAllowance, planMetricsRange } from './region-metrics.ts';

const id = '5b7f4c1e-0d1a-4c55-9a3e-3f0c9e7b2a10';

describe('planMetricsRange', () => {
  it('builds the CPU rate and the resident memory queries, one line per region', () => {
    const cpu = planMetricsRange({ metric: 'cpu', rangeSeconds: 3600, regionId: id });
    expect(cpu).toEqual({ metric: 'cpu', rangeS: 3600, stepS: 30, regionId: id, promql: `sum by (region_id) (rate(process_cpu_seconds_total{job="region-servers",region_id="${id}"}[60s]))` });
    const mem = planMetricsRange({ metric: 'memory', rangeSeconds: 86_400, stepSeconds: 600 });
    expect(mem.promql).toBe('sum by (region_id) (process_resident_memory_bytes{job="region-servers"})');
    // The rate window covers two steps when the step is long.
    expect(planMetricsRange({ metric: 'cpu', rangeSeconds: 86_400, stepSeconds: 600 }).promql).toContain('[1200s]');
  });

  it('refuses ranges, steps and ids out of bounds with ERR_VALIDATION naming each field', () => {
    const bad = (input: Parameters<typeof planMetricsRange>[0]) => {
      try {
        planMetricsRange(input);
      } catch (err) {
        return err as { code: string; details: { issues: Array<{ path: string }> } };
      }
      throw new Error('accepted');
    };
    expect(bad({ metric: 'cpu', rangeSeconds: 59 }).code).toBe('ERR_VALIDATION');
    expect(bad({ metric: 'cpu', rangeSeconds: METRICS_RANGE_BOUNDS.maxRangeS + 1 }).details.issues.map((i) => i.path)).toEqual(['rangeSeconds']);
    expect(bad({ metric: 'cpu', rangeSeconds: 3600, stepSeconds: 4 }).details.issues.map((i) => i.path)).toEqual(['stepSeconds']);
    expect(bad({ metric: 'cpu', rangeSeconds: 3600, stepSeconds: 3601 }).details.issues.map((i) => i.path)).toEqual(['stepSeconds']);
    // 7 days at 5 s would be 120,960 points.
    expect(bad({ metric: 'cpu', rangeSeconds: 604_800, stepSeconds: 5 }).details.issues.map((i) => i.path)).toEqual(['stepSeconds']);
    expect(bad({ metric: 'cpu', rangeSeconds: 1.5 }).details.issues.map((i) => i.path)).toEqual(['rangeSeconds']);
    // Nothing but a UUID reaches the label matcher.
    expect(bad({ metric: 'cpu', rangeSeconds: 3600, regionId: 'x"} or vector(1) #' }).details.issues.map((i) => i.path)).toEqual(['regionId']);
    expect(bad({ metric: 'disk' as 'cpu', rangeSeconds: 10, regionId: 'nope' }).details.issues.map((i) => i.path)).toEqual(['metric', 'rangeSeconds', 'regionId']);
  });

  it('the default step keeps about 120 points and never goes below the minimum', () => {
    expect(planMetricsRange({ metric: 'cpu', rangeSeconds: 60 }).stepS).toBe(5);
    expect(planMetricsRange({ metric: 'cpu', rangeSeconds: 604_800 }).stepS).toBe(3600);
    expect(planMetricsRange({ metric: 'cpu', rangeSeconds: 86_400 }).stepS).toBe(720);
  });
});

describe('percentOfAllowance', () => {
  it('relates cores to the cpu allowance and bytes to memoryGb', () => {
    expect(percentOfAllowance('cpu', 0.25, { cpu: 2, memoryGb: 4 })).toBe(12.5);
    expect(percentOfAllowance('memory', 1024 ** 3, { cpu: 2, memoryGb: 4 })).toBe(25);
    expect(percentOfAllowance('memory', 1, null)).toBeNull();
  });
});
