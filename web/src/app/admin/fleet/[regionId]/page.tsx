import type { Metadata } from 'next';
import { Link } from '../../../../components/ui/link';
import { RegionRuntimeQuery, RegionUsageHistoryQuery } from '../../../../graphql/operations/runtime';
import { runQuery } from '../../../../graphql/run-query';
import { AdminGate } from '../../../../components/auth/admin-gate';
import { ErrorBanner } from '../../../../components/ui/error-banner';
import { FleetRegionDetail } from '../../../../components/fleet/fleet-region-detail';

export const metadata: Metadata = { title: 'Region runtime' };
export const dynamic = 'force-dynamic';

/** One region for operators: live conditions and events, scale, terminate / cancel, usage charts. */
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
  const [runtime, history] = await Promise.all([runQuery(RegionRuntimeQuery, { regionId }), runQuery(RegionUsageHistoryQuery, { regionId })]);
  if (runtime.kind !== 'ok') return <ErrorBanner title="Region not found" failure={runtime.failure} />;
  return <FleetRegionDetail initial={runtime.data.regionRuntime} history={history.kind === 'ok' ? history.data.regionRuntime.usageHistory : []} />;
}
