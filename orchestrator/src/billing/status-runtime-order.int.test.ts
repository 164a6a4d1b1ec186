/**
 * A region's `status` and its `runtime_state` are written by two paths: the PayPal webhook effect (billing) and the
 * reconciler's transitions. Both lock the region row and apply one rule from @sw/domain (regionStatusForRuntime at
 * a transition, statusWhenBillingLiftsHold when billing lifts a hold), so every interleaving ends in agreement.
 * Each case forces all three orders on its own region: the webhook first, the reconciler first, and both in flight
 * at once — queued behind a held lock on the region row (both seen waiting), then released together.
 *
 * The webhook path is the real one (processWebhookEvent: dedupe, re-read from the PayPal emulator, one transaction);
 * only delivery is done by the test, so it decides when each event lands.
 */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegionRuntimeState, RegionStatus } from '@sw/domain';
import type { PayPalWebhookEvent } from '@sw/paypal';
import { transitionRegion, type StoreDeps } from '../store/region-events.ts';
import { billingCommands, unwrapBilling } from './billing-commands.ts';
import { approveInEmulator, startBillingHarness, type BillingHarness } from './billing-test-harness.ts';
import { processWebhookEvent } from './process-webhook-event.ts';

let h: BillingHarness;
let store: StoreDeps;
let lockSql: postgres.Sql;

beforeAll(async () => {
  h = await startBillingHarness({ deliver: false });
  // The reconciler's store runs on a plain postgres.js client, like the orchestrator's.
  store = { sql: postgres(h.t.url, { max: 4, onnotice: () => {} }), bus: null };
  lockSql = postgres(h.t.url, { max: 2, onnotice: () => {} });
});
afterAll(async () => {
  await store?.sql.end();
  await lockSql?.end();
  await h?.close();
});

/** Delivers one webhook event for the subscription, as the emulator would (the resource is PayPal's current view). */
async function webhook(subId: string, eventType: string): Promise<void> {
  const sub = await h.paypal.getSubscription(subId);
  const resource: Record<string, unknown> = eventType.startsWith('PAYMENT.SALE.')
    ? { id: `S-${randomUUID().slice(0, 8)}`, billing_agreement_id: subId, state: 'completed', create_time: new Date().toISOString() }
    : { ...sub };
  const event: PayPalWebhookEvent = { id: `WH-${randomUUID()}`, create_time: new Date().toISOString(), event_type: eventType, summary: eventType, resource };
  const outcome = await processWebhookEvent(h.t, event, h.paypal, { planIds: h.deps.config.planIds });
  expect(outcome.kind).toBe('applied');
}

/** A region bought through the emulator (create -> approve -> ACTIVATED), provisioning, `held` by billing or not. */
async function boughtRegion(held: 'suspended' | null): Promise<{ regionId: string; subId: string }> {
  const buyer = await h.player(`buyer_${randomUUID().slice(0, 8)}`);
  const name = `order-${randomUUID().slice(0, 8)}`;
  const created = unwrapBilling(await billingCommands.createSubscription(h.deps, buyer.claims, { plan: 'regional_owner', regionName: name }));
  const subId = created.subscription.paypalSubscriptionId;
  await approveInEmulator(h.emulator, subId);
  await webhook(subId, 'BILLING.SUBSCRIPTION.ACTIVATED');
  const [r] = await store.sql<{ id: string }[]>`SELECT id FROM regions WHERE paypal_subscription_id = ${subId}`;
  await transitionRegion(store, r!.id, 'provisioning', { type: 'Normal', reason: 'Provisioning' }, {}, ['requested']);
  if (held) {
    await h.paypal.suspendSubscription(subId, 'test: payment problem');
    await webhook(subId, 'BILLING.SUBSCRIPTION.SUSPENDED');
    expect(await stateOf(r!.id)).toEqual({ status: 'suspended', runtime_state: 'provisioning' });
  }
  return { regionId: r!.id, subId };
}

