'use client';

import { useEffect, useMemo, useState } from 'react';
import { useClient } from 'urql';
import { FleetMetricsQuery } from '../../graphql/operations/runtime';
import type { FleetMetricsQuery as MetricsData } from '../../graphql/generated/graphql';
import { describeError, type QueryFailure } from '../../graphql/describe-error';
import { ErrorBanner } from '../ui/error-banner';
import { UsageChart } from './usage-chart';
import { alignMetricLines, DEFAULT_METRICS_RANGE_S, METRIC_RANGES } from './usage-series';

/** The initial answer of the page's server render: data, or why there is none (shown as a banner, never a crash). */
export type MetricsOutcome = { kind: 'ok'; data: MetricsData } | { kind: 'failed'; failure: QueryFailure };

const POLL_MS = 15_000;
const LINE_COLORS = ['#8bb8ff', '#5ee38f', '#ffd866', '#ff9f5a', '#c792ea', '#7fdbca'];

/**
 * CPU and memory over time from the platform's Prometheus (Query.regionMetricsRange, docs/decisions/monitoring.md
 * "Fleet charts"), as a percentage of each region's allowance; re-read every 15 s while the tab is visible. When
 * Prometheus does not answer, an error banner replaces nothing else: the last lines stay drawn.
 */
export function MetricsCharts({ initial, regionId, names, testIdPrefix }: { initial: MetricsOutcome; regionId?: string; names?: ReadonlyMap<string, string>; testIdPrefix: string }) {
  const client = useClient();
  const [rangeS, setRangeS] = useState<number>(DEFAULT_METRICS_RANGE_S);
  const [data, setData] = useState<MetricsData | null>(initial.kind === 'ok' ? initial.data : null);
  const [failure, setFailure] = useState<QueryFailure | null>(initial.kind === 'failed' ? initial.failure : null);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      client
        .query(FleetMetricsQuery, { rangeSeconds: rangeS, regionId: regionId ?? null }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((r) => {
          if (cancelled) return;
          if (r.error || !r.data) return setFailure(r.error ? describeError(r.error, 'the gateway') : { code: 'ERR_EMPTY_RESPONSE', message: 'The gateway returned no data.' });
          setFailure(null);
          setData(r.data);
        });
    // A new range is fetched at once; the server render already holds the default one.
    if (rangeS !== DEFAULT_METRICS_RANGE_S) void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [client, rangeS, regionId]);

  const cpuLines = useMemo(() => (data?.cpu.series ?? []).slice(0, LINE_COLORS.length), [data]);
  const memLines = useMemo(() => (data?.memory.series ?? []).slice(0, LINE_COLORS.length), [data]);
  const cpu = useMemo(() => alignMetricLines(cpuLines), [cpuLines]);
  const mem = useMemo(() => alignMetricLines(memLines), [memLines]);
  const label = (id: string, name: string | null | undefined) => names?.get(id) ?? name ?? id;
  const lines = (source: typeof cpuLines, values: Map<string, Array<number | null>>) =>
    source.map((s, i) => ({ label: regionId ? (source === cpuLines ? 'CPU %' : 'Memory %') : label(s.regionId, s.regionName), color: LINE_COLORS[i % LINE_COLORS.length] ?? '#8bb8ff', values: values.get(s.regionId) ?? [] }));
  const total = data?.cpu.series.length ?? 0;

  return (
    <section className="card" aria-labelledby={`${testIdPrefix}-usage-heading`} data-testid={`${testIdPrefix}-metrics`} data-source="prometheus">
      <header className="card__header">
        <h2 id={`${testIdPrefix}-usage-heading`}>CPU and memory over time</h2>
        <label className="field__label">
          Range{' '}
          <select className="input" value={rangeS} onChange={(e) => setRangeS(Number(e.target.value))} data-testid={`${testIdPrefix}-metrics-range`}>
            {METRIC_RANGES.map((r) => (
              <option key={r.seconds} value={r.seconds}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
      </header>
      {failure && <ErrorBanner title="CPU and memory history unavailable" failure={failure} />}
      {!regionId && total > cpuLines.length && <p className="muted">First {cpuLines.length} of {total} regions.</p>}
      <div className="grid-2">
        <UsageChart title="CPU (% of allowance)" times={cpu.times} series={lines(cpuLines, cpu.values)} testId={`${testIdPrefix}-cpu-chart`} />
        <UsageChart title="Memory (% of allowance)" times={mem.times} series={lines(memLines, mem.values)} testId={`${testIdPrefix}-memory-chart`} />
      </div>
      <p className="muted">From Prometheus, one point every {data?.cpu.stepSeconds ?? '—'} s.</p>
    </section>
  );
}
