import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match } from '@sw/testing/matchers';
import { createPayPalClient } from '@sw/paypal';
import { billingCommands, unwrapBilling } from './billing-commands.ts';
import { startBillingScheduler } from './billing-sweep.ts';
import { reconcileBillingSubscriptions, type ReconcileBillingResult } from './reconcile-billing-subscriptions.ts';
import { approveInEmulator, startBillingHarness, type BillingHarness } from './billing-test-harness.ts';

let h: BillingHarness;
beforeAll(async () => {
  h = await startBillingHarness();
});
afterAll(async () => {
  await h?.close();
});

/** recheckAfterMs 0: every non-final row is due (the rows here were written seconds ago). */
const pass = (paypal = h.paypal, now = new Date()) => reconcileBillingSubscriptions({ sql: h.t.sql, paypal, planIds: h.deps.config.planIds }, now, { limit: 100, recheckAfterMs: 0 });

/** Everything billing writes about one subscription, timestamps as epoch ms. */
async function stateOf(paypalId: string) {
  const [billing] = await h.t.sql<Array<{ updated_at: number } & Record<string, unknown>>>`
    SELECT status, region_id, payment_failure_count, (extract(epoch from status_updated_at) * 1000)::float8 AS status_updated_at, (extract(epoch from updated_at) * 1000)::float8 AS updated_at
    FROM billing_subscriptions WHERE paypal_subscription_id = ${paypalId}`;
  const regions = await h.t.sql<Array<{ id: string } & Record<string, unknown>>>`
    SELECT id, status, runtime_state, desired_state, subscription_status, payment_failure_count, (extract(epoch from suspended_at) * 1000)::float8 AS suspended_at, (extract(epoch from updated_at) * 1000)::float8 AS updated_at
    FROM regions WHERE paypal_subscription_id = ${paypalId}`;
  const events = await h.t.sql<{ reason: string }[]>`SELECT e.reason FROM region_events e JOIN regions r ON r.id::text = e.region_id_snapshot::text WHERE r.paypal_subscription_id = ${paypalId} ORDER BY e.reason`;
  return { billing, regions, events: events.map((e) => e.reason) };
}

/** A regional_owner subscription approved at PayPal; `dropped` = its webhooks never reach the hub. */
async function buy(name: string, opts: { dropped: boolean }): Promise<string> {
  const p = await h.player(`${name.replace(/-/g, '_')}_p`);
  const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'regional_owner', regionName: name }));
  const id = c.subscription.paypalSubscriptionId;
  await h.settle(); // CREATED is processed first (it re-reads PayPal, so it must not see the approval)
  h.emulator.setFaults({ dropWebhooks: opts.dropped });
  try {
    await approveInEmulator(h.emulator, id);
    await h.settle();
  } finally {
    h.emulator.setFaults({ dropWebhooks: false });
  }
  return id;
}

const appliedTo = (r: ReconcileBillingResult, id: string) => r.applied.filter((a) => a.subscriptionId === id);

