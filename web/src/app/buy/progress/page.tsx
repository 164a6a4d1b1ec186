import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SubscriptionProgressQuery } from '../../../graphql/operations/billing';
import { runQuery } from '../../../graphql/run-query';
import { readSession } from '../../../auth/session-cookie';
import { ErrorBanner } from '../../../components/ui/error-banner';
import { ProvisioningView } from '../../../components/purchase/provisioning-view';

export const metadata: Metadata = { title: 'Setting up your region' };
export const dynamic = 'force-dynamic';

/**
 * Where PayPal returns the buyer (`subscription_id` is PayPal's I-… id; `subscription` our own id): the purchase's
 * state, then the region's six provisioning conditions live until it is READY.
 */
export default async function ProgressPage({ searchParams }: { searchParams: Promise<{ subscription_id?: string; subscription?: string }> }) {
  const params = await searchParams;
  const id = params.subscription ?? params.subscription_id;
  if (!(await readSession())) redirect(`/sign-in?next=${encodeURIComponent(`/buy/progress?subscription=${id ?? ''}`)}`);
  if (!id) {
    return <ErrorBanner title="No purchase to follow" failure={{ code: 'ERR_VALIDATION', message: 'The link has no subscription id.' }} />;
  }
  const sub = await runQuery(SubscriptionProgressQuery, { id });
  return (
    <div className="narrow" style={{ maxWidth: 760 }}>
      <h1 className="page__title">Setting up your purchase</h1>
      {sub.kind === 'ok' ? <ProvisioningView initial={sub.data.subscription} /> : <ErrorBanner title="Purchase not found" failure={sub.failure} />}
    </div>
  );
}
