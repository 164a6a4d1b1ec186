import { Link } from '../ui/link';
import type { RegionProfileQuery } from '../../graphql/generated/graphql';
import { enumLabel, toRegionRow } from '../../graphql/reshape';
import { ThemePreview, themeFrom } from '../governor/tabs/theme-preview';
import { EmptyState } from '../ui/states';

type Region = RegionProfileQuery['regionByName'];
const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US'));

/** Culture and theme, motto, governance summary, stats, public treaties, how to get there. */
export function RegionProfile({ region: r }: { region: Region }) {
  const row = toRegionRow(r);
  const theme = themeFrom(r.culture.aestheticTheme, r.culture.traditions);
  return (
    <>
      <header className="row" style={{ justifyContent: 'space-between' }}>
        <div>
          <h1 className="page__title" data-testid="profile-name">
            {r.displayName}
          </h1>
          <p className="muted" style={{ margin: '0.2rem 0 0' }}>
            {row.typeLabel} · <span className={`badge badge--${r.status.toLowerCase()}`}>{row.statusLabel}</span> · owner {row.ownerName ?? 'platform'}
          </p>
        </div>
        <Link className="button button--primary" href={`/travel?to=${r.name}`} data-testid="travel-here">
          Travel here
        </Link>
      </header>
      <div className="grid-2">
        <ThemePreview name={r.displayName} draft={theme} />
        <section className="card" aria-labelledby="gov-heading">
          <h2 id="gov-heading">Governance</h2>
          <dl className="stats">
            <Stat label="Type" value={enumLabel(r.governance.governanceType)} />
            <Stat label="Governor" value={r.governor?.name ?? 'none'} />
            <Stat label="Open policies" value={String(r.policies.length)} />
            <Stat label="Elections running" value={String(r.elections.length)} />
            <Stat label="Tax" value={`${Math.round(r.economy.taxRate * 100)}%`} />
            <Stat label="Specialization" value={r.economy.economicSpecialization ?? 'none'} />
          </dl>
        </section>
      </div>
      <section className="card" aria-labelledby="stats-heading">
        <h2 id="stats-heading">Stats</h2>
        <dl className="stats" data-testid="profile-stats">
          <Stat label="Sectors" value={n(r.world?.sectors ?? r.totalSectors)} />
          <Stat label="Ports" value={n(r.world?.ports)} />
          <Stat label="Planets" value={n(r.world?.planets)} />
          <Stat label="Citizens" value={n(r.counts.citizens)} />
          <Stat label="Residents" value={n(r.counts.residents)} />
          <Stat label="Present now" value={n(r.world?.playersOnline ?? r.counts.presentPlayers)} />
        </dl>
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="treaties-heading">
          <h2 id="treaties-heading">Treaties</h2>
          {r.treaties.length === 0 ? (
            <EmptyState title="No public treaties" />
          ) : (
            <ul>
              {r.treaties.map((t) => {
                const partner = t.regionA.id === r.id ? t.regionB : t.regionA;
                return (
                  <li key={t.id}>
                    {enumLabel(t.treatyType)} with <Link href={`/regions/${partner.name}`}>{partner.displayName}</Link> ({t.status.toLowerCase()})
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="route-heading">
          <h2 id="route-heading">How to get there</h2>
          {r.regionType === 'CENTRAL_NEXUS' ? (
            <p>Every region links to the Nexus capital (sector 2,251, Gateway Plaza).</p>
          ) : (
            <p>
              From the Central Nexus capital (Gateway Plaza) take the spoke tunnel to sector {n(r.nexusWarpSector)}
              {r.capitalSectorNumber ? `; the region's capital is sector ${n(r.capitalSectorNumber)}` : ''}.
            </p>
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
      <dd style={{ fontSize: '1.15rem' }}>{value}</dd>
    </div>
  );
}
