import { Link } from '../ui/link';
import type { GovernorRegionFragment } from '../../graphql/generated/graphql';
import { enumLabel } from '../../graphql/reshape';

/** Title line of the dashboard: the region, its status, owner, and where its public profile is. */
export function GovernorHeader({ region: r, asAdmin = false }: { region: GovernorRegionFragment; asAdmin?: boolean }) {
  return (
    <header className="row" style={{ justifyContent: 'space-between' }}>
      <div>
        <h1 className="page__title">{r.displayName}</h1>
        <p className="muted" style={{ margin: '0.2rem 0 0' }}>
          <span className={`badge badge--${r.status.toLowerCase()}`}>{enumLabel(r.status)}</span> · owner {r.owner?.name ?? 'platform'}
          {asAdmin && ' · opened as administrator'}
        </p>
      </div>
      <Link href={`/regions/${r.name}`}>Public profile</Link>
    </header>
  );
}
