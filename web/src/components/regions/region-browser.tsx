import { Link } from '../ui/link';
import type { RegionBrowserQuery } from '../../graphql/generated/graphql';
import { enumLabel, toRegionRow } from '../../graphql/reshape';
import { EmptyState } from '../ui/states';
import { browserHref, PAGE_SIZE, SORTS, STATUS_OPTIONS, TYPE_OPTIONS, type BrowserParams } from './browser-params';

type Row = RegionBrowserQuery['regions'][number];

function sortRows(rows: Row[], sort: BrowserParams['sort']): Row[] {
  const copy = [...rows];
  if (sort === 'name') copy.sort((a, b) => a.displayName.localeCompare(b.displayName));
  if (sort === 'population') copy.sort((a, b) => b.counts.members - a.counts.members);
  if (sort === 'size') copy.sort((a, b) => b.totalSectors - a.totalSectors);
  return copy;
}

/**
 * The browser: a GET form (search, type, status, sort) and the page of results. The registry filters by type and
 * status and pages; the name search and the sort apply to the page shown.
 */
export function RegionBrowser({ params, rows }: { params: BrowserParams; rows: Row[] }) {
  const hasNext = rows.length > PAGE_SIZE;
  const q = params.q.toLowerCase();
  const shown = sortRows(rows.slice(0, PAGE_SIZE), params.sort).filter((r) => !q || r.name.includes(q) || r.displayName.toLowerCase().includes(q));
  return (
    <>
      <form className="card row" method="get" action="/regions" role="search" aria-label="Find regions" data-testid="region-filters">
        <div className="field" style={{ flex: '2 1 200px' }}>
          <label className="field__label" htmlFor="q">
            Search
          </label>
          <input id="q" name="q" type="search" className="input" defaultValue={params.q} placeholder="Region name" />
        </div>
        <Select id="type" label="Type" value={params.type ?? ''} options={[['', 'Any type'], ...TYPE_OPTIONS.map((t) => [t, enumLabel(t)] as [string, string])]} />
        <Select id="status" label="Status" value={params.status ?? ''} options={[['', 'Any status'], ...STATUS_OPTIONS.map((s) => [s, enumLabel(s)] as [string, string])]} />
        <Select id="sort" label="Sort" value={params.sort} options={SORTS.map((s) => [s, enumLabel(s)] as [string, string])} />
        <button type="submit" className="button button--primary" style={{ alignSelf: 'end' }}>
          Apply
        </button>
      </form>
      <section className="card" aria-labelledby="results-heading">
        <header className="card__header">
          <h2 id="results-heading">Results</h2>
          <span className="muted" data-testid="results-count">
            page {params.page} · {shown.length} shown
          </span>
        </header>
        {shown.length === 0 ? (
          <EmptyState title="No regions match" testId="region-browser-empty">
            <Link href="/regions">Clear the filters</Link>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="region-browser">
              <thead>
                <tr>
                  <th scope="col">Region</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Governance</th>
                  <th scope="col" className="num">Sectors</th>
                  <th scope="col" className="num">Members</th>
                  <th scope="col" className="num">Present</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => {
                  const v = toRegionRow(r);
                  return (
                    <tr key={r.id} data-testid="browser-row" data-region-name={r.name}>
                      <td>
                        <Link href={`/regions/${r.name}`}>{r.displayName}</Link>
                        <span className="table__sub">{r.name}</span>
                      </td>
                      <td>{v.typeLabel}</td>
                      <td>
                        <span className={`badge badge--${r.status.toLowerCase()}`}>{v.statusLabel}</span>
                      </td>
                      <td>{v.governanceLabel}</td>
                      <td className="num">{r.totalSectors.toLocaleString('en-US')}</td>
                      <td className="num">{r.counts.members}</td>
                      <td className="num">{r.counts.presentPlayers}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <nav className="row" aria-label="Pages" style={{ marginTop: '0.75rem', justifyContent: 'space-between' }}>
          {params.page > 1 ? <Link href={browserHref(params, { page: params.page - 1 })}>← Previous page</Link> : <span />}
          {hasNext ? <Link href={browserHref(params, { page: params.page + 1 })}>Next page →</Link> : <span />}
        </nav>
      </section>
    </>
  );
}

function Select({ id, label, value, options }: { id: string; label: string; value: string; options: Array<[string, string]> }) {
  return (
    <div className="field" style={{ flex: '1 1 140px' }}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} name={id} className="input" defaultValue={value}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
