import { Link } from '../ui/link';
import type { SearchRegionsQuery } from '../../graphql/generated/graphql';
import { enumLabel, toRegionRow } from '../../graphql/reshape';
import { EmptyState } from '../ui/states';
import { browserHref, GOVERNANCE_OPTIONS, IMMIGRATION_OPTIONS, SORTS, TYPE_OPTIONS, type BrowserParams } from './browser-params';

type Page = SearchRegionsQuery['searchRegions'];

const SORT_LABELS: Record<string, string> = {
  NAME_ASC: 'Name A–Z',
  NAME_DESC: 'Name Z–A',
  POPULATION_DESC: 'Most populated',
  POPULATION_ASC: 'Least populated',
  TARIFF_ASC: 'Lowest tariff',
  TARIFF_DESC: 'Highest tariff',
  NEWEST: 'Newest',
  GOVERNANCE_TYPE: 'Governance type',
};

/** The browser: a GET form (search, type, governance, immigration, sort) and one page of the discovery search. */
export function RegionBrowser({ params, page }: { params: BrowserParams; page: Page }) {
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
        <Select id="governance" label="Governance" value={params.governance ?? ''} options={[['', 'Any'], ...GOVERNANCE_OPTIONS.map((g) => [g, enumLabel(g)] as [string, string])]} />
        <Select id="immigration" label="Immigration" value={params.immigration ?? ''} options={[['', 'Any'], ...IMMIGRATION_OPTIONS.map((i) => [i, enumLabel(i)] as [string, string])]} />
        <Select id="sort" label="Sort" value={params.sort} options={SORTS.map((s) => [s, SORT_LABELS[s] ?? enumLabel(s)] as [string, string])} />
        <button type="submit" className="button button--primary" style={{ alignSelf: 'end' }}>
          Apply
        </button>
      </form>
      <section className="card" aria-labelledby="results-heading">
        <header className="card__header">
          <h2 id="results-heading">Results</h2>
          <span className="muted" data-testid="results-count">
            {page.nodes.length} shown{params.after ? ' (later page)' : ''}
          </span>
        </header>
        {page.nodes.length === 0 ? (
          <EmptyState title="No regions match" testId="region-browser-empty">
            <Link href="/regions">Clear the filters</Link>
          </EmptyState>
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table className="table" data-testid="region-browser">
              <thead>
                <tr>
                  <th scope="col">Region</th>
                  <th scope="col">Type</th>
                  <th scope="col">Governance</th>
                  <th scope="col">Immigration</th>
                  <th scope="col">Specialization</th>
                  <th scope="col" className="num">Population</th>
                  <th scope="col" className="num">Tariff</th>
                </tr>
              </thead>
              <tbody>
                {page.nodes.map(({ region: r, population, effectiveTariff }) => {
                  const v = toRegionRow(r);
                  return (
                    <tr key={r.id} data-testid="browser-row" data-region-name={r.name}>
                      <td>
                        <Link href={`/regions/${r.name}`}>{r.displayName}</Link>
                        <span className="table__sub">{r.name}</span>
                      </td>
                      <td>{v.typeLabel}</td>
                      <td>{v.governanceLabel}</td>
                      <td>{enumLabel(r.immigration.policy)}</td>
                      <td>{r.economy.specialization ? enumLabel(r.economy.specialization) : '—'}</td>
                      <td className="num">{population}</td>
                      <td className="num">{(effectiveTariff * 100).toFixed(1)}%</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <nav className="row" aria-label="Pages" style={{ marginTop: '0.75rem', justifyContent: 'space-between' }}>
          {params.after ? <Link href={browserHref(params, { after: null })}>← First page</Link> : <span />}
          {page.pageInfo.hasNextPage && page.pageInfo.endCursor ? (
            <Link href={browserHref(params, { after: page.pageInfo.endCursor })} data-testid="next-page">
              Next page →
            </Link>
          ) : (
            <span />
          )}
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
