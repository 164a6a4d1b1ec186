import { Link } from '../ui/link';
import type { JourneyFieldsFragment, MyPlayerQuery, TravelEventFieldsFragment } from '../../graphql/generated/graphql';
import { EmptyState } from '../ui/states';
import { JourneyView } from './journey-view';
import { TravelFeed } from './travel-feed';

type Me = MyPlayerQuery['me'];

/** The traveller's position, the journey (live), and the current region's arrivals and departures (live). */
export function TravelOverview({ me, destination, journey, feed }: { me: Me; destination: string | null; journey: JourneyFieldsFragment | null; feed: TravelEventFieldsFragment[] | null }) {
  const p = me.player;
  if (!p) return <EmptyState title="This account has no player yet" />;
  return (
    <>
      <section className="card" aria-labelledby="where-heading" data-testid="travel-position">
        <h2 id="where-heading">Where I am</h2>
        <dl className="stats">
          <div className="stats__item">
            <dt>Current region</dt>
            <dd style={{ fontSize: '1.15rem' }} data-testid="current-region">
              {p.currentRegion ? <Link href={`/regions/${p.currentRegion.name}`}>{p.currentRegion.displayName}</Link> : '—'}
            </dd>
          </div>
          <div className="stats__item">
            <dt>Home region</dt>
            <dd style={{ fontSize: '1.15rem' }}>{p.homeRegion ? <Link href={`/regions/${p.homeRegion.name}`}>{p.homeRegion.displayName}</Link> : '—'}</dd>
          </div>
          <div className="stats__item">
            <dt>Credits</dt>
            <dd style={{ fontSize: '1.15rem' }}>{p.credits?.toLocaleString('en-US') ?? '—'}</dd>
          </div>
          <div className="stats__item">
            <dt>Galactic Citizen</dt>
            <dd style={{ fontSize: '1.15rem' }}>{p.isGalacticCitizen ? 'yes' : 'no'}</dd>
          </div>
        </dl>
        {destination && (
          <p data-testid="travel-destination">
            Planning a trip to <Link href={`/regions/${destination}`}>{destination}</Link>: open its profile to see the route and choose “Travel here”.
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="journey-heading">
        <h2 id="journey-heading">My journey</h2>
        <JourneyView initial={journey} />
      </section>
      {p.currentRegion && feed && (
        <section className="card" aria-labelledby="feed-heading">
          <h2 id="feed-heading">Arrivals and departures in {p.currentRegion.displayName}</h2>
          <TravelFeed regionId={p.currentRegion.id} initial={feed} />
        </section>
      )}
    </>
  );
}
