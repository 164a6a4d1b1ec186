/**
 * The webhook inbox's claim loop (docs/decisions/webhook-inbox.md) on a real hub database and the PayPal emulator:
 * a failing PayPal re-read is retried with backoff and then applied once; an event that keeps failing is given up
 * (failed_at) and revived by PayPal's next redelivery; two replicas working one inbox apply every event once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEV_PAYPAL_PLAN_IDS, type PayPalClient, type PayPalWebhookEvent } from '@sw/paypal';
import { billingCommands, unwrapBilling } from './billing-commands.ts';
import { approveInEmulator, startBillingHarness, type BillingHarness } from './billing-test-harness.ts';
import { createWebhookInbox, type WebhookInbox } from './webhook-inbox.ts';
import type { ProcessOutcome } from './process-webhook-event.ts';

let h: BillingHarness;
const inboxes: WebhookInbox[] = [];
beforeAll(async () => {
  h = await startBillingHarness({ deliver: false });
});
afterEach(async () => {
  for (const i of inboxes.splice(0)) await i.stop(); // each test's replicas only
});
afterAll(async () => {
  await h?.close();
});

async function activatedEvent(name: string): Promise<PayPalWebhookEvent> {
  const p = await h.player(name);
  const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'galactic_citizen' }));
  await approveInEmulator(h.emulator, c.subscription.paypalSubscriptionId);
  return h.emulator.events().find((r) => r.event.event_type === 'BILLING.SUBSCRIPTION.ACTIVATED' && r.event.resource.id === c.subscription.paypalSubscriptionId)!.event;
}

function flakyPayPal(failures: number): PayPalClient & { calls: number } {
  const client = {
    ...h.paypal,
    calls: 0,
    async getSubscription(id: string) {
      client.calls++;
      if (client.calls <= failures) throw new Error(`PayPal unreachable (call ${client.calls})`);
      return h.paypal.getSubscription(id);
    },
  };
  return client;
}

function inbox(paypal: PayPalClient, outcomes: ProcessOutcome[], retry = { baseMs: 100, maxAttempts: 5 }) {
  const i = createWebhookInbox({ sql: h.t.sql, paypal, planIds: DEV_PAYPAL_PLAN_IDS, onProcessed: (o) => outcomes.push(o) }, { pollMs: 50, retry });
  inboxes.push(i);
  return i;
}

const row = async (eventId: string) =>
  (await h.t.sql<{ attempts: number; deliveries: number; outcome: string | null; last_error: string | null; done: boolean; failed: boolean; gap_ms: number | null }[]>`
    SELECT attempts, deliveries, outcome, last_error, processed_at IS NOT NULL AS done, failed_at IS NOT NULL AS failed,
      (extract(epoch from next_attempt_at - received_at) * 1000)::float8 AS gap_ms
    FROM paypal_webhook_inbox WHERE event_id = ${eventId}`)[0];

describe('webhook inbox claim loop', () => {
  it('retries a failing re-read with backoff and applies the event once', async () => {
    const event = await activatedEvent('inbox_retry');
    const outcomes: ProcessOutcome[] = [];
    const paypal = flakyPayPal(2);
    const i = inbox(paypal, outcomes);
    const t0 = Date.now();
    expect(await i.store(event)).toBe('stored');
    await i.drain();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(300); // waited 100 ms, then 200 ms
    expect(paypal.calls).toBe(3);
    expect(outcomes.map((o) => o.kind)).toEqual(['applied']);
    expect(await row(event.id)).toMatchObject({ attempts: 3, outcome: 'applied', last_error: null, done: true, failed: false });
    expect((await h.t.sql`SELECT count(*)::int AS n FROM processed_webhook_events WHERE event_id = ${event.id}`)[0]!.n).toBe(1);
  });

  it('gives up after the last attempt, and a redelivery revives the event', async () => {
    const event = await activatedEvent('inbox_give_up');
    const outcomes: ProcessOutcome[] = [];
    const broken = inbox(flakyPayPal(1_000), outcomes, { baseMs: 20, maxAttempts: 3 });
    await broken.store(event);
    await broken.drain(); // a given-up row is not pending
    expect(await row(event.id)).toMatchObject({ attempts: 3, done: false, failed: true, last_error: 'PayPal unreachable (call 3)' });
    expect((await broken.stats()).failed).toBeGreaterThanOrEqual(1);
    expect(outcomes).toEqual([]);
    await broken.stop();

    const healthy = inbox(h.paypal, outcomes);
    expect(await healthy.store(event)).toBe('redelivery');
    await healthy.drain();
    expect(await row(event.id)).toMatchObject({ attempts: 1, deliveries: 2, done: true, failed: false, outcome: 'applied' });
    expect(outcomes.map((o) => o.kind)).toEqual(['applied']);
  });

  it('two replicas on one inbox apply each of 12 events once', async () => {
    const events = [];
    for (let k = 0; k < 12; k++) events.push(await activatedEvent(`inbox_replica_${k}`));
    const outcomes: ProcessOutcome[] = [];
    const a = inbox(h.paypal, outcomes);
    const b = inbox(h.paypal, outcomes);
    await Promise.all(events.map((e, k) => (k % 2 ? a : b).store(e)));
    await Promise.all([a.drain(), b.drain()]);
    expect(outcomes.map((o) => o.eventId).sort()).toEqual(events.map((e) => e.id).sort());
    expect(outcomes.every((o) => o.kind === 'applied')).toBe(true);
    const rows = await h.t.sql<{ attempts: number }[]>`SELECT attempts FROM paypal_webhook_inbox WHERE event_id IN ${h.t.sql(events.map((e) => e.id))}`;
    expect(rows.map((r) => r.attempts)).toEqual(events.map(() => 1));
  });
});
