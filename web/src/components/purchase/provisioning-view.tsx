'use client';

import { Link } from '../ui/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { SubscriptionProgressQuery } from '../../graphql/operations/billing';
import { RegionRuntimeQuery } from '../../graphql/operations/runtime';
import type { RuntimeFieldsFragment, SubscriptionProgressQuery as SubscriptionData } from '../../graphql/generated/graphql';
import { RuntimeConditions } from '../runtime/runtime-conditions';
import { useLiveRuntime } from '../runtime/use-live-runtime';
import { Skeleton } from '../ui/states';

type Sub = SubscriptionData['subscription'];
const POLL_MS = 1_000;

/**
 * Follows a purchase after PayPal: waits for PayPal's ACTIVATED webhook to create the region (polling the
 * subscription, the only thing that exists until then), then follows the region's runtime live until READY and
 * opens its dashboard. A Galactic Citizen purchase ends at "active".
 */
export function ProvisioningView({ initial }: { initial: Sub }) {
  const client = useClient();
  const [sub, setSub] = useState(initial);
  const [runtime, setRuntime] = useState<RuntimeFieldsFragment | null>(null);
  const regionId = sub.region?.id ?? null;

  useEffect(() => {
    // Until PayPal's webhook lands: the region appearing (regional owner) or the subscription turning ACTIVE (citizen).
    const settled = sub.plan === 'REGIONAL_OWNER' ? regionId !== null : sub.status === 'ACTIVE';
    if (settled || ['CANCELLED', 'EXPIRED'].includes(sub.status)) return;
    const timer = setInterval(() => {
      void client
        .query(SubscriptionProgressQuery, { id: sub.id }, { requestPolicy: 'network-only' })
        .toPromise()
        .then((r) => {
          if (r.data) setSub(r.data.subscription);
        });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [client, regionId, sub.id, sub.plan, sub.status]);

  useEffect(() => {
    if (!regionId) return;
    void client
      .query(RegionRuntimeQuery, { regionId }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((r) => {
        if (r.data) setRuntime(r.data.regionRuntime);
      });
  }, [client, regionId]);

  if (sub.plan === 'GALACTIC_CITIZEN') {
    return (
      <section className="card" data-testid="citizen-progress" data-subscription-status={sub.status}>
        <p>
          Galactic Citizen subscription: <strong>{sub.status}</strong>
        </p>
        <p className="muted">Citizenship is granted as soon as PayPal confirms the subscription.</p>
      </section>
    );
  }
  return (
    <section className="card" data-testid="provisioning" aria-labelledby="prov-heading">
      <header className="card__header">
        <h2 id="prov-heading">Region “{sub.regionName}”</h2>
        <span className="muted">Subscription {sub.status.toLowerCase().replace(/_/g, ' ')}</span>
      </header>
      {!regionId ? (
        <div data-testid="awaiting-activation">
          <p aria-live="polite">Waiting for PayPal to confirm the subscription…</p>
          <Skeleton lines={2} label="Waiting for PayPal" />
        </div>
      ) : runtime ? (
        <LiveProgress initial={runtime} regionName={sub.region?.name ?? sub.regionName ?? ''} />
      ) : (
        <Skeleton lines={6} label="Loading provisioning status" />
      )}
    </section>
  );
}

function LiveProgress({ initial, regionName }: { initial: RuntimeFieldsFragment; regionName: string }) {
  const router = useRouter();
  // Provisioning is short and watched closely: besides the live events, the snapshot is re-read every 3 s until READY.
  const [ready, setReady] = useState(initial.state === 'READY');
  const { data: runtime } = useLiveRuntime(initial, { resyncEveryMs: ready ? 0 : 3_000 });
  useEffect(() => setReady(runtime.state === 'READY'), [runtime.state]);
  const dashboard = `/regions/${regionName}/govern`;

  useEffect(() => {
    if (!ready) return;
    // A moment to see the last condition turn green, then into the dashboard.
    const t = setTimeout(() => router.push(dashboard), 1_200);
    return () => clearTimeout(t);
  }, [ready, router, dashboard]);

  return (
    <div data-testid="provisioning-live" data-runtime-state={runtime.state}>
      <p aria-live="polite">
        State: <span className={`badge badge--${runtime.state.toLowerCase()}`}>{runtime.state}</span>
      </p>
      <RuntimeConditions conditions={runtime.conditions} />
      {ready && (
        <p className="notice notice--ok" role="status">
          Your region is ready. <Link href={dashboard}>Open its dashboard</Link>
        </p>
      )}
    </div>
  );
}