describe('reconcileBillingSubscriptions: billing follows PayPal even when webhooks are lost', () => {
  it('a subscription whose ACTIVATED webhook was dropped gets its region requested after one pass', async () => {
    const id = await buy('lost-activation', { dropped: true });
    const before = await stateOf(id);
    expect(before.billing).toMatchObject({ status: 'APPROVAL_PENDING', region_id: null });
    expect(before.regions).toHaveLength(0);
    expect(h.emulator.events().filter((r) => r.event.resource.id === id && r.event.event_type === 'BILLING.SUBSCRIPTION.ACTIVATED')[0]!.copies[0]!.state).toBe('dropped');

    const r = await pass();
    expect(appliedTo(r, id)).toHaveLength(1);
    const after = await stateOf(id);
    expect(after.billing).toMatchObject({ status: 'ACTIVE', region_id: after.regions[0]!.id });
    expect(after.regions).toEqual([expect.objectContaining({ runtime_state: 'requested', desired_state: 'running', status: 'pending', subscription_status: 'ACTIVE' })]);
    expect(after.events).toEqual(['ProvisionRequested']);

    // A second pass finds it up to date and adds nothing.
    const again = await pass();
    expect(appliedTo(again, id)).toHaveLength(0);
    expect((await stateOf(id)).regions).toHaveLength(1);
  });

  it('a subscription cancelled at PayPal with the webhook dropped ends up suspended', async () => {
    const id = await buy('lost-cancel', { dropped: false });
    expect((await stateOf(id)).regions).toEqual([expect.objectContaining({ status: 'pending', runtime_state: 'requested' })]);
    h.emulator.setFaults({ dropWebhooks: true });
    try {
      await h.paypal.cancelSubscription(id, 'buyer cancelled');
      await h.settle();
    } finally {
      h.emulator.setFaults({ dropWebhooks: false });
    }
    expect((await stateOf(id)).billing).toMatchObject({ status: 'ACTIVE' }); // the hub never heard of it

    const r = await pass();
    expect(appliedTo(r, id)).toHaveLength(1);
    const after = await stateOf(id);
    expect(after.billing).toMatchObject({ status: 'CANCELLED' });
    expect(after.regions).toEqual([match.objectContaining({ status: 'suspended', subscription_status: 'CANCELLED', suspended_at: match.any(Number) })]);
    expect(after.events).toEqual(['ProvisionRequested', 'SubscriptionSuspended']);

    // CANCELLED is final: the row is not re-read again.
    const again = await pass();
    expect(appliedTo(again, id)).toHaveLength(0);
    expect(await stateOf(id)).toEqual(after);
  });

  it('an up-to-date row changes nothing (only its re-read mark moves)', async () => {
    const id = await buy('in-sync', { dropped: false });
    const before = await stateOf(id);
    expect(before.billing).toMatchObject({ status: 'ACTIVE' });
    const r = await pass();
    expect(appliedTo(r, id)).toHaveLength(0);
    expect(r.upToDate).toBeGreaterThanOrEqual(1);
    const after = await stateOf(id);
    expect({ ...after, billing: { ...after.billing, updated_at: 0 } }).toEqual({ ...before, billing: { ...before.billing, updated_at: 0 } });
    expect(after.billing!.updated_at).toBeGreaterThanOrEqual(before.billing!.updated_at);
    // Re-read mark: with the default 15-minute window the row is not due again.
    const soon = await reconcileBillingSubscriptions({ sql: h.t.sql, paypal: h.paypal, planIds: h.deps.config.planIds }, new Date(), { limit: 100 });
    expect(soon.checked).toBe(0);
  });

  it('PayPal unreachable: nothing changes and the pass does not throw', async () => {
    const id = await buy('paypal-down', { dropped: true });
    const before = await stateOf(id);
    const [{ n: beforeRows }] = (await h.t.sql`SELECT count(*)::int AS n FROM regions`) as unknown as [{ n: number }];
    const down = createPayPalClient({ baseUrl: 'http://127.0.0.1:9', clientId: h.emulator.clientId, clientSecret: h.emulator.clientSecret, timeoutMs: 2_000 });
    const r = await pass(down);
    expect(r.applied).toEqual([]);
    expect(r.unreachable).toBeGreaterThanOrEqual(1);
    expect(r.upToDate).toBe(0);
    expect(await stateOf(id)).toEqual(before); // updated_at included: it is re-read next pass
    const [{ n: afterRows }] = (await h.t.sql`SELECT count(*)::int AS n FROM regions`) as unknown as [{ n: number }];
    expect(afterRows).toBe(beforeRows);
    // PayPal back: the next pass catches up.
    const back = await pass();
    expect(appliedTo(back, id)).toHaveLength(1);
    expect((await stateOf(id)).regions).toEqual([expect.objectContaining({ runtime_state: 'requested' })]);
  });

  it('two concurrent passes apply a change once', async () => {
    const ids = [await buy('race-a', { dropped: true }), await buy('race-b', { dropped: true }), await buy('race-c', { dropped: true })];
    const [a, b] = await Promise.all([pass(), pass()]);
    for (const id of ids) {
      expect(appliedTo(a, id).length + appliedTo(b, id).length).toBe(1);
      const s = await stateOf(id);
      expect(s.regions).toEqual([expect.objectContaining({ runtime_state: 'requested' })]);
      expect(s.events).toEqual(['ProvisionRequested']);
    }
  });

  it('the billing scheduler runs the pass on its own interval', async () => {
    const id = await buy('scheduled-fix', { dropped: true });
    const scheduler = startBillingScheduler({ sql: h.t.sql }, { intervalMs: 3_600_000, reconcile: { paypal: h.paypal, planIds: h.deps.config.planIds, intervalMs: 50, recheckAfterMs: 0, limit: 100 } });
    try {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && (await stateOf(id)).regions.length === 0) await new Promise((r) => setTimeout(r, 50));
    } finally {
      scheduler.stop();
    }
    expect((await stateOf(id)).regions).toEqual([expect.objectContaining({ runtime_state: 'requested' })]);
  });
});
