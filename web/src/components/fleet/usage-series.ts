/** A reading of one region at one moment (server history or a live poll). */
export interface UsagePoint {
  at: number;
  cpuPct: number | null;
  memPct: number | null;
}

/** Keeps this many points per region (the autoscaler keeps 10 minutes; live polls add to it while the page is open). */
export const MAX_POINTS = 120;

/**
 * Merges new points into a region's series: sorted by time, one point per timestamp (a later reading for the same
 * moment wins), at most MAX_POINTS kept (the newest).
 */
export function mergeUsage(current: UsagePoint[], incoming: UsagePoint[]): UsagePoint[] {
  const byAt = new Map<number, UsagePoint>();
  for (const p of current) byAt.set(p.at, p);
  for (const p of incoming) byAt.set(p.at, p);
  return [...byAt.values()].sort((a, b) => a.at - b.at).slice(-MAX_POINTS);
}

/**
 * Aligns several regions' series on one time axis for a multi-line chart: the union of timestamps, with null where
 * a region has no reading at that moment.
 */
export function alignSeries(byRegion: Map<string, UsagePoint[]>, pick: (p: UsagePoint) => number | null): { times: number[]; values: Map<string, Array<number | null>> } {
  const times = [...new Set([...byRegion.values()].flatMap((ps) => ps.map((p) => p.at)))].sort((a, b) => a - b);
  const values = new Map<string, Array<number | null>>();
  for (const [region, points] of byRegion) {
    const at = new Map(points.map((p) => [p.at, pick(p)]));
    values.set(region, times.map((t) => at.get(t) ?? null));
  }
  return { times, values };
}

/**
 * Ranges an operator can pick for the Prometheus charts; the orchestrator chooses a step of about 120 points for each.
 * Here, not in the 'use client' chart module: the pages' server components need the default as a value.
 */
export const METRIC_RANGES = [
  { seconds: 900, label: '15 min' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 6 * 3600, label: '6 hours' },
  { seconds: 24 * 3600, label: '24 hours' },
  { seconds: 7 * 24 * 3600, label: '7 days' },
] as const;
export const DEFAULT_METRICS_RANGE_S = 3600;

/** One region's line as the orchestrator's regionMetricsRange answers it (percentages of its allowance). */
export interface MetricLine {
  regionId: string;
  points: ReadonlyArray<{ at: string; pct?: number | null }>;
}

/**
 * Prometheus's series (one per region, on the query's step grid) on one time axis for the chart: epoch ms, one
 * value array per region in the order given, null where a region had no sample at that step.
 */
export function alignMetricLines(lines: readonly MetricLine[]): { times: number[]; values: Map<string, Array<number | null>> } {
  const byRegion = new Map<string, UsagePoint[]>(lines.map((l) => [l.regionId, l.points.map((p) => ({ at: Date.parse(p.at), cpuPct: p.pct ?? null, memPct: null }))]));
  return alignSeries(byRegion, (p) => p.cpuPct);
}
