/**
 * Conformance: the emulator's responses, its webhook events and the client's requests checked against
 * PayPal's own OpenAPI descriptions (vendored in packages/paypal/openapi).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match } from '@sw/testing/matchers';
import { createPayPalClient } from '../paypal-client.ts';
import { DEV_PAYPAL_PLAN_IDS } from '../paypal-config.ts';
import { checkSchema, requestSchema, responseSchema, type OpenApiDoc } from './openapi-schema-check.ts';
import { startPayPalEmulator, type PayPalEmulator } from './paypal-emulator.ts';

const dir = path.join(import.meta.dirname, '..', '..', 'openapi');
const billing = JSON.parse(readFileSync(path.join(dir, 'billing_subscriptions_v1.json'), 'utf8')) as OpenApiDoc;
const webhooks = JSON.parse(readFileSync(path.join(dir, 'notifications_webhooks_v1.json'), 'utf8')) as OpenApiDoc;

let emulator: PayPalEmulator;
const sent: Array<{ method: string; url: string; body: unknown }> = [];
const recording = (async (input: string | URL | Request, init?: RequestInit) => {
  if (typeof init?.body === 'string' && init.body.startsWith('{')) sent.push({ method: init.method ?? 'GET', url: String(input), body: JSON.parse(init.body) });
  return fetch(input, init);
}) as typeof fetch;

beforeAll(async () => {
  emulator = await startPayPalEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator?.stop();
});

const client = () => createPayPalClient({ baseUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret, fetch: recording });
async function call(method: string, p: string, body?: unknown, auth = true) {
  const token = auth ? await client().getAccessToken() : null;
  const res = await fetch(`${emulator.url}${p}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}
const conforms = (doc: OpenApiDoc, p: string, method: string, status: number, body: unknown) => expect(checkSchema(doc, responseSchema(doc, p, method, status), body)).toEqual([]);

describe('emulator conforms to billing_subscriptions_v1.json', () => {
  it('the schema checker does catch violations', () => {
    const errors = checkSchema(billing, responseSchema(billing, '/v1/billing/subscriptions/{id}', 'get', 200), { id: 'x', status: 'WEIRD', links: [{ rel: 'self' }] });
    expect(errors).toEqual(expect.arrayContaining(['$.status: "WEIRD" not in enum', '$.id: shorter than 3', '$.links[0]: missing required href']));
  });

  it('create (201), get (200) in every status, plans (200), cancel (204)', async () => {
    const c = client();
    const created = await c.createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.regional_owner, custom_id: 'regional_owner:x', application_context: { return_url: 'https://example.com/return', cancel_url: 'https://example.com/cancel', user_action: 'SUBSCRIBE_NOW', shipping_preference: 'NO_SHIPPING', brand_name: 'SectorWars 2102' } });
    conforms(billing, '/v1/billing/subscriptions', 'post', 201, created);
    const id = created.id;
    conforms(billing, '/v1/billing/subscriptions/{id}', 'get', 200, (await call('GET', `/v1/billing/subscriptions/${id}`)).body);
    await fetch(`${emulator.url}/approve/${id}`, { method: 'POST', redirect: 'manual' });
    conforms(billing, '/v1/billing/subscriptions/{id}', 'get', 200, (await call('GET', `/v1/billing/subscriptions/${id}`)).body);
    expect((await call('POST', `/v1/billing/subscriptions/${id}/suspend`, { reason: 'pause' })).status).toBe(204);
    conforms(billing, '/v1/billing/subscriptions/{id}', 'get', 200, (await call('GET', `/v1/billing/subscriptions/${id}`)).body);
    expect((await call('POST', `/v1/billing/subscriptions/${id}/activate`, { reason: 'back' })).status).toBe(204);
    await c.cancelSubscription(id, 'done');
    conforms(billing, '/v1/billing/subscriptions/{id}', 'get', 200, (await call('GET', `/v1/billing/subscriptions/${id}`)).body);
    conforms(billing, '/v1/billing/plans', 'get', 200, await c.listPlans());
    conforms(billing, '/v1/billing/plans/{id}', 'get', 200, (await call('GET', `/v1/billing/plans/${DEV_PAYPAL_PLAN_IDS.galactic_citizen}`)).body);
  });

  it.each<[string, number, string, string, unknown, boolean]>([
    ['create without plan_id', 400, 'POST', '/v1/billing/subscriptions', {}, true],
    ['create with an empty body', 400, 'POST', '/v1/billing/subscriptions', '', true],
    ['create with a malformed body', 400, 'POST', '/v1/billing/subscriptions', '{"plan_id":', true],
    ['create with an unknown plan', 400, 'POST', '/v1/billing/subscriptions', { plan_id: 'P-UNKNOWN' }, true],
    ['create with a quantity the plan does not support', 422, 'POST', '/v1/billing/subscriptions', { plan_id: DEV_PAYPAL_PLAN_IDS.regional_owner, quantity: '3' }, true],
    ['get without a token', 401, 'GET', '/v1/billing/subscriptions/I-ANY', undefined, false],
    ['get an unknown subscription', 404, 'GET', '/v1/billing/subscriptions/I-UNKNOWN', undefined, true],
    ['get an unknown plan', 404, 'GET', '/v1/billing/plans/P-UNKNOWN', undefined, true],
    ['list plans with page_size 50', 400, 'GET', '/v1/billing/plans?page_size=50', undefined, true],
    ['cancel with a 200-char reason', 400, 'POST', '/v1/billing/subscriptions/{pending}/cancel', { reason: 'x'.repeat(200) }, true],
    ['cancel a pending subscription', 422, 'POST', '/v1/billing/subscriptions/{pending}/cancel', { reason: 'x' }, true],
    ['suspend a pending subscription', 422, 'POST', '/v1/billing/subscriptions/{pending}/suspend', { reason: 'x' }, true],
    ['activate a pending subscription', 422, 'POST', '/v1/billing/subscriptions/{pending}/activate', { reason: 'x' }, true],
  ])('%s -> %i with the documented error body', async (_n, status, method, p, body, auth) => {
    let real = p;
    let documented = p.split('?')[0]!;
    if (p.includes('{pending}')) {
      const s = await client().createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.galactic_citizen });
      real = p.replace('{pending}', s.id);
      documented = p.replace('{pending}', '{id}');
    } else if (/I-(ANY|UNKNOWN)$/.test(p)) documented = '/v1/billing/subscriptions/{id}';
    else if (p.endsWith('P-UNKNOWN')) documented = '/v1/billing/plans/{id}';
    const res = await call(method, real, body, auth);
    expect(res.status).toBe(status);
    conforms(billing, documented, method, status, res.body);
    expect(res.body).toMatchObject({ name: match.any(String), message: match.any(String), debug_id: match.any(String), details: match.any(Array) });
  });

  it('cancel without the required reason -> 400 in the error_400 envelope', async () => {
    const s = await client().createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.galactic_citizen });
    const res = await call('POST', `/v1/billing/subscriptions/${s.id}/cancel`, {});
    expect(res.status).toBe(400);
    // The description documents no detail for a missing reason (only INVALID_STRING_MAX_LENGTH); the envelope must hold.
    expect(checkSchema(billing, { $ref: '#/components/schemas/error_400' }, res.body)).toEqual([]);
    expect(res.body).toMatchObject({ details: [{ field: '/reason', issue: 'MISSING_REQUIRED_PARAMETER' }] });
  });

  it('the client’s requests match the documented request bodies', async () => {
    const c = client();
    const s = await c.createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.regional_owner, custom_id: 'regional_owner:abc', application_context: { return_url: 'https://example.com/r', cancel_url: 'https://example.com/c' } });
    await fetch(`${emulator.url}/approve/${s.id}`, { method: 'POST', redirect: 'manual' });
    await c.suspendSubscription(s.id, 'pause');
    await c.activateSubscription(s.id, 'resume');
    await c.cancelSubscription(s.id, 'bye');
    const byPath: Array<[RegExp, string]> = [
      [/\/v1\/billing\/subscriptions$/, '/v1/billing/subscriptions'],
      [/\/cancel$/, '/v1/billing/subscriptions/{id}/cancel'],
      [/\/suspend$/, '/v1/billing/subscriptions/{id}/suspend'],
      [/\/activate$/, '/v1/billing/subscriptions/{id}/activate'],
    ];
    const checked = new Set<string>();
    for (const r of sent) {
      const doc = byPath.find(([re]) => re.test(r.url));
      if (!doc) continue;
      checked.add(doc[1]);
      expect(checkSchema(billing, requestSchema(billing, doc[1], r.method), r.body), `${r.method} ${r.url}`).toEqual([]);
    }
    expect(checked.size).toBe(4);
  });
});

describe('webhook events conform to notifications_webhooks_v1.json', () => {
  it('every emitted event is an `event`; subscription resources are `subscription`s; verify-webhook-signature round-trips', async () => {
    const c = client();
    const s = await c.createSubscription({ plan_id: DEV_PAYPAL_PLAN_IDS.regional_owner });
    await fetch(`${emulator.url}/approve/${s.id}`, { method: 'POST', redirect: 'manual' });
    await fetch(`${emulator.url}/_emulator/subscriptions/${s.id}/bill`, { method: 'POST', body: JSON.stringify({ outcome: 'failure' }) });
    await c.cancelSubscription(s.id, 'bye');
    const events = emulator.events().filter((r) => r.event.resource.id === s.id || r.event.resource.billing_agreement_id === s.id);
    expect(events.map((e) => e.event.event_type)).toEqual(['BILLING.SUBSCRIPTION.CREATED', 'BILLING.SUBSCRIPTION.ACTIVATED', 'PAYMENT.SALE.COMPLETED', 'BILLING.SUBSCRIPTION.PAYMENT.FAILED', 'BILLING.SUBSCRIPTION.CANCELLED']);
    const eventSchema = { $ref: '#/components/schemas/event' };
    const subscriptionSchema = { $ref: '#/components/schemas/subscription' };
    for (const r of events) {
      expect(checkSchema(webhooks, eventSchema, r.event), r.event.event_type).toEqual([]);
      if (r.event.resource_type === 'subscription') expect(checkSchema(billing, subscriptionSchema, r.event.resource), r.event.event_type).toEqual([]);
    }

    const one = events[1]!;
    const h = emulator.sign(one.rawBody);
    const verifyBody = {
      auth_algo: h['PAYPAL-AUTH-ALGO'], cert_url: h['PAYPAL-CERT-URL'], transmission_id: h['PAYPAL-TRANSMISSION-ID'],
      transmission_sig: h['PAYPAL-TRANSMISSION-SIG'], transmission_time: h['PAYPAL-TRANSMISSION-TIME'], webhook_id: emulator.webhookId, webhook_event: one.event,
    };
    expect(checkSchema(webhooks, requestSchema(webhooks, '/v1/notifications/verify-webhook-signature', 'post'), verifyBody)).toEqual([]);
    const ok = await call('POST', '/v1/notifications/verify-webhook-signature', verifyBody);
    conforms(webhooks, '/v1/notifications/verify-webhook-signature', 'post', 200, ok.body);
    expect(ok.body).toEqual({ verification_status: 'SUCCESS' });
    const bad = await call('POST', '/v1/notifications/verify-webhook-signature', { ...verifyBody, webhook_id: 'OTHERHOOK' });
    expect(bad.body).toEqual({ verification_status: 'FAILURE' });
  });
});
