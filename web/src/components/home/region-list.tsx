import { Link } from '../ui/link';
import { EmptyState } from '../ui/states';
import type { RegionRowView } from '../../graphql/reshape';

/** The regions registry as a table: platform regions and player regions alike, newest first (the API's order). */
export function RegionList({ regions }: { regions: RegionRowView[] }) {
  if (regions.length === 0) {
    return (
      <EmptyState title="No regions exist yet" testId="region-list-empty">
        The platform seed creates the Central Nexus and Terran Space; players can buy their own.
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap" tabIndex={0}>
    <table className="table region-table" data-testid="region-list">
      <thead>
        <tr>
          <th scope="col">Region</th>
          <th scope="col">Type</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Sectors</th>
          <th scope="col">Owner</th>
          <th scope="col">Governance</th>
        </tr>
      </thead>
      <tbody>
        {regions.map((r) => (
          <tr key={r.id} data-testid="region-row" data-region-name={r.name} data-region-type={r.regionType}>
            <td>
              <Link href={`/regions/${r.name}`} data-testid="region-display-name">
                {r.displayName}
              </Link>
              <span className="table__sub" data-testid="region-name">
                {r.name}
              </span>
            </td>
            <td>{r.typeLabel}</td>
            <td>
              <span className={`badge badge--${r.status.toLowerCase()}`}>{r.statusLabel}</span>
            </td>
            <td className="num">{r.totalSectors.toLocaleString('en-US')}</td>
            <td>{r.ownerName ?? <span className="muted">Platform</span>}</td>
            <td>{r.governanceLabel}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
