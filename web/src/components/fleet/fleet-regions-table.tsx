'use client';

import { Link } from '../ui/link';
import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { RegionRuntimeChangedSubscription } from '../../graphql/operations/runtime';
import type { FleetQuery } from '../../graphql/generated/graphql';
import { EmptyState, Meter } from '../ui/states';

type Row = FleetQuery['fleet']['regions'][number];

/** Every region with its live runtime state (one subscription per row), spec, usage and players. */
export function FleetRegionsTable({ regions }: { regions: Row[] }) {
  return (
    <section className="card" aria-labelledby="regions-heading">
      <header className="card__header">
        <h2 id="regions-heading">Regions</h2>
        <span className="muted">{regions.length} player regions</span>
      </header>
      {regions.length === 0 ? (
        <EmptyState title="No player regions yet">They appear here as soon as someone buys one.</EmptyState>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table" data-testid="fleet-table">
            <thead>
              <tr>
                <th scope="col">Region</th>
                <th scope="col">State</th>
                <th scope="col">CPU</th>
                <th scope="col">Memory</th>
                <th scope="col" className="num">Players</th>
                <th scope="col" className="num">Restarts</th>
              </tr>
            </thead>
            <tbody>
              {regions.map((r) => (
                <FleetRow key={r.regionId} row={r} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FleetRow({ row }: { row: Row }) {
  const client = useClient();
  const [live, setLive] = useState({ state: row.state, spec: row.spec });

  useEffect(() => setLive({ state: row.state, spec: row.spec }), [row.state, row.spec]);
  useEffect(() => {
    // Every event carries the whole runtime, so a missed one is healed by the next event or the next poll.
    const { unsubscribe } = client.subscription(RegionRuntimeChangedSubscription, { regionId: row.regionId }).subscribe((r) => {
      const rt = r.data?.regionRuntimeChanged.runtime;
      if (rt) setLive({ state: rt.state, spec: rt.spec });
    });
    return unsubscribe;
  }, [client, row.regionId]);

  const cpu = row.usage.cpuPct;
  const mem = row.usage.memPct;
  return (
    <tr data-testid="fleet-row" data-region-name={row.region.name} data-runtime-state={live.state}>
      <td>
        <Link href={`/admin/fleet/${row.regionId}`}>{row.region.displayName}</Link>
        <span className="table__sub">{row.region.name}</span>
      </td>
      <td>
        <span className={`badge badge--${live.state.toLowerCase()}`}>{live.state}</span>
        {row.evacuationDeadlineAt && <span className="table__sub">terminating {row.evacuationDeadlineAt.slice(0, 10)}</span>}
      </td>
      <td>
        <span data-testid="fleet-cpu">{live.spec.cpu} vCPU</span>
        {cpu !== null && cpu !== undefined && <Meter value={Math.round(cpu)} max={100} label={`CPU use of ${row.region.name} (%)`} tone={cpu > 80 ? 'alert' : 'ok'} />}
      </td>
      <td>
        <span data-testid="fleet-memory">{live.spec.memoryGb} GB</span>
        {mem !== null && mem !== undefined && <Meter value={Math.round(mem)} max={100} label={`Memory use of ${row.region.name} (%)`} tone={mem > 80 ? 'alert' : 'ok'} />}
      </td>
      <td className="num">{row.usage.playersOnline ?? row.region.world?.playersOnline ?? '—'}</td>
      <td className="num">{row.restartCount}</td>
    </tr>
  );
}
