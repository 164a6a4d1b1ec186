import { Link } from '../ui/link';
import type { MyPlayerQuery } from '../../graphql/generated/graphql';
import { enumLabel } from '../../graphql/reshape';
import { EmptyState } from '../ui/states';

type Me = MyPlayerQuery['me'];

/** Memberships with voting power, then each region's open policies and elections with their current tallies. */
export function GovernancePanel({ me }: { me: Me }) {
  const memberships = me.player?.memberships ?? [];
  if (memberships.length === 0) {
    return (
      <EmptyState title="You are not a member of any region yet" testId="no-memberships">
        Visit a region and become a resident or citizen to vote there. <Link href="/regions">Browse regions</Link>
      </EmptyState>
    );
  }
  return (
    <>
      <section className="card" aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">My memberships</h2>
        <div className="table-wrap" tabIndex={0}>
          <table className="table" data-testid="memberships">
            <thead>
              <tr>
                <th scope="col">Region</th>
                <th scope="col">Membership</th>
                <th scope="col" className="num">Voting power</th>
                <th scope="col" className="num">Reputation</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {memberships.map((m) => (
                <tr key={m.region.id} data-testid="membership-row" data-region-name={m.region.name}>
                  <td>
                    <Link href={`/regions/${m.region.name}`}>{m.region.displayName}</Link>
                  </td>
                  <td>{enumLabel(m.membershipType)}</td>
                  <td className="num">{m.votingPower}</td>
                  <td className="num">{m.reputationScore}</td>
                  <td>{m.joinedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {memberships.map((m) => (
        <section key={m.region.id} className="card" aria-labelledby={`open-${m.region.id}`}>
          <h2 id={`open-${m.region.id}`}>Open in {m.region.displayName}</h2>
          {m.region.policies.length === 0 && m.region.elections.length === 0 ? (
            <EmptyState title="Nothing to vote on right now" />
          ) : (
            <ul>
              {m.region.policies.map((p) => (
                <li key={p.id} data-testid="open-policy">
                  Policy “{p.title}” — for {p.votesFor}, against {p.votesAgainst}, closes {p.votingClosesAt.slice(0, 10)}
                </li>
              ))}
              {m.region.elections.map((e) => (
                <li key={e.id} data-testid="open-election">
                  {enumLabel(e.position)} election ({enumLabel(e.status)}) — {e.candidates.map((c) => `${c.player.name} ${c.weight}`).join(', ') || 'no candidates yet'}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
