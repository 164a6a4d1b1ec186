import type { NexusManagerQuery } from '../../graphql/generated/graphql';
import { enumLabel } from '../../graphql/reshape';
import { RefreshButton } from '../ui/refresh-button';

type Status = NexusManagerQuery['nexusStatus'];

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'));

/** Status card and stat cards; a number the platform does not measure shows "—" with its reason, never 0. */
export function NexusOverview({ status, warpGates }: { status: Status; warpGates: number | null }) {
  return (
    <section className="card" data-testid="nexus-overview" data-nexus-status={status.status} aria-labelledby="nexus-status-heading">
      <header className="card__header">
        <h2 id="nexus-status-heading">
          Central Nexus <span className={`badge badge--${status.status.toLowerCase()}`}>{enumLabel(status.status)}</span>
        </h2>
        <RefreshButton label="Refresh status" />
      </header>
      {status.exists ? (
        <p className="muted">
          Created {status.createdAt ? new Date(status.createdAt).toLocaleString('en-GB', { timeZone: 'UTC' }) + ' UTC' : '—'} · region{' '}
          <code>{status.region?.id ?? '—'}</code> · seed <code>{status.generationSeed ?? '—'}</code>
        </p>
      ) : (
        <p className="muted" data-testid="nexus-empty">
          The Central Nexus has not been generated yet. Generate it below; nothing else in the galaxy is touched.
        </p>
      )}
      <dl className="stats">
        <Stat label="Sectors" value={fmt(status.totalSectors)} testId="stat-sectors" />
        <Stat label="Ports" value={fmt(status.totalPorts)} testId="stat-ports" />
        <Stat label="Planets" value={fmt(status.totalPlanets)} testId="stat-planets" />
        <Stat label="Warp gates" value={fmt(warpGates)} testId="stat-warp-gates" />
        <Stat label="Players present" value={fmt(status.region?.counts.presentPlayers)} testId="stat-players" />
        <Stat label="Daily traffic" value="—" note="no traffic telemetry yet" testId="stat-traffic" />
      </dl>
    </section>
  );
}

function Stat({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="stats__item">
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {value}
        {note && <small>{note}</small>}
      </dd>
    </div>
  );
}
