import { Link } from '../ui/link';
import type { ClusterRowFragment } from '../../graphql/generated/graphql';
import { enumLabel } from '../../graphql/reshape';
import { EmptyState, Meter } from '../ui/states';
import { RegenerateClusterButton } from './regenerate-cluster-button';

/** The 20 clusters: type, counts, average security and development as bars out of 10, economic value. */
export function ClustersTable({ clusters, canRegenerate }: { clusters: ClusterRowFragment[]; canRegenerate: boolean }) {
  return (
    <section className="card" aria-labelledby="clusters-heading">
      <header className="card__header">
        <h2 id="clusters-heading">Clusters</h2>
        <span className="muted">{clusters.length} clusters</span>
      </header>
      {clusters.length === 0 ? (
        <EmptyState title="No clusters yet">Generate the Nexus to create its 20 clusters.</EmptyState>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table className="table" data-testid="clusters-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Cluster</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">Sectors</th>
                <th scope="col" className="num">Ports</th>
                <th scope="col" className="num">Planets</th>
                <th scope="col">Security</th>
                <th scope="col">Development</th>
                <th scope="col" className="num">Value</th>
                {canRegenerate && <th scope="col"><span className="visually-hidden">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {clusters.map((c) => (
                <tr key={c.clusterNumber} data-testid="cluster-row" data-cluster-number={c.clusterNumber}>
                  <td className="num">{c.clusterNumber}</td>
                  <td>
                    <Link href={`/admin/nexus/clusters/${c.clusterNumber}`}>{c.name}</Link>
                    <span className="table__sub">
                      {c.firstSectorNumber}–{c.lastSectorNumber}
                    </span>
                  </td>
                  <td>{enumLabel(c.clusterType)}</td>
                  <td className="num">{c.sectorCount}</td>
                  <td className="num">{c.portsCount}</td>
                  <td className="num">{c.planetsCount}</td>
                  <td>
                    <Meter value={c.avgSecurityLevel} max={10} label={`Average security of ${c.name}`} />
                  </td>
                  <td>
                    <Meter value={c.avgDevelopmentLevel} max={10} label={`Average development of ${c.name}`} />
                  </td>
                  <td className="num">{c.economicValue}</td>
                  {canRegenerate && (
                    <td>
                      <RegenerateClusterButton clusterNumber={c.clusterNumber} name={c.name} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
