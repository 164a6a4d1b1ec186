import type { FleetQuery } from '../../graphql/generated/graphql';
import { enumLabel } from '../../graphql/reshape';
import { EmptyState } from '../ui/states';

type Billing = NonNullable<FleetQuery['fleet']['billing']>;

const money = (cents: number, currency: string) => (cents / 100).toLocaleString('en-US', { style: 'currency', currency });

/**
 * Active subscriptions per plan, the estimated monthly revenue at list price, and the newest subscriptions. `billing`
 * is null for an admin without the billing:view scope: the card says so instead of showing figures.
 */
export function SubscriptionsCard({ billing }: { billing: Billing | null }) {
  if (!billing) {
    return (
      <section className="card" aria-labelledby="subs-heading" data-testid="subscriptions">
        <header className="card__header">
          <h2 id="subs-heading">Subscriptions</h2>
        </header>
        <EmptyState title="Billing is hidden" testId="billing-hidden">
          Subscriptions and revenue need the billing:view scope.
        </EmptyState>
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="subs-heading" data-testid="subscriptions">
      <header className="card__header">
        <h2 id="subs-heading">Subscriptions</h2>
        <span data-testid="monthly-revenue">
          Estimated monthly revenue <strong>{money(billing.estimatedMonthlyRevenueCents, billing.currency)}</strong>
        </span>
      </header>
      <dl className="stats">
        <div className="stats__item">
          <dt>Active</dt>
          <dd>{billing.activeSubscriptions}</dd>
        </div>
        {billing.plans.map((p) => (
          <div className="stats__item" key={p.plan}>
            <dt>{enumLabel(p.plan)}</dt>
            <dd>
              {p.active}
              <small>{money(p.monthlyCents, billing.currency)} / month</small>
            </dd>
          </div>
        ))}
      </dl>
      {billing.subscriptions.length === 0 ? (
        <EmptyState title="No subscriptions yet" />
      ) : (
        <div className="table-wrap" tabIndex={0} style={{ marginTop: '1rem' }}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Region</th>
                <th scope="col">Status</th>
                <th scope="col">Price</th>
                <th scope="col">Started</th>
                <th scope="col">Next billing</th>
              </tr>
            </thead>
            <tbody>
              {billing.subscriptions.map((s) => (
                <tr key={s.id} data-testid="subscription-row">
                  <td>{enumLabel(s.plan)}</td>
                  <td>{s.regionName ?? '—'}</td>
                  <td>
                    <span className={`badge badge--${s.status.toLowerCase()}`}>{s.status}</span>
                  </td>
                  <td>{s.amount}</td>
                  <td>{s.createdAt.slice(0, 10)}</td>
                  <td>{s.nextBillingAt?.slice(0, 10) ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
