import type { Metadata } from 'next';
import { FleetMetricsQuery, FleetQuery } from '../../../graphql/operations/runtime';
import { runQuery } from '../../../graphql/run-query';
import { AdminGate } from '../../../components/auth/admin-gate';
import { ErrorBanner } from '../../../components/ui/error-banner';
import { FleetDashboard } from '../../../components/fleet/fleet-dashboard';
import { DEFAULT_METRICS_RANGE_S } from '../../../components/fleet/usage-series';

export const metadata: Metadata = { title: 'Fleet' };
export const dynamic = 'force-dynamic';

/** Fleet admin: capacity against the soft target, every region's live runtime and usage, charts, billing. */
export default async function FleetPage() {
  return (
    <AdminGate title="Fleet" next="/admin/fleet">
      <FleetBody />
    </AdminGate>
  );
}

async function FleetBody() {
  // The charts' Prometheus query fails on its own (a banner in the charts card); the fleet renders either way.
  const [fleet, metrics] = await Promise.all([runQuery(FleetQuery, {}), runQuery(FleetMetricsQuery, { rangeSeconds: DEFAULT_METRICS_RANGE_S })]);
  return (
    <>
      <h1 className="page__title">Fleet</h1>
      {fleet.kind === 'ok' ? <FleetDashboard initial={fleet.data.fleet} metrics={metrics} /> : <ErrorBanner title="Fleet unavailable" failure={fleet.failure} />}
    </>
  );
}
