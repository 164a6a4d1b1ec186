import { HomeNexusStatusQuery } from '../graphql/operations/nexus';
import { GalaxyMapQuery } from '../graphql/operations/regions';
import { toNexusStatus, toRegionRow } from '../graphql/reshape';
import { runQuery } from '../graphql/run-query';
import { NexusStatusCard } from '../components/home/nexus-status-card';
import { RegionList } from '../components/home/region-list';
import { GalaxyOverview } from '../components/galaxy/galaxy-overview';
import { ErrorBanner } from '../components/ui/error-banner';

// Rendered per request: the data lives in the gateway, which is not running while `next build` prerenders.
export const dynamic = 'force-dynamic';

/** Home: the Nexus status card, the galaxy map and the regions registry, each failing alone. */
export default async function HomePage() {
  const [nexus, galaxy] = await Promise.all([runQuery(HomeNexusStatusQuery, {}), runQuery(GalaxyMapQuery, {})]);
  return (
    <>
      <h1 className="page__title">Galaxy overview</h1>
      {nexus.kind === 'ok' ? (
        <NexusStatusCard nexus={toNexusStatus(nexus.data.nexusStatus)} />
      ) : (
        <ErrorBanner title="Nexus status unavailable" failure={nexus.failure} />
      )}
      {galaxy.kind === 'ok' ? (
        <>
          <GalaxyOverview initial={galaxy.data} />
          <section className="card">
            <header className="card__header">
              <h2>Regions</h2>
              <span className="muted">{galaxy.data.regions.length} shown</span>
            </header>
            <RegionList regions={galaxy.data.regions.map(toRegionRow)} />
          </section>
        </>
      ) : (
        <ErrorBanner title="Regions unavailable" failure={galaxy.failure} />
      )}
    </>
  );
}
