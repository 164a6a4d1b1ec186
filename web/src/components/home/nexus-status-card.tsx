import type { NexusStatusView } from '../../graphql/reshape';

/** The Central Nexus at a glance: whether it was generated and its sector, port and planet counts. */
export function NexusStatusCard({ nexus }: { nexus: NexusStatusView }) {
  return (
    <section className="card nexus-card" data-testid="nexus-status" data-nexus-status={nexus.status}>
      <header className="card__header">
        <h2>Central Nexus</h2>
        <span className={`badge badge--${nexus.status.toLowerCase()}`}>{nexus.statusLabel}</span>
      </header>
      {nexus.exists ? (
        <dl className="stats">
          <Stat label="Sectors" value={nexus.totalSectors} testId="nexus-sectors" />
          <Stat label="Ports" value={nexus.totalPorts} testId="nexus-ports" />
          <Stat label="Planets" value={nexus.totalPlanets} testId="nexus-planets" />
          {nexus.capitalSectorNumber !== null && <Stat label="Capital sector" value={nexus.capitalSectorNumber} />}
        </dl>
      ) : (
        <p className="muted" data-testid="nexus-empty">
          The Central Nexus has not been generated yet. An admin can generate it from the Nexus manager.
        </p>
      )}
    </section>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <div className="stats__item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value.toLocaleString('en-US')}</dd>
    </div>
  );
}
