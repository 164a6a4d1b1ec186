import type { Metadata } from 'next';
import { PlansQuery } from '../../graphql/operations/billing';
import { runQuery } from '../../graphql/run-query';
import { readSession } from '../../auth/session-cookie';
import { ErrorBanner } from '../../components/ui/error-banner';
import { BuyForm } from '../../components/purchase/buy-form';

export const metadata: Metadata = { title: 'Buy a region' };
export const dynamic = 'force-dynamic';

/** Buy a region or become a Galactic Citizen: plans, the name check as you type, then approval at PayPal. */
export default async function BuyPage({ searchParams }: { searchParams: Promise<{ cancelled?: string }> }) {
  const [{ cancelled }, plans, session] = await Promise.all([searchParams, runQuery(PlansQuery, {}), readSession()]);
  return (
    <div className="narrow" style={{ maxWidth: 760 }}>
      <h1 className="page__title">Buy a region</h1>
      <p className="page__lead">Own a region of the galaxy, or support the platform as a Galactic Citizen. Billing runs through PayPal.</p>
      {cancelled && (
        <p className="notice" role="status">
          You cancelled at PayPal; nothing was charged.
        </p>
      )}
      {plans.kind === 'ok' ? (
        <BuyForm plans={plans.data.plans} signedIn={session !== null} />
      ) : (
        <ErrorBanner title="Plans unavailable" failure={plans.failure} />
      )}
    </div>
  );
}
