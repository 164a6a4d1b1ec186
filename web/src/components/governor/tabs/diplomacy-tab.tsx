import type { GovernorRegionFragment } from '../../../graphql/generated/graphql';
import { enumLabel } from '../../../graphql/reshape';
import { EmptyState } from '../../ui/states';

/** The region's treaties: partner, type, dates ("Permanent" without an expiry) and status. */
export function DiplomacyTab({ region: r }: { region: GovernorRegionFragment }) {
  if (r.treaties.length === 0) return <EmptyState title="No treaties yet">Treaties with other regions appear here.</EmptyState>;
  return (
    <div className="table-wrap" tabIndex={0}>
      <table className="table" data-testid="treaties-table">
        <thead>
          <tr>
            <th scope="col">Partner</th>
            <th scope="col">Type</th>
            <th scope="col">Accepted</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {r.treaties.map((t) => {
            const partner = t.regionA.id === r.id ? t.regionB : t.regionA;
            return (
              <tr key={t.id} data-testid="treaty-row">
                <td>{partner.displayName}</td>
                <td>{enumLabel(t.treatyType)}</td>
                <td>{t.acceptedAt?.slice(0, 10) ?? 'proposed'}</td>
                <td>{t.expiresAt?.slice(0, 10) ?? 'Permanent'}</td>
                <td>
                  <span className={`badge badge--${t.status.toLowerCase()}`}>{enumLabel(t.status)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
