import type { Metadata } from 'next';
import { RegionBrowserQuery } from '../../graphql/operations/regions';
import { runQuery } from '../../graphql/run-query';
import type { RegionStatus, RegionType } from '../../graphql/generated/graphql';
import { ErrorBanner } from '../../components/ui/error-banner';
import { RegionBrowser } from '../../components/regions/region-browser';
import { parseBrowserParams, PAGE_SIZE } from '../../components/regions/browser-params';

export const metadata: Metadata = { title: 'Regions' };
export const dynamic = 'force-dynamic';

/** Region browser: filters, sort and paging live in the URL, so every state is a link and works without script. */
export default async function RegionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = parseBrowserParams(await searchParams);
  const filter: { regionType?: RegionType; status?: RegionStatus } = {};
  if (params.type) filter.regionType = params.type;
  if (params.status) filter.status = params.status;
  // One row more than a page tells whether a next page exists.
  const result = await runQuery(RegionBrowserQuery, { filter, first: PAGE_SIZE + 1, offset: (params.page - 1) * PAGE_SIZE });
  return (
    <>
      <h1 className="page__title">Regions</h1>
      {result.kind === 'ok' ? <RegionBrowser params={params} rows={result.data.regions} /> : <ErrorBanner title="Regions unavailable" failure={result.failure} />}
    </>
  );
}
