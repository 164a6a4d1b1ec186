import type { Metadata } from 'next';
import { RegionProfileQuery } from '../../../graphql/operations/regions';
import { runQuery } from '../../../graphql/run-query';
import { ErrorBanner } from '../../../components/ui/error-banner';
import { RegionProfile } from '../../../components/regions/region-profile';

export const metadata: Metadata = { title: 'Region' };
export const dynamic = 'force-dynamic';

/** A region's public profile. */
export default async function RegionProfilePage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const result = await runQuery(RegionProfileQuery, { name });
  if (result.kind !== 'ok') return <ErrorBanner title="Region unavailable" failure={result.failure} />;
  return <RegionProfile region={result.data.regionByName} />;
}
