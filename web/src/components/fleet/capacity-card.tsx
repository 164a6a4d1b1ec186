import type { FleetQuery } from '../../graphql/generated/graphql';
import { Meter } from '../ui/states';

/** The operator alert threshold of the fleet: 75 % of the soft target (the API computes `alert` with the same rule). */
const ALERT_AT = 0.75;

/**
 * Active regions against the soft target (50), with the 75 % alert: a hibernated region holds its place, a tombstoned
 * one does not (docs/decisions/capacity-sizing.md "Which regions count"). Live = region-servers running now.
 */
export function CapacityCard({ fleet }: { fleet: FleetQuery['fleet'] }) {
  const tone = fleet.alert ? 'alert' : fleet.utilization >= ALERT_AT * 0.8 ? 'warn' : 'ok';
  return (
    <section className="card" data-testid="capacity" data-alert={fleet.alert ? 'true' : 'false'} aria-labelledby="capacity-heading">
      <header className="card__header">
        <h2 id="capacity-heading">Capacity</h2>
        <span className="muted">
          {fleet.activeRegions} active of {fleet.softTarget} (soft target) · {fleet.liveRegions} running · {fleet.totalRegions} regions in total
        </span>
      </header>
      <Meter value={fleet.activeRegions} max={fleet.softTarget} label="Active regions against the soft target" tone={tone} />
      {fleet.alert ? (
        <p className="error-banner" role="alert" data-testid="capacity-alert" style={{ marginTop: '0.75rem' }}>
          The fleet is at {Math.round(fleet.utilization * 100)}% of its soft target (alert at {ALERT_AT * 100}%): add capacity or stop
          accepting new regions.
        </p>
      ) : (
        <p className="muted" style={{ marginTop: '0.5rem' }}>
          {Math.round(fleet.utilization * 100)}% used; the alert fires at {ALERT_AT * 100}%.
        </p>
      )}
    </section>
  );
}
