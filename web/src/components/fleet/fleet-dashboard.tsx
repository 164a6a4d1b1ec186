'use client';

import { useEffect, useMemo, useState } from 'react';
import { useClient } from 'urql';
import { FleetQuery } from '../../graphql/operations/runtime';
import type { FleetQuery as FleetData } from '../../graphql/generated/graphql';
import { CapacityCard } from './capacity-card';
import { FleetRegionsTable } from './fleet-regions-table';
import { SubscriptionsCard } from './subscriptions-card';
import { UsageChart } from './usage-chart';
import { alignSeries, mergeUsage, type UsagePoint } from './usage-series';

type Fleet = FleetData['fleet'];
/** Usage and billing are re-read this often; runtime state changes arrive live per row. */
const POLL_MS = 10_000;
const LINE_COLORS = ['#8bb8ff', '#5ee38f', '#ffd866', '#ff9f5a', '#c792ea', '#7fdbca'];

function historyOf(r: Fleet['regions'][number]): UsagePoint[] {
  return r.usageHistory.map((s) => ({ at: Date.parse(s.at), cpuPct: s.cpuPct, memPct: s.memPct }));
}

/** The history plus the live reading at `now`; only in the browser (a server-side `now` would not match on hydration). */
function pointsOf(r: Fleet['regions'][number], now: number): UsagePoint[] {
  const history = historyOf(r);
  return r.usage.cpuPct == null && r.usage.memPct == null ? history : [...history, { at: now, cpuPct: r.usage.cpuPct ?? null, memPct: r.usage.memPct ?? null }];
}

/** The fleet page body: starts from the server snapshot and keeps polling usage while the tab is visible. */
export function FleetDashboard({ initial }: { initial: Fleet }) {
  const client = useClient();
  const [fleet, setFleet] = useState(initial);
  const [usage, setUsage] = useState(() => new Map(initial.regions.map((r) => [r.regionId, historyOf(r)])));

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      void client
        .query(FleetQuery, {}, { requestPolicy: 'network-only' })
        .toPromise()
        .then((r) => {
          if (!r.data) return;
          const next = r.data.fleet;
          setFleet(next);
          const now = Date.now();
          setUsage((current) => new Map(next.regions.map((reg) => [reg.regionId, mergeUsage(current.get(reg.regionId) ?? [], pointsOf(reg, now))])));
        });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [client]);

  const charted = fleet.regions.slice(0, LINE_COLORS.length);
  const names = new Map(fleet.regions.map((r) => [r.regionId, r.region.displayName]));
  const chartInput = useMemo(() => new Map(charted.map((r) => [r.regionId, usage.get(r.regionId) ?? []])), [charted, usage]);
  const cpu = useMemo(() => alignSeries(chartInput, (p) => p.cpuPct), [chartInput]);
  const mem = useMemo(() => alignSeries(chartInput, (p) => p.memPct), [chartInput]);
  const lines = (values: Map<string, Array<number | null>>) =>
    [...values.entries()].map(([id, v], i) => ({ label: names.get(id) ?? id, color: LINE_COLORS[i % LINE_COLORS.length] ?? '#8bb8ff', values: v }));

  return (
    <>
      <CapacityCard fleet={fleet} />
      <FleetRegionsTable regions={fleet.regions} />
      <section className="card" aria-labelledby="usage-heading">
        <header className="card__header">
          <h2 id="usage-heading">CPU and memory over time</h2>
          <span className="muted">{charted.length < fleet.regions.length ? `first ${charted.length} regions` : `${charted.length} regions`}</span>
        </header>
        <div className="grid-2">
          <UsageChart title="CPU (% of allowance)" times={cpu.times} series={lines(cpu.values)} testId="fleet-cpu-chart" />
          <UsageChart title="Memory (% of allowance)" times={mem.times} series={lines(mem.values)} testId="fleet-memory-chart" />
        </div>
      </section>
      <SubscriptionsCard billing={fleet.billing} />
    </>
  );
}
