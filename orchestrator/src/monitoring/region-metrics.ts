/**
 * CPU and memory of region-servers over time, read from the platform's Prometheus (docs/decisions/monitoring.md
 * "Fleet charts"): the same server the launcher runs and that scrapes every region-server through the orchestrator's
 * file_sd list. The fleet admin page asks through `Query.regionMetricsRange` (fleet:manage); this module holds the
 * input rules, the PromQL and the HTTP call (`/api/v1/query_range`), nothing else.
 *
 * Metrics (prom-client's default process metrics, registered by every region-server):
 * - CPU: `rate(process_cpu_seconds_total[w])`, CPU cores in use; as a percentage of the region's `cpu` allowance;
 * - MEMORY: `process_resident_memory_bytes`; as a percentage of the region's `memoryGb`.
 * Both are summed by `region_id` so a restarted region-server (new instance label) stays one line.
 */
import { DomainError } from '@sw/domain';

export type RegionMetric = 'cpu' | 'memory';

/** Bounds of a query: the TSDB keeps 7 days; at most MAX_POINTS points per series (Prometheus allows 11,000). */
export const METRICS_RANGE_BOUNDS = { minRangeS: 60, maxRangeS: 7 * 24 * 3600, minStepS: 5, maxStepS: 3600, maxPoints: 720 } as const;
/** A query that takes longer than this counts as Prometheus unreachable. */
export const PROMETHEUS_TIMEOUT_MS = 5_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface MetricsRangeInput {
  metric: RegionMetric;
  rangeSeconds: number;
  /** Default: the range split into about 120 points, within the step bounds. */
  stepSeconds?: number | null;
  /** One region, or every region-server Prometheus knows (null). */
  regionId?: string | null;
}

export interface MetricsRangePlan {
  metric: RegionMetric;
  rangeS: number;
  stepS: number;
  regionId: string | null;
  promql: string;
}

/**
 * Checks a request and builds its PromQL. Every problem is listed in one ERR_VALIDATION (details.issues); the region
 * id must be a UUID (it is placed inside a label matcher, so nothing else may reach the query text).
 */
export function planMetricsRange(input: MetricsRangeInput): MetricsRangePlan {
  const b = METRICS_RANGE_BOUNDS;
  const issues: Array<{ path: string; message: string }> = [];
  if (input.metric !== 'cpu' && input.metric !== 'memory') issues.push({ path: 'metric', message: 'must be CPU or MEMORY' });
  const rangeS = input.rangeSeconds;
  const rangeOk = Number.isInteger(rangeS) && rangeS >= b.minRangeS && rangeS <= b.maxRangeS;
  if (!rangeOk) issues.push({ path: 'rangeSeconds', message: `must be a whole number of seconds from ${b.minRangeS} to ${b.maxRangeS}` });
  const stepS = input.stepSeconds ?? (rangeOk ? Math.min(b.maxStepS, Math.max(b.minStepS, Math.ceil(rangeS / 120))) : b.minStepS);
  if (!Number.isInteger(stepS) || stepS < b.minStepS || stepS > b.maxStepS) issues.push({ path: 'stepSeconds', message: `must be a whole number of seconds from ${b.minStepS} to ${b.maxStepS}` });
  else if (rangeOk && rangeS / stepS > b.maxPoints) issues.push({ path: 'stepSeconds', message: `too small for the range: at most ${b.maxPoints} points (step ≥ ${Math.ceil(rangeS / b.maxPoints)} s)` });
  const regionId = input.regionId ?? null;
  if (regionId !== null && !UUID.test(regionId)) issues.push({ path: 'regionId', message: 'must be a region id (UUID)' });
  if (issues.length) throw new DomainError('ERR_VALIDATION', issues.map((i) => `${i.path} ${i.message}`).join('; '), { issues });

  const selector = `job="region-servers"${regionId ? `,region_id="${regionId.toLowerCase()}"` : ''}`;
  // The rate window spans at least 4 scrapes of the default 15 s interval, and at least two steps so no step is blind.
  const windowS = Math.max(60, 2 * stepS);
  const promql =
    input.metric === 'cpu'
      ? `sum by (region_id) (rate(process_cpu_seconds_total{${selector}}[${windowS}s]))`
      : `sum by (region_id) (process_resident_memory_bytes{${selector}})`;
  return { metric: input.metric, rangeS, stepS, regionId: regionId?.toLowerCase() ?? null, promql };
}

export interface MetricSeries {
  regionId: string;
  /** [unix seconds, value] in time order; value in CPU cores (cpu) or bytes (memory). */
  points: Array<[number, number]>;
}

function unavailable(message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError('ERR_METRICS_UNAVAILABLE', message, details);
}

/**
 * Runs the plan's query_range against Prometheus at `baseUrl`. Not configured, not answering, timing out or
 * answering with an error all end in ERR_METRICS_UNAVAILABLE (the page shows a banner); the internal address is not
 * part of the message.
 */
export async function queryMetricsRange(baseUrl: string | null, plan: MetricsRangePlan, opts: { now?: Date; timeoutMs?: number } = {}): Promise<MetricSeries[]> {
  if (!baseUrl) throw unavailable('Prometheus is not configured for this orchestrator (PROMETHEUS_URL)');
  const end = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const url = new URL('/api/v1/query_range', baseUrl);
  url.searchParams.set('query', plan.promql);
  url.searchParams.set('start', String(end - plan.rangeS));
  url.searchParams.set('end', String(end));
  url.searchParams.set('step', `${plan.stepS}s`);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? PROMETHEUS_TIMEOUT_MS) });
  } catch (err) {
    throw unavailable('Prometheus is not answering', { cause: (err as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable' });
  }
  const body = (await res.json().catch(() => null)) as
    | { status: 'success'; data: { resultType: string; result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> } }
    | { status: 'error'; errorType?: string; error?: string }
    | null;
  if (!body || body.status !== 'success') {
    throw unavailable(`Prometheus refused the query: ${body && 'error' in body ? body.error : `HTTP ${res.status}`}`, { status: res.status });
  }
  return body.data.result
    .map((r) => ({
      regionId: r.metric.region_id ?? '',
      points: r.values.map(([t, v]) => [t, Number(v)] as [number, number]).filter(([, v]) => Number.isFinite(v)),
    }))
    .filter((s) => s.regionId)
    .sort((a, b) => (a.regionId < b.regionId ? -1 : 1));
}

/** A reading as a percentage of the region's allowance (cpu cores; memory GB), rounded to 0.1; null without one. */
export function percentOfAllowance(metric: RegionMetric, value: number, spec: { cpu: number; memoryGb: number } | null): number | null {
  if (!spec) return null;
  const allowance = metric === 'cpu' ? spec.cpu : spec.memoryGb * 1024 ** 3;
  return allowance > 0 ? Math.round((value / allowance) * 1000) / 10 : null;
}
