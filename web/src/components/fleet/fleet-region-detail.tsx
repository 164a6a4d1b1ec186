'use client';

import { Link } from '../ui/link';
import { useEffect, useMemo, useState } from 'react';
import { useClient } from 'urql';
import { RegionUsageHistoryQuery } from '../../graphql/operations/runtime';
import type { RegionUsageHistoryQuery as HistoryData, RuntimeFieldsFragment } from '../../graphql/generated/graphql';
import { RuntimeConditions } from '../runtime/runtime-conditions';
import { useLiveRuntime } from '../runtime/use-live-runtime';
import { EmptyState } from '../ui/states';
import { ScaleForm } from './scale-form';
import { TerminationCard } from './termination-card';
import { UsageChart } from './usage-chart';
import { mergeUsage, type UsagePoint } from './usage-series';

type History = HistoryData['regionRuntime']['usageHistory'];
const POLL_MS = 10_000;

/** Operator view of one region, live from regionRuntimeChanged; usage re-read every 10 s for the charts. */
export function FleetRegionDetail({ initial, history }: { initial: RuntimeFieldsFragment; history: History }) {
  const client = useClient();
  const { data: rt } = useLiveRuntime(initial);
  const [points, setPoints] = useState<UsagePoint[]>(() => history.map((h) => ({ at: Date.parse(h.at), cpuPct: h.cpuPct, memPct: h.memPct })));

  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      void client
        .query(RegionUsageHistoryQuery, { regionId: initial.regionId }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((r) => {
          const d = r.data?.regionRuntime;
          if (!d) return;
          const now = Date.now();
          const fresh: UsagePoint[] = d.usageHistory.map((h) => ({ at: Date.parse(h.at), cpuPct: h.cpuPct, memPct: h.memPct }));
          if (d.usage.cpuPct != null || d.usage.memPct != null) fresh.push({ at: now, cpuPct: d.usage.cpuPct ?? null, memPct: d.usage.memPct ?? null });
          setPoints((cur) => mergeUsage(cur, fresh));
        });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [client, initial.regionId]);

  const times = useMemo(() => points.map((p) => p.at), [points]);
  const cpu = useMemo(() => [{ label: 'CPU %', color: '#8bb8ff', values: points.map((p) => p.cpuPct) }], [points]);
  const mem = useMemo(() => [{ label: 'Memory %', color: '#5ee38f', values: points.map((p) => p.memPct) }], [points]);

  return (
    <>
      <h1 className="page__title">{rt.region.displayName}</h1>
      <section className="card" data-testid="runtime-summary" data-runtime-state={rt.state}>
        <header className="card__header">
          <h2>
            Runtime <span className={`badge badge--${rt.state.toLowerCase()}`}>{rt.state}</span>
          </h2>
          <Link href={`/regions/${rt.region.name}/govern`}>Governor dashboard</Link>
        </header>
        <dl className="stats">
          <Stat label="Desired" value={rt.desiredState} />
          <Stat label="Spec" value={`${rt.spec.cpu} vCPU · ${rt.spec.memoryGb} GB`} testId="runtime-spec" />
          <Stat label="Storage" value={`${rt.spec.storageGb} GB`} />
          <Stat label="Max players" value={String(rt.spec.maxPlayers)} />
          <Stat label="Players online" value={String(rt.usage.playersOnline ?? rt.region.world?.playersOnline ?? '—')} />
          <Stat label="Restarts" value={String(rt.restartCount)} />
          <Stat label="Generation" value={`${rt.observedGeneration}/${rt.specGeneration}`} />
          <Stat label="Driver" value={rt.driver ?? '—'} />
        </dl>
        {rt.healthReason && <p className="notice">{rt.healthReason}</p>}
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="conditions-heading">
          <h2 id="conditions-heading">Conditions</h2>
          <RuntimeConditions conditions={rt.conditions} />
        </section>
        <section className="card" aria-labelledby="events-heading">
          <h2 id="events-heading">Events</h2>
          {rt.recentEvents.length === 0 ? (
            <EmptyState title="No events yet" />
          ) : (
            <ol className="conditions" aria-live="polite" data-testid="runtime-events">
              {rt.recentEvents.map((e, i) => (
                <li key={`${e.at}-${i}`} style={{ gridTemplateColumns: '1fr auto' }}>
                  <span>
                    <strong>{e.reason}</strong> {e.message && <span className="table__sub">{e.message}</span>}
                  </span>
                  <span className="muted">{e.at.slice(11, 19)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      <ScaleForm regionId={rt.regionId} spec={rt.spec} />
      <TerminationCard regionId={rt.regionId} evacuationDeadlineAt={rt.evacuationDeadlineAt ?? null} desiredState={rt.desiredState} state={rt.state} />
      <section className="card" aria-labelledby="charts-heading">
        <h2 id="charts-heading">CPU and memory over time</h2>
        <div className="grid-2">
          <UsageChart title="CPU (% of allowance)" times={times} series={cpu} testId="region-cpu-chart" />
          <UsageChart title="Memory (% of allowance)" times={times} series={mem} testId="region-memory-chart" />
        </div>
      </section>
    </>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="stats__item">
      <dt>{label}</dt>
      <dd data-testid={testId} style={{ fontSize: '1.1rem' }}>
        {value}
      </dd>
    </div>
  );
}
