import type { Metadata } from 'next';
import { SearchRegionsQuery } from '../../graphql/operations/discovery';
import { runQuery } from '../../graphql/run-query';
import { ErrorBanner } from '../../components/ui/error-banner';
import { RegionBrowser } from '../../components/regions/region-browser';
import { parseBrowserParams, PAGE_SIZE, searchFilterOf } from '../../components/regions/browser-params';

export const metadata: Metadata = { title: 'Regions' };
export const dynamic = 'force-dynamic';

/** Region browser: search, filters, sort and paging live in the URL, so every state is a link and works without script. */
export default async function RegionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = parseBrowserParams(await searchParams);
  const result = await runQuery(SearchRegionsQuery, { filter: searchFilterOf(params), sort: params.sort, first: PAGE_SIZE, after: params.after });
  return (
    <>
      <h1 className="page__title">Regions</h1>
      {result.kind === 'ok' ? <RegionBrowser params={params} page={result.data.searchRegions} /> : <ErrorBanner title="Regions unavailable" failure={result.failure} />}
    </>
  );
}
