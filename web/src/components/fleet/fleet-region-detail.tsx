'use client';

import { Link } from '../ui/link';
import type { RuntimeFieldsFragment } from '../../graphql/generated/graphql';
import { RuntimeConditions } from '../runtime/runtime-conditions';
import { useLiveRuntime } from '../runtime/use-live-runtime';
import { EmptyState } from '../ui/states';
import { MetricsCharts, type MetricsOutcome } from './metrics-charts';
import { ScaleForm } from './scale-form';
import { TerminationCard } from './termination-card';

/** Operator view of one region, live from regionRuntimeChanged; CPU / memory history from Prometheus (MetricsCharts). */
export function FleetRegionDetail({ initial, metrics }: { initial: RuntimeFieldsFragment; metrics: MetricsOutcome }) {
  const { data: rt } = useLiveRuntime(initial);

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
      <MetricsCharts initial={metrics} regionId={rt.regionId} testIdPrefix="region" />
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