async function stateOf(regionId: string): Promise<{ status: RegionStatus; runtime_state: RegionRuntimeState }> {
  const [r] = await store.sql<{ status: RegionStatus; runtime_state: RegionRuntimeState }[]>`SELECT status, runtime_state FROM regions WHERE id = ${regionId}`;
  return r!;
}

/** Runs both writers while a third transaction holds the region row; releases it once both are seen waiting. */
async function concurrently(regionId: string, a: () => Promise<void>, b: () => Promise<void>): Promise<void> {
  const conn = await lockSql.reserve();
  try {
    await conn`BEGIN`;
    await conn`SELECT 1 FROM regions WHERE id = ${regionId} FOR UPDATE`;
    const running = Promise.allSettled([a(), b()]);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [w] = await lockSql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND state = 'active'`;
      if (w!.n >= 2) break;
      if (Date.now() > deadline) throw new Error(`both writers should be waiting on the region row lock (waiting: ${w!.n})`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await conn`COMMIT`;
    for (const r of await running) if (r.status === 'rejected') throw r.reason;
  } finally {
    conn.release();
  }
}

type Order = 'webhook, then the reconciler' | 'the reconciler, then the webhook' | 'both at once';
const ORDERS: Order[] = ['webhook, then the reconciler', 'the reconciler, then the webhook', 'both at once'];

async function race(order: Order, regionId: string, billing: () => Promise<void>, reconciler: () => Promise<void>): Promise<void> {
  if (order === 'webhook, then the reconciler') {
    await billing();
    await reconciler();
  } else if (order === 'the reconciler, then the webhook') {
    await reconciler();
    await billing();
  } else {
    await concurrently(regionId, billing, reconciler);
  }
}

const toReady = (regionId: string) => async () => {
  expect(await transitionRegion(store, regionId, 'ready', { type: 'Normal', reason: 'Ready', message: 'test' }, {}, ['provisioning'])).not.toBeNull();
};

describe('region status and runtime agree in every order of the webhook effect and the reconciler', () => {
  it.each(ORDERS)('a fresh purchase: PAYMENT.SALE.COMPLETED and READY — %s -> active / ready', async (order) => {
    const { regionId, subId } = await boughtRegion(null);
    await race(order, regionId, () => webhook(subId, 'PAYMENT.SALE.COMPLETED'), toReady(regionId));
    expect(await stateOf(regionId)).toEqual({ status: 'active', runtime_state: 'ready' });
  });

  it.each(ORDERS)('a suspended region re-activated (ACTIVATED) while it reaches READY — %s -> active / ready', async (order) => {
    const { regionId, subId } = await boughtRegion('suspended');
    await h.paypal.activateSubscription(subId, 'test: paid');
    await race(order, regionId, () => webhook(subId, 'BILLING.SUBSCRIPTION.ACTIVATED'), toReady(regionId));
    expect(await stateOf(regionId)).toEqual({ status: 'active', runtime_state: 'ready' });
  });

  it.each(ORDERS)('a cancellation (CANCELLED) while it reaches READY — %s -> suspended / ready', async (order) => {
    const { regionId, subId } = await boughtRegion(null);
    await h.paypal.cancelSubscription(subId, 'test: changed my mind');
    await race(order, regionId, () => webhook(subId, 'BILLING.SUBSCRIPTION.CANCELLED'), toReady(regionId));
    expect(await stateOf(regionId)).toEqual({ status: 'suspended', runtime_state: 'ready' });
  });

  it.each(ORDERS)('a re-activation while the world turns out corrupt — %s -> generation_corrupt / generation_corrupt', async (order) => {
    const { regionId, subId } = await boughtRegion('suspended');
    await h.paypal.activateSubscription(subId, 'test: paid');
    const corrupt = async () => {
      expect(await transitionRegion(store, regionId, 'generation_corrupt', { type: 'Warning', reason: 'GenerationCorrupt', message: 'test' })).not.toBeNull();
    };
    await race(order, regionId, () => webhook(subId, 'BILLING.SUBSCRIPTION.ACTIVATED'), corrupt);
    expect(await stateOf(regionId)).toEqual({ status: 'generation_corrupt', runtime_state: 'generation_corrupt' });
  });
});
