import type { GovernorRegionFragment } from '../../../graphql/generated/graphql';
import { enumLabel } from '../../../graphql/reshape';
import { EmptyState } from '../../ui/states';

/** Every policy with its weighted tallies and approval. */
export function PoliciesTab({ region: r }: { region: GovernorRegionFragment }) {
  if (r.policies.length === 0) return <EmptyState title="No policies yet">Policies proposed in this region appear here with their live tallies.</EmptyState>;
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="table" data-testid="policies-table">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Type</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">For</th>
            <th scope="col" className="num">Against</th>
            <th scope="col" className="num">Approval</th>
            <th scope="col">Closes</th>
          </tr>
        </thead>
        <tbody>
          {r.policies.map((p) => (
            <tr key={p.id} data-testid="policy-row" data-policy-id={p.id}>
              <td>{p.title}</td>
              <td>{enumLabel(p.policyType)}</td>
              <td>
                <span className={`badge badge--${p.status.toLowerCase()}`}>{enumLabel(p.status)}</span>
              </td>
              <td className="num">{p.votesFor}</td>
              <td className="num">{p.votesAgainst}</td>
              <td className="num">{p.approvalPercentage === null || p.approvalPercentage === undefined ? '—' : `${Math.round(p.approvalPercentage)}%`}</td>
              <td>{p.votingClosesAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
