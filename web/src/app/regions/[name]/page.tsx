import type { Metadata } from 'next';
import { RegionPublicProfileQuery } from '../../../graphql/operations/discovery';
import { runQuery } from '../../../graphql/run-query';
import { readSession } from '../../../auth/session-cookie';
import { ErrorBanner } from '../../../components/ui/error-banner';
import { RegionProfile } from '../../../components/regions/region-profile';

export const metadata: Metadata = { title: 'Region' };
export const dynamic = 'force-dynamic';

/** A region's public profile, with the route from where the viewer is. */
export default async function RegionProfilePage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const [result, session] = await Promise.all([runQuery(RegionPublicProfileQuery, { name }), readSession()]);
  if (result.kind !== 'ok') return <ErrorBanner title="Region unavailable" failure={result.failure} />;
  return <RegionProfile profile={result.data.regionProfile} signedIn={session !== null} />;
}
