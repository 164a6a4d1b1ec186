import type { Metadata } from 'next';
import { Link } from '../../../../components/ui/link';
import { FleetMetricsQuery, RegionRuntimeQuery } from '../../../../graphql/operations/runtime';
import { runQuery } from '../../../../graphql/run-query';
import { AdminGate } from '../../../../components/auth/admin-gate';
import { ErrorBanner } from '../../../../components/ui/error-banner';
import { FleetRegionDetail } from '../../../../components/fleet/fleet-region-detail';
import { DEFAULT_METRICS_RANGE_S } from '../../../../components/fleet/usage-series';

export const metadata: Metadata = { title: 'Region runtime' };
export const dynamic = 'force-dynamic';

/** One region for operators: live conditions and events, scale, terminate / cancel, CPU / memory charts from Prometheus. */
export default async function FleetRegionPage({ params }: { params: Promise<{ regionId: string }> }) {
  const { regionId } = await params;
  return (
    <AdminGate title="Region runtime" next={`/admin/fleet/${regionId}`}>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/admin/fleet">Fleet</Link> / region
      </nav>
      <Body regionId={regionId} />
    </AdminGate>
  );
}

async function Body({ regionId }: { regionId: string }) {
  const [runtime, metrics] = await Promise.all([runQuery(RegionRuntimeQuery, { regionId }), runQuery(FleetMetricsQuery, { rangeSeconds: DEFAULT_METRICS_RANGE_S, regionId })]);
  if (runtime.kind !== 'ok') return <ErrorBanner title="Region not found" failure={runtime.failure} />;
  return <FleetRegionDetail initial={runtime.data.regionRuntime} metrics={metrics} />;
}
