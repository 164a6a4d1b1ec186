import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { MyPlayerQuery } from '../../graphql/operations/player';
import { runQuery } from '../../graphql/run-query';
import { readSession } from '../../auth/session-cookie';
import { ErrorBanner } from '../../components/ui/error-banner';
import { TravelOverview } from '../../components/travel/travel-overview';

export const metadata: Metadata = { title: 'Travel' };
export const dynamic = 'force-dynamic';

/** Where I am and where I can go. */
export default async function TravelPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  const { to } = await searchParams;
  if (!(await readSession())) redirect(`/sign-in?next=${encodeURIComponent(to ? `/travel?to=${to}` : '/travel')}`);
  const me = await runQuery(MyPlayerQuery, {});
  return (
    <>
      <h1 className="page__title">Travel</h1>
      {me.kind === 'ok' ? <TravelOverview me={me.data.me} destination={to ?? null} /> : <ErrorBanner title="Your position is unavailable" failure={me.failure} />}
    </>
  );
}
