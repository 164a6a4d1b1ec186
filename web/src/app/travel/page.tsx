import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { MyPlayerQuery } from '../../graphql/operations/player';
import { MyJourneyQuery, TravelFeedHistoryQuery } from '../../graphql/operations/travel';
import { runQuery } from '../../graphql/run-query';
import { readSession } from '../../auth/session-cookie';
import { ErrorBanner } from '../../components/ui/error-banner';
import { TravelOverview } from '../../components/travel/travel-overview';

export const metadata: Metadata = { title: 'Travel' };
export const dynamic = 'force-dynamic';

/** Where I am, my journey leg by leg (live), and the arrivals/departures feed of the region I am in (live). */
export default async function TravelPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  const { to } = await searchParams;
  if (!(await readSession())) redirect(`/sign-in?next=${encodeURIComponent(to ? `/travel?to=${to}` : '/travel')}`);
  const [me, journey] = await Promise.all([runQuery(MyPlayerQuery, {}), runQuery(MyJourneyQuery, {})]);
  if (me.kind !== 'ok') return <ErrorBanner title="Your position is unavailable" failure={me.failure} />;
  const here = me.data.me.player?.currentRegion ?? null;
  // The feed is for members and officers of the region; anyone else simply does not get one.
  const feed = here ? await runQuery(TravelFeedHistoryQuery, { regionId: here.id, afterSeq: 0, first: 200 }) : null;
  return (
    <>
      <h1 className="page__title">Travel</h1>
      {journey.kind === 'failed' && <ErrorBanner title="Your journey is unavailable" failure={journey.failure} />}
      <TravelOverview
        me={me.data.me}
        destination={to ?? null}
        journey={journey.kind === 'ok' ? (journey.data.myJourney ?? null) : null}
        feed={feed?.kind === 'ok' ? feed.data.travelFeedHistory.slice(-50) : null}
      />
    </>
  );
}
