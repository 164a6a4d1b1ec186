import type { Metadata } from 'next';
import { GovernorByIdQuery } from '../../../../graphql/operations/governor';
import { TravelFeedHistoryQuery } from '../../../../graphql/operations/travel';
import { runQuery } from '../../../../graphql/run-query';
import { AdminGate } from '../../../../components/auth/admin-gate';
import { ErrorBanner } from '../../../../components/ui/error-banner';
import { GovernorDashboard } from '../../../../components/governor/governor-dashboard';
import { GovernorHeader } from '../../../../components/governor/governor-header';

export const metadata: Metadata = { title: 'Region (admin)' };
export const dynamic = 'force-dynamic';

/** Admins open any region's dashboard by id (every change made here is addressed by that id, never "my region"). */
export default async function AdminRegionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <AdminGate title="Region" next={`/admin/regions/${id}`}>
      <Body id={id} />
    </AdminGate>
  );
}

async function Body({ id }: { id: string }) {
  const result = await runQuery(GovernorByIdQuery, { id });
  if (result.kind !== 'ok') return <ErrorBanner title="Region unavailable" failure={result.failure} />;
  return (
    <>
      <GovernorHeader region={result.data.region} asAdmin />
      <GovernorDashboard region={result.data.region} feed={await feedOf(result.data.region.id)} />
    </>
  );
}

/** The region's arrivals and departures so far, for the Overview's live feed (officers and members only). */
async function feedOf(regionId: string) {
  const feed = await runQuery(TravelFeedHistoryQuery, { regionId, afterSeq: 0, first: 200 });
  return feed.kind === 'ok' ? feed.data.travelFeedHistory.slice(-50) : null;
}
