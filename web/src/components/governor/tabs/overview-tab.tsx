import type { GovernorRegionFragment, TravelEventFieldsFragment } from '../../../graphql/generated/graphql';
import { TravelFeed } from '../../travel/travel-feed';
import { enumLabel } from '../../../graphql/reshape';

const n = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 2 }));

/** Six cards: population, territory, economy, governance, military / reputation, activity (live: the dashboard re-reads the region on its feeds' events); plus quick actions. */
export function OverviewTab({ region: r, feed, onNavigate }: { region: GovernorRegionFragment; feed: TravelEventFieldsFragment[] | null; onNavigate: (tab: string) => void }) {
  const activeElections = r.elections.filter((e) => e.status === 'ACTIVE' || e.status === 'PENDING').length;
  const pendingPolicies = r.policies.filter((p) => p.status === 'VOTING').length;
  const activeTreaties = r.treaties.filter((t) => t.status.toLowerCase() === 'active').length;
  return (
    <>
      <div className="row">
        <button type="button" className="button" onClick={() => onNavigate('policies')}>
          Create policy
        </button>
        <button type="button" className="button" onClick={() => onNavigate('elections')}>
          Manage elections
        </button>
      </div>
      <div className="grid-2" data-testid="overview-cards">
        <Card title="Population" main={n(r.counts.members)} mainLabel="members" testId="card-population">
          {n(r.counts.citizens)} citizens · {n(r.counts.residents)} residents · {n(r.counts.visitors)} visitors
        </Card>
        <Card title="Territory" main={n(r.world?.sectors ?? r.totalSectors)} mainLabel="sectors" testId="card-territory">
          {n(r.world?.planets)} planets · {n(r.world?.ports)} ports · {n(r.world?.warps)} warps
        </Card>
        <Card title="Economy" main={n(r.economy.treasuryBalance)} mainLabel="credits in the treasury" testId="card-economy">
          trade volume {n(r.economy.totalTradeVolume)} · tax {Math.round(r.economy.taxRate * 100)}%
        </Card>
        <Card title="Governance" main={String(activeElections)} mainLabel="active elections" testId="card-governance">
          {pendingPolicies} policies in vote · {activeTreaties} treaties · {enumLabel(r.governance.governanceType)}
        </Card>
        <Card title="Military and reputation" main="—" mainLabel="not measured yet" testId="card-military">
          Ship counts and reputation are not reported by region servers yet.
        </Card>
        <Card title="Activity" main={n(r.world?.playersOnline ?? r.counts.presentPlayers)} mainLabel="players online" testId="card-activity">
          {n(r.counts.presentPlayers)} present · {n(r.counts.homePlayers)} call it home · specialization {r.economy.economicSpecialization ?? 'none'}
        </Card>
      </div>
      {feed && (
        <section aria-labelledby="overview-feed-heading">
          <h3 id="overview-feed-heading">Arrivals and departures</h3>
          <TravelFeed regionId={r.id} initial={feed} />
        </section>
      )}
    </>
  );
}

function Card({ title, main, mainLabel, testId, children }: { title: string; main: string; mainLabel: string; testId: string; children: React.ReactNode }) {
  return (
    <section className="card" data-testid={testId} style={{ background: 'var(--bg-raised)' }}>
      <h3 style={{ margin: '0 0 0.4rem', fontSize: '0.95rem' }}>{title}</h3>
      <p style={{ margin: 0, fontSize: '1.6rem' }}>
        <span data-testid={`${testId}-main`}>{main}</span> <span className="muted" style={{ fontSize: '0.85rem' }}>{mainLabel}</span>
      </p>
      <p className="muted" style={{ margin: '0.3rem 0 0', fontSize: '0.88rem' }}>
        {children}
      </p>
    </section>
  );
}
