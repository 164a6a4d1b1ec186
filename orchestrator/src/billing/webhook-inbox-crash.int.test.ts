/**
 * The durable webhook inbox across a crash (docs/decisions/webhook-inbox.md), with the orchestrator as a CHILD
 * PROCESS: a verified delivery is answered 2xx only once it is stored, so SIGKILLing the orchestrator between the
 * answer and the processing (WEBHOOK_INBOX_PAUSED holds the claim loop) loses nothing — the restarted orchestrator
 * processes the event exactly once. Redeliveries (before and after the crash) are stored once and never processed
 * again. The backlog and its age are on /metrics while the event waits.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PayPalWebhookEvent } from '@sw/paypal';
import { billingCommands, unwrapBilling } from './billing-commands.ts';
import { PAYPAL_WEBHOOK_PATH } from './paypal-webhook-router.ts';
import { approveInEmulator, startBillingHarness, type BillingHarness } from './billing-test-harness.ts';
import { cleanupInstance, freePort, spawnOrchestrator, waitFor, type ChildOrchestrator } from '../testing/fixtures.ts';

const instance = `inbox-${randomUUID().slice(0, 8)}`;
let h: BillingHarness;
let port: number;
const children: ChildOrchestrator[] = [];

beforeAll(async () => {
  h = await startBillingHarness({ deliver: false }); // hub database + PayPal emulator; the test delivers the events
  port = await freePort();
}, 60_000);

afterAll(async () => {
  for (const c of children) await c.kill();
  if (h) await cleanupInstance(h.t.url, instance);
  await h?.close();
});

async function start(extra: Record<string, string> = {}) {
  const c = await spawnOrchestrator(
    {
      DATABASE_URL: h.t.url,
      ORCHESTRATOR_INSTANCE: instance,
      RUNTIME_DRIVER: 'process',
      BACKUP_DIR: `/tmp/${instance}`,
      PAYPAL_API_BASE: h.emulator.url,
      PAYPAL_CLIENT_ID: h.emulator.clientId,
      PAYPAL_CLIENT_SECRET: h.emulator.clientSecret,
      PAYPAL_WEBHOOK_ID: h.emulator.webhookId,
      WEBHOOK_INBOX_POLL_MS: '200',
      ...extra,
    },
    port,
  );
  children.push(c);
  return c;
}

const deliver = (c: ChildOrchestrator, raw: string) =>
  fetch(`${c.url}${PAYPAL_WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...h.emulator.sign(raw) }, body: raw });

interface InboxRow { deliveries: number; attempts: number; processed_at: string | null; outcome: string | null; failed_at: string | null }
const inboxRow = async (eventId: string) =>
  (await h.t.sql<InboxRow[]>`SELECT deliveries, attempts, processed_at::text, outcome, failed_at::text FROM paypal_webhook_inbox WHERE event_id = ${eventId}`)[0];
const processedCount = async (eventId: string) => (await h.t.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM processed_webhook_events WHERE event_id = ${eventId}`)[0]!.n;
const isCitizen = async (playerId: string) => (await h.t.sql<{ c: boolean }[]>`SELECT is_galactic_citizen AS c FROM players WHERE id = ${playerId}`)[0]!.c;

describe('webhook inbox: SIGKILL between the 2xx and the processing', () => {
  it('the restarted orchestrator processes the stored event exactly once; redeliveries are stored once and not reprocessed', async () => {
    const p = await h.player('inbox_citizen');
    const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'galactic_citizen' }));
    await approveInEmulator(h.emulator, c.subscription.paypalSubscriptionId);
    const rec = h.emulator.events().find((r) => r.event.event_type === 'BILLING.SUBSCRIPTION.ACTIVATED' && r.event.resource.id === c.subscription.paypalSubscriptionId)!;
    const event: PayPalWebhookEvent = rec.event;

    // 1. An orchestrator that stores but does not process: the answer is 200 and the row is there, unprocessed.
    const paused = await start({ WEBHOOK_INBOX_PAUSED: 'true' });
    const first = await deliver(paused, rec.rawBody);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: 'webhook_received' });
    expect((await deliver(paused, rec.rawBody)).status).toBe(200); // PayPal redelivers (re-signed) before we process
    expect(await inboxRow(event.id)).toMatchObject({ deliveries: 2, attempts: 0, processed_at: null, failed_at: null });
    expect(await processedCount(event.id)).toBe(0);
    expect(await isCitizen(p.playerId)).toBe(false);
    await new Promise((r) => setTimeout(r, 1_100));
    const metrics = await (await fetch(`${paused.url}/metrics`)).text();
    expect(metrics).toMatch(/^sw_paypal_webhook_inbox_pending(\{[^}]*\})? 1$/m);
    expect(Number(/^sw_paypal_webhook_inbox_lag_seconds(?:\{[^}]*\})? (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);

    // 2. SIGKILL: no graceful anything. The in-memory queue of old lost the event here.
    await paused.kill();
    expect(await paused.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // 3. A normal orchestrator works the inbox: the event is applied once.
    const normal = await start();
    const done = await waitFor('inbox row processed', async () => {
      const r = await inboxRow(event.id);
      return r?.processed_at ? r : null;
    }, 30_000, 100);
    expect(done).toMatchObject({ deliveries: 2, attempts: 1, outcome: 'applied', failed_at: null });
    expect(await processedCount(event.id)).toBe(1);
    expect(await isCitizen(p.playerId)).toBe(true);

    // 4. A redelivery after processing: stored once (deliveries 3), never claimed again.
    expect((await deliver(normal, rec.rawBody)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_000)); // several poll periods of the claim loop
    const after = await inboxRow(event.id);
    expect(after).toMatchObject({ deliveries: 3, attempts: 1, outcome: 'applied' });
    expect(after!.processed_at).toBe(done.processed_at);
    expect(await processedCount(event.id)).toBe(1);
    expect((await h.t.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM paypal_webhook_inbox WHERE event_id = ${event.id}`)[0]!.n).toBe(1);
    const later = await (await fetch(`${normal.url}/metrics`)).text();
    expect(later).toMatch(/^sw_paypal_webhook_inbox_pending(\{[^}]*\})? 0$/m);
    expect(later).toMatch(/^sw_paypal_webhook_processing_lag_seconds_count(\{[^}]*\})? 1$/m);
  }, 120_000);
});
