import type { Metadata } from 'next';
import { GovernorByNameQuery } from '../../../../graphql/operations/governor';
import { TravelFeedHistoryQuery } from '../../../../graphql/operations/travel';
import { runQuery } from '../../../../graphql/run-query';
import { ErrorBanner } from '../../../../components/ui/error-banner';
import { GovernorDashboard } from '../../../../components/governor/governor-dashboard';
import { GovernorHeader } from '../../../../components/governor/governor-header';

export const metadata: Metadata = { title: 'Governor dashboard' };
export const dynamic = 'force-dynamic';

/** The governor dashboard of a region, by its name; server-rendered with the viewer's session. */
export default async function GovernPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const result = await runQuery(GovernorByNameQuery, { name });
  if (result.kind !== 'ok') return <ErrorBanner title="Region unavailable" failure={result.failure} />;
  return (
    <>
      <GovernorHeader region={result.data.regionByName} />
      <GovernorDashboard region={result.data.regionByName} feed={await feedOf(result.data.regionByName.id)} />
    </>
  );
}

/** The region's arrivals and departures so far, for the Overview's live feed (officers and members only). */
async function feedOf(regionId: string) {
  const feed = await runQuery(TravelFeedHistoryQuery, { regionId, afterSeq: 0, first: 200 });
  return feed.kind === 'ok' ? feed.data.travelFeedHistory.slice(-50) : null;
}
