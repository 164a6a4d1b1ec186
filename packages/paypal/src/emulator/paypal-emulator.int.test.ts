import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match } from '@sw/testing/matchers';
import { createPayPalClient } from '../paypal-client.ts';
import { PayPalApiError } from '../paypal-api-error.ts';
import { DEV_PAYPAL_PLAN_IDS } from '../paypal-config.ts';
import { approvalLinkOf, type PayPalWebhookEvent } from '../paypal-types.ts';
import { createCertFetcher, verifyWebhookSignature } from '../verify-webhook-signature.ts';
import { startPayPalEmulator, type PayPalEmulator } from './paypal-emulator.ts';

/** A webhook listener that verifies every delivery like the platform does and answers per `respond`. */
async function startListener(emulator: () => PayPalEmulator) {
  const received: Array<{ event: PayPalWebhookEvent; verified: string; at: number }> = [];
  let respond: (n: number) => Promise<number> = async () => 200;
  let n = 0;
  const fetchCert = createCertFetcher();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void onBody(Buffer.concat(chunks)));
    // Verifies like the platform, answers per `respond`, records what it accepted (a throw here is an unhandled rejection vitest reports).
    async function onBody(raw: Buffer): Promise<void> {
      const e = emulator();
      const v = await verifyWebhookSignature({ headers: req.headers, rawBody: raw, webhookId: e.webhookId, fetchCert, allowedCertHosts: [e.url] });
      const status = await respond(++n);
      if (status === 200) received.push({ event: JSON.parse(raw.toString()) as PayPalWebhookEvent, verified: v.kind, at: Date.now() });
      res.writeHead(status).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    setRespond(f: (n: number) => Promise<number>) {
      respond = f;
      n = 0;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let emulator: PayPalEmulator;
let listener: Awaited<ReturnType<typeof startListener>>;

beforeAll(async () => {
  listener = await startListener(() => emulator);
  emulator = await startPayPalEmulator({ port: 0, webhookUrl: listener.url, retryScale: 0.00002, deliveryTimeoutMs: 500 });
});
afterAll(async () => {
  await emulator?.stop();
  await listener?.close();
});

const client = () => createPayPalClient({ baseUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
const approve = (id: string) => fetch(`${emulator.url}/approve/${id}`, { method: 'POST', headers: { accept: 'application/json' } });

describe('PayPal emulator + client', () => {
  it('issues OAuth tokens only for the right credentials and caches them until 5 min before expiry', async () => {
    const bad = createPayPalClient({ baseUrl: emulator.url, clientId: 'x', clientSecret: 'y' });
    const err = await bad.listPlans().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayPalApiError);
    expect((err as PayPalApiError).status).toBe(401);

    let tokenCalls = 0;
    let clock = 1_000_000;
    const counting = (async (input: string | URL | Request, init?: RequestInit) => {
      if (String(input).endsWith('/v1/oauth2/token')) tokenCalls++;
      return fetch(input, init);
    }) as typeof fetch;
    const c = createPayPalClient({ baseUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret, fetch: counting, now: () => clock });
    const [a, b] = await Promise.all([c.getAccessToken(), c.getAccessToken()]);
    expect(a).toBe(b);
    await c.listPlans();
    expect(tokenCalls).toBe(1);
    clock += 32_400_000 - 5 * 60_000 - 1_000; // still > 5 min left
    await c.getAccessToken();
    expect(tokenCalls).toBe(1);
    clock += 2_000; // now inside the 5-minute margin
    expect(await c.getAccessToken()).not.toBe(a);
    expect(tokenCalls).toBe(2);
  });

  it('lists the two platform plans with PayPal plan_collection shape', async () => {
    const list = await client().listPlans();
    expect(list.total_items).toBe(2);
    expect(list.plans.map((p) => p.id).sort()).toEqual(Object.values(DEV_PAYPAL_PLAN_IDS).sort());
    const ro = list.plans.find((p) => p.id === DEV_PAYPAL_PLAN_IDS.regional_owner)!;
    expect(ro.billing_cycles![0]!.pricing_scheme!.fixed_price).toEqual({ currency_code: 'USD', value: '25.00' });
    expect(ro.payment_preferences!.payment_failure_threshold).toBe(3);
    const gc = list.plans.find((p) => p.id === DEV_PAYPAL_PLAN_IDS.galactic_citizen)!;
    expect(gc.billing_cycles![0]!.pricing_scheme!.fixed_price!.value).toBe('5.00');
  });

  it('answers API errors in PayPal shape: 401 without a token, 404 unknown id, 400 bad body', async () => {
    const noAuth = await fetch(`${emulator.url}/v1/billing/subscriptions/I-NOPE`);
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toMatchObject({ name: 'AUTHENTICATION_FAILURE', debug_id: match.any(String) });
    const e404 = (await client().getSubscription('I-NOPE').catch((e: unknown) => e)) as PayPalApiError;
    expect(e404.status).toBe(404);
    expect(e404.paypalName).toBe('RESOURCE_NOT_FOUND');
    const e400 = (await client().createSubscription({} as never).catch((e: unknown) => e)) as PayPalApiError;
    expect(e400.status).toBe(400);
    expect(e400.hasIssue('MISSING_REQUIRED_PARAMETER')).toBe(true);
  });

  it('create -> APPROVAL_PENDING with an approve link -> approval page -> ACTIVE -> cancel, with signed webhooks', async () => {
    const c = client();
    const created = await c.createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.regional_owner, custom_id: 'regional_owner_p1_orion' }, { requestId: 'req-1' });
    expect(created).toMatchObject({ status: 'APPROVAL_PENDING', plan_id: DEV_PAYPAL_PLAN_IDS.regional_owner, custom_id: 'regional_owner_p1_orion' });
    expect(created.id).toMatch(/^I-[A-Z0-9]{12}$/);
    // PayPal-Request-Id makes a retry idempotent.
    expect((await c.createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.regional_owner }, { requestId: 'req-1' })).id).toBe(created.id);

    const link = approvalLinkOf(created)!;
    const page = await fetch(link);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('<button type="submit" id="approve">Approve</button>');
    expect(html).toContain(created.id);

    const cancelEarly = (await c.cancelSubscription(created.id, 'changed my mind').catch((e: unknown) => e)) as PayPalApiError;
    expect(cancelEarly.status).toBe(422);
    expect(cancelEarly.hasIssue('SUBSCRIPTION_STATUS_INVALID')).toBe(true);

    // The HTML form posts urlencoded; without a return_url it answers an HTML page.
    const form = await fetch(`${emulator.url}/approve/${created.id}`, { method: 'POST', body: new URLSearchParams({ email: 'orion@example.com' }) });
    expect(form.status).toBe(200);
    const active = await c.getSubscription(created.id);
    expect(active).toMatchObject({ status: 'ACTIVE', subscriber: { email_address: 'orion@example.com' }, billing_info: { failed_payments_count: 0, last_payment: { amount: { value: '25.00' } } } });

    const noReason = await fetch(`${emulator.url}/v1/billing/subscriptions/${created.id}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${await c.getAccessToken()}`, 'content-type': 'application/json' }, body: '{}' });
    expect(noReason.status).toBe(400);
    await c.cancelSubscription(created.id, 'done');
    expect((await c.getSubscription(created.id)).status).toBe('CANCELLED');

    await emulator.idle();
    const mine = listener.received.filter((r) => r.event.resource.id === created.id || r.event.resource.billing_agreement_id === created.id);
    expect(mine.map((r) => r.event.event_type)).toEqual(['BILLING.SUBSCRIPTION.CREATED', 'BILLING.SUBSCRIPTION.ACTIVATED', 'PAYMENT.SALE.COMPLETED', 'BILLING.SUBSCRIPTION.CANCELLED']);
    expect(mine.every((r) => r.verified === 'ok')).toBe(true);
    const activated = mine[1]!.event;
    expect(activated).toMatchObject({ id: match.stringMatching(/^WH-/), resource_type: 'subscription', resource: { id: created.id, status: 'ACTIVE' } });
  });

  it('redirects to the return_url after approval', async () => {
    const s = await client().createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.galactic_citizen, application_context: { return_url: 'http://127.0.0.1:3000/billing/return', cancel_url: 'http://127.0.0.1:3000/billing/cancel' } });
    const res = await fetch(`${emulator.url}/approve/${s.id}`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain(`subscription_id=${s.id}`);
    expect((await approve(s.id)).status).toBe(422); // already approved
    await emulator.idle();
  });

  it('redelivers after non-2xx and timeouts, re-signing each attempt', async () => {
    listener.setRespond(async (n) => {
      if (n === 1) await new Promise((r) => setTimeout(r, 700)); // longer than deliveryTimeoutMs
      return n <= 3 ? 500 : 200;
    });
    const s = await client().createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.galactic_citizen });
    await emulator.idle();
    listener.setRespond(async () => 200);
    const rec = emulator.events().find((r) => r.event.resource.id === s.id && r.event.event_type === 'BILLING.SUBSCRIPTION.CREATED')!;
    expect(rec.copies[0]!.state).toBe('delivered');
    expect(rec.copies[0]!.attempts.map((a) => a.status)).toEqual([0, 500, 500, 200]);
    const got = listener.received.filter((r) => r.event.id === rec.event.id);
    expect(got).toHaveLength(1);
    expect(got[0]!.verified).toBe('ok');
  });

  it('gives up after 25 attempts', async () => {
    listener.setRespond(async () => 503);
    const s = await client().createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.galactic_citizen });
    await emulator.idle();
    listener.setRespond(async () => 200);
    const rec = emulator.events().find((r) => r.event.resource.id === s.id)!;
    expect(rec.copies[0]!.state).toBe('failed');
    expect(rec.copies[0]!.attempts).toHaveLength(25);
  }, 60_000);

  it('reorder + delay: deliveries arrive out of emission order, all of them', async () => {
    emulator.setFaults({ reorder: true, reorderWindowMs: 300, delayMs: 20 });
    const from = listener.received.length;
    const c = client();
    const created = [];
    for (let i = 0; i < 12; i++) created.push((await c.createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.galactic_citizen })).id);
    await emulator.idle();
    emulator.setFaults({ reorder: false, delayMs: 0 });
    const got = listener.received.slice(from).map((r) => String(r.event.resource.id));
    expect([...got].sort()).toEqual([...created].sort());
    expect(got).not.toEqual(created);
  });

  it('fault switches: duplicate and drop webhooks; billing failures suspend at 3, a payment restores', async () => {
    const faults = await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ duplicateWebhooks: 3 }) });
    expect(await faults.json()).toMatchObject({ duplicateWebhooks: 3, dropWebhooks: false });
    expect((await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ duplicateWebhooks: 0 }) })).status).toBe(400);
    const s = await client().createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.regional_owner });
    await emulator.idle();
    const created = emulator.events().find((r) => r.event.resource.id === s.id)!;
    expect(listener.received.filter((r) => r.event.id === created.event.id)).toHaveLength(3);

    emulator.setFaults({ duplicateWebhooks: 1, dropWebhooks: true });
    await approve(s.id);
    emulator.setFaults({ dropWebhooks: false });
    const bill = (outcome?: string) =>
      fetch(`${emulator.url}/_emulator/subscriptions/${s.id}/bill`, { method: 'POST', body: JSON.stringify(outcome ? { outcome } : {}) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { subscription: { status: string; billing_info: { failed_payments_count: number } }; events: Array<{ event_type: string }> } }));
    expect((await bill('failure')).body.subscription.billing_info.failed_payments_count).toBe(1);
    emulator.setFaults({ failPayments: true });
    await bill();
    const third = await bill();
    expect(third.body.subscription.status).toBe('SUSPENDED');
    expect(third.body.events.map((e) => e.event_type)).toEqual(['BILLING.SUBSCRIPTION.PAYMENT.FAILED', 'BILLING.SUBSCRIPTION.SUSPENDED']);
    expect((await bill('failure')).status).toBe(422);
    emulator.setFaults({ failPayments: false });
    const restored = await bill('success');
    expect(restored.body.subscription.status).toBe('ACTIVE');
    expect(restored.body.events.map((e) => e.event_type)).toEqual(['BILLING.SUBSCRIPTION.ACTIVATED', 'PAYMENT.SALE.COMPLETED']);
    await emulator.idle();
    const dropped = emulator.events().filter((r) => r.event.resource.id === s.id && r.event.event_type === 'BILLING.SUBSCRIPTION.ACTIVATED')[0]!;
    expect(dropped.copies[0]!.state).toBe('dropped');
    const sale = emulator.events().filter((r) => r.event.event_type === 'PAYMENT.SALE.COMPLETED' && r.event.resource.billing_agreement_id === s.id).at(-1)!;
    expect(sale.copies[0]!.state).toBe('delivered');
  });
});
