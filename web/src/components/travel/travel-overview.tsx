import { Link } from '../ui/link';
import type { MyPlayerQuery } from '../../graphql/generated/graphql';
import { EmptyState } from '../ui/states';

type Me = MyPlayerQuery['me'];

/** The traveller's position: current and home region; every journey goes through the Nexus capital. */
export function TravelOverview({ me, destination }: { me: Me; destination: string | null }) {
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
            <dt>Galactic Citizen</dt>
            <dd style={{ fontSize: '1.15rem' }}>{p.isGalacticCitizen ? 'yes' : 'no'}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="journey-heading">
        <h2 id="journey-heading">Journey</h2>
        {destination ? (
          <p data-testid="travel-destination">
            Destination: <Link href={`/regions/${destination}`}>{destination}</Link>. The route runs from {p.currentRegion?.displayName ?? 'here'} to the Nexus capital (Gateway
            Plaza), then through {destination}&apos;s spoke tunnel.
          </p>
        ) : (
          <EmptyState title="No journey planned">
            Pick a region in the <Link href="/regions">region browser</Link> and choose “Travel here”.
          </EmptyState>
        )}
      </section>
    </>
  );
}
