import { HomeNexusStatusQuery } from '../graphql/operations/nexus';
import { HomeRegionsQuery } from '../graphql/operations/regions';
import { toNexusStatus, toRegionRow } from '../graphql/reshape';
import { runQuery } from '../graphql/run-query';
import { NexusStatusCard } from '../components/home/nexus-status-card';
import { RegionList } from '../components/home/region-list';
import { ErrorBanner } from '../components/ui/error-banner';

// Rendered per request: the data lives in the gateway, which is not running while `next build` prerenders.
export const dynamic = 'force-dynamic';

/** Home: the Nexus status card and the regions registry, each loaded independently so one failure shows alone. */
export default async function HomePage() {
  const [nexus, regions] = await Promise.all([
    runQuery(HomeNexusStatusQuery, {}),
    runQuery(HomeRegionsQuery, { first: 50 }),
  ]);
  return (
    <>
      <h1 className="page__title">Galaxy overview</h1>
      {nexus.kind === 'ok' ? (
        <NexusStatusCard nexus={toNexusStatus(nexus.data.nexusStatus)} />
      ) : (
        <ErrorBanner title="Nexus status unavailable" failure={nexus.failure} />
      )}
      <section className="card">
        <header className="card__header">
          <h2>Regions</h2>
          {regions.kind === 'ok' && <span className="muted">{regions.data.regions.length} shown</span>}
        </header>
        {regions.kind === 'ok' ? (
          <RegionList regions={regions.data.regions.map(toRegionRow)} />
        ) : (
          <ErrorBanner title="Regions unavailable" failure={regions.failure} />
        )}
      </section>
    </>
  );
}
