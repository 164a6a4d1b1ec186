import { Link } from '../ui/link';
import type { RegionPublicProfileQuery } from '../../graphql/generated/graphql';
import { enumLabel, toRegionRow } from '../../graphql/reshape';
import { describeCode } from '../../graphql/error-messages';
import { ThemePreview } from '../governor/tabs/theme-preview';
import { EmptyState } from '../ui/states';
import { TravelHereButton } from '../travel/travel-here-button';

type Profile = RegionPublicProfileQuery['regionProfile'];
const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US'));

/** Culture and theme, motto, governance summary, stats, public treaties, how to get there, and "Travel here". */
export function RegionProfile({ profile: p, signedIn }: { profile: Profile; signedIn: boolean }) {
  const r = p.region;
  const row = toRegionRow({ ...r, governance: { governanceType: p.governance.governanceType } });
  const theme = p.culture.theme;
  const route = p.route;
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
        {r.regionType !== 'CENTRAL_NEXUS' && <TravelHereButton regionId={r.id} regionName={r.name} signedIn={signedIn} blockedBy={route?.blockedBy ?? null} />}
      </header>
      <div className="grid-2">
        <ThemePreview
          name={r.displayName}
          draft={{ preset: theme.preset, primaryColor: theme.primaryColor, secondaryColor: theme.secondaryColor, accentColor: theme.accentColor ?? theme.primaryColor, motto: p.motto ?? '' }}
        />
        <section className="card" aria-labelledby="gov-heading">
          <h2 id="gov-heading">Governance</h2>
          <p data-testid="governance-summary">{p.governance.summary}</p>
          <dl className="stats">
            <Stat label="Type" value={enumLabel(p.governance.governanceType)} />
            <Stat label="Governor" value={p.governance.governor?.name ?? 'none'} />
            <Stat label="Immigration" value={enumLabel(p.immigration.policy)} />
            <Stat label="Entry fee" value={`${n(p.immigration.visitorEntryFee)} cr`} />
            <Stat label="Tariff" value={`${(p.tariff.effectiveRate * 100).toFixed(1)}% (cap ${(p.tariff.cap * 100).toFixed(0)}%)`} />
            <Stat label="Specialization" value={r.economy.specialization ? enumLabel(r.economy.specialization) : 'none'} />
          </dl>
        </section>
      </div>
      <section className="card" aria-labelledby="stats-heading">
        <h2 id="stats-heading">Stats</h2>
        <dl className="stats" data-testid="profile-stats">
          <Stat label="Sectors" value={n(r.world?.sectors ?? r.totalSectors)} />
          <Stat label="Ports" value={n(r.world?.ports)} />
          <Stat label="Planets" value={n(r.world?.planets)} />
          <Stat label="Population" value={n(p.population)} />
          <Stat label="Citizens" value={n(r.counts.citizens)} />
          <Stat label="Online" value={n(r.world?.playersOnline)} />
        </dl>
        {p.culture.traditionList.length > 0 && (
          <p className="muted">Traditions: {p.culture.traditionList.map((t) => t.name).join(', ')}</p>
        )}
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
        <section className="card" aria-labelledby="route-heading" data-testid="profile-route">
          <h2 id="route-heading">How to get there</h2>
          {!route ? (
            <p>You are here, or there is no route from where you are.</p>
          ) : (
            <>
              <ol>
                {route.legs.map((l, i) => (
                  <li key={i}>
                    {enumLabel(l.kind)}: {l.from.region.displayName} {l.from.sectorNumber} → {l.to.region.displayName} {l.to.sectorNumber}
                  </li>
                ))}
              </ol>
              {route.landingSectorNumber !== null && route.landingSectorNumber !== undefined && <p className="muted">Visitors land in sector {route.landingSectorNumber} (the Frontier).</p>}
              {route.fee !== null && route.fee !== undefined && <p>Entry fee for you: {route.fee} credits.</p>}
              {route.needsApproval && <p className="notice">Entry needs the owner's or governor's approval.</p>}
              {route.requiresGalacticCitizen && <p className="notice">Only Galactic Citizens may travel here.</p>}
              {route.blockedBy && (
                <p className="error-banner" data-testid="route-blocked" data-error-code={route.blockedBy}>
                  {describeCode(route.blockedBy)}
                </p>
              )}
            </>
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
      <dd style={{ fontSize: '1.1rem' }}>{value}</dd>
    </div>
  );
}
