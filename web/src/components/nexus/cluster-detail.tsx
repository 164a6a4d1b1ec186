import type { ClusterDetailQuery } from '../../graphql/generated/graphql';
import { enumLabel } from '../../graphql/reshape';
import { EmptyState, Meter } from '../ui/states';
import { RegenerateClusterButton } from './regenerate-cluster-button';

type Cluster = ClusterDetailQuery['cluster'];

/** Everything the cluster page shows; samples are the first sectors, stations and planets by number. */
export function ClusterDetail({ cluster: c }: { cluster: Cluster }) {
  return (
    <>
      <h1 className="page__title">
        {c.clusterNumber}. {c.name}
      </h1>
      <section className="card" data-testid="cluster-detail" data-cluster-number={c.clusterNumber}>
        <header className="card__header">
          <h2>{enumLabel(c.clusterType)} cluster</h2>
          <RegenerateClusterButton clusterNumber={c.clusterNumber} name={c.name} />
        </header>
        <dl className="stats">
          <Stat label="Sectors" value={`${c.sectorCount} (${c.firstSectorNumber}–${c.lastSectorNumber})`} />
          <Stat label="Ports" value={String(c.portsCount)} />
          <Stat label="Planets" value={String(c.planetsCount)} />
          <Stat label="Economic value" value={String(c.economicValue)} />
          <Stat label="Warp stability" value={`${Math.round(c.warpStability * 100)}%`} />
          <Stat label="Grid" value={`${c.gridX}, ${c.gridY}`} />
        </dl>
        <div className="grid-2" style={{ marginTop: '1rem' }}>
          <div>
            <p className="field__label">Average security</p>
            <Meter value={c.avgSecurityLevel} max={10} label="Average security" />
          </div>
          <div>
            <p className="field__label">Average development</p>
            <Meter value={c.avgDevelopmentLevel} max={10} label="Average development" />
          </div>
        </div>
      </section>
      <section className="card" aria-labelledby="sectors-heading">
        <h2 id="sectors-heading">Sample sectors</h2>
        <div className="table-wrap" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Sector</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">Security</th>
                <th scope="col" className="num">Development</th>
                <th scope="col">Warps to</th>
              </tr>
            </thead>
            <tbody>
              {c.sampleSectors.map((s) => (
                <tr key={s.sectorNumber}>
                  <td>
                    {s.sectorNumber}
                    {s.isCapital && <span className="badge badge--active"> capital</span>}
                  </td>
                  <td>{enumLabel(s.sectorType)}</td>
                  <td className="num">{s.securityLevel}</td>
                  <td className="num">{s.developmentLevel}</td>
                  <td>{s.warpsTo.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="stations-heading">
          <h2 id="stations-heading">Stations</h2>
          {c.sampleStations.length === 0 ? (
            <EmptyState title="No stations in the sample" />
          ) : (
            <ul>
              {c.sampleStations.map((s) => (
                <li key={s.id}>
                  {s.name} <span className="muted">· sector {s.sectorNumber} · class {s.stationClass}{s.isStarportPrime ? ' · Starport Prime' : ''}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="planets-heading">
          <h2 id="planets-heading">Planets</h2>
          {c.samplePlanets.length === 0 ? (
            <EmptyState title="No planets in the sample" />
          ) : (
            <ul>
              {c.samplePlanets.map((p) => (
                <li key={p.id}>
                  {p.name} <span className="muted">· sector {p.sectorNumber} · {enumLabel(p.planetType)} · habitability {p.habitability}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stats__item">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
