import type { GovernorRegionFragment } from '../../../graphql/generated/graphql';
import { enumLabel } from '../../../graphql/reshape';
import { EmptyState } from '../../ui/states';

/** Elections with their candidates and weighted results; cancelled ones are shown as such, not hidden. */
export function ElectionsTab({ region: r }: { region: GovernorRegionFragment }) {
  if (r.elections.length === 0) return <EmptyState title="No elections yet">Elections for governor and council appear here with live results.</EmptyState>;
  return (
    <div className="grid-2" data-testid="elections">
      {r.elections.map((e) => (
        <section key={e.id} className="card" data-testid="election-card" data-election-status={e.status} style={{ background: 'var(--bg-raised)' }}>
          <header className="card__header">
            <h3>{enumLabel(e.position)}</h3>
            <span className={`badge badge--${e.status.toLowerCase()}`}>{enumLabel(e.status)}</span>
          </header>
          <p className="muted">
            {e.votingOpensAt.slice(0, 10)} → {e.votingClosesAt.slice(0, 10)} · total weight {e.totalWeight}
          </p>
          {e.candidates.length === 0 ? (
            <p className="muted">No candidates have registered.</p>
          ) : (
            <ul>
              {e.candidates.map((c) => (
                <li key={c.player.id}>
                  {c.player.name} — <strong>{c.weight}</strong>
                  {e.winner?.id === c.player.id && <span className="badge badge--passed"> winner</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
