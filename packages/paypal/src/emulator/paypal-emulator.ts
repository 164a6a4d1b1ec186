import { X509Certificate, createVerify, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatMoneyValue } from '@sw/domain';
import { DEV_PAYPAL_CLIENT_ID, DEV_PAYPAL_CLIENT_SECRET, DEV_PAYPAL_WEBHOOK_ID } from '../paypal-config.ts';
import type { PayPalErrorBody, PayPalSubscriptionStatus, PayPalWebhookEvent } from '../paypal-types.ts';
import { webhookSignatureMessage } from '../webhook-signing.ts';
import { createSelfSignedCert } from './self-signed-cert.ts';
import { randomId, seedPlans, subscriptionJson, planLinks, type EmulatedSubscription } from './emulator-store.ts';
import { MAX_DELIVERY_ATTEMPTS, NO_FAULTS, WebhookDispatcher, type EmulatorFaults, type EventRecord } from './webhook-dispatcher.ts';

/**
 * Local PayPal emulator (issue 7): the Subscriptions API subset the platform calls, conforming to
 * PayPal's OpenAPI descriptions (status codes, bodies, `{name, message, debug_id, details[]}` errors),
 * an approval page, webhook delivery signed with a self-signed certificate generated at start, PayPal's
 * redelivery behaviour and fault switches. Dev/CI only — never point production at it.
 */
export interface PayPalEmulatorOptions {
  /** 0 = random port. */
  port?: number;
  host?: string;
  /** Where events are POSTed; unset = recorded only. Can be changed later with setWebhookUrl. */
  webhookUrl?: string;
  /** The webhook id the platform verifies against (PAYPAL_WEBHOOK_ID). */
  webhookId?: string;
  clientId?: string;
  clientSecret?: string;
  /** OAuth token lifetime (PayPal: 32400 s). */
  tokenTtlSeconds?: number;
  /** Multiplies the redelivery schedule (1 = PayPal's ~3 days; tests use e.g. 0.0001). */
  retryScale?: number;
  maxDeliveryAttempts?: number;
  /** Per-attempt delivery timeout; a slower listener counts as failed (default 10 s). */
  deliveryTimeoutMs?: number;
  /** Public base URL used in links / cert URLs (default http://<host>:<port>). */
  publicUrl?: string;
}

export interface PayPalEmulator {
  url: string;
  port: number;
  webhookId: string;
  certUrl: string;
  certPem: string;
  clientId: string;
  clientSecret: string;
  /** Every emitted event with its delivery attempts. */
  events(): readonly EventRecord[];
  /** Signed PayPal headers for a raw body (optionally with another transmission time / webhook id). */
  sign(rawBody: string | Buffer, overrides?: { transmissionTime?: string; webhookId?: string; transmissionId?: string }): Record<string, string>;
  setFaults(f: Partial<EmulatorFaults>): EmulatorFaults;
  setWebhookUrl(url: string | undefined): void;
  /** Resolves when no delivery is pending. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[], body: Buffer) => void | Promise<void>;

const ERROR_TEXT: Record<number, [string, string]> = {
  400: ['INVALID_REQUEST', 'Request is not well-formed, syntactically incorrect, or violates schema.'],
  401: ['AUTHENTICATION_FAILURE', 'Authentication failed due to missing authorization header, or invalid authentication credentials.'],
  403: ['NOT_AUTHORIZED', 'Authorization failed due to insufficient permissions.'],
  404: ['RESOURCE_NOT_FOUND', 'The specified resource does not exist.'],
  422: ['UNPROCESSABLE_ENTITY', 'The requested action could not be performed, semantically incorrect, or failed business validation.'],
  500: ['INTERNAL_SERVER_ERROR', 'An internal server error occurred.'],
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'paypal-debug-id': randomBytes(7).toString('hex'), ...headers });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, details: PayPalErrorBody['details'] = []): void {
  const [name, message] = ERROR_TEXT[status] ?? ERROR_TEXT[500]!;
  const debugId = randomBytes(7).toString('hex');
  sendJson(res, status, { name, message, debug_id: debugId, details, links: [{ href: `https://developer.paypal.com/docs/api/v1/billing/subscriptions#error-${name}`, rel: 'information_link', method: 'GET' }] });
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Strictly increasing ms timestamps so update times order every change, even within one second. */
function clock(): () => string {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last).toISOString();
  };
}

function addMonth(iso: string): string {
  const d = new Date(iso);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString();
}

export async function startPayPalEmulator(opts: PayPalEmulatorOptions = {}): Promise<PayPalEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const webhookId = opts.webhookId ?? DEV_PAYPAL_WEBHOOK_ID;
  const clientId = opts.clientId ?? DEV_PAYPAL_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? DEV_PAYPAL_CLIENT_SECRET;
  const tokenTtl = opts.tokenTtlSeconds ?? 32_400;
  const now = clock();
  const cert = createSelfSignedCert();
  const certId = `CERT-360caa42-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
  const plans = seedPlans(new Date().toISOString());
  const subs = new Map<string, EmulatedSubscription>();
  const requestIds = new Map<string, string>();
  const tokens = new Map<string, number>();
  let faults: EmulatorFaults = { ...NO_FAULTS };
  let webhookUrl = opts.webhookUrl;
  let base = '';

  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = (opts.publicUrl ?? `http://${host}:${port}`).replace(/\/+$/, '');
  const certUrl = `${base}/v1/notifications/certs/${certId}`;

  const dispatcher = new WebhookDispatcher({
    webhookUrl: () => webhookUrl,
    webhookId,
    certUrl,
    privateKey: cert.privateKey,
    faults: () => faults,
    retryScale: opts.retryScale ?? 1,
    maxAttempts: opts.maxDeliveryAttempts ?? MAX_DELIVERY_ATTEMPTS,
    attemptTimeoutMs: opts.deliveryTimeoutMs ?? 10_000,
  });

  const priceOf = (s: EmulatedSubscription) => plans.get(s.planId)?.priceCents ?? 0;
  const money = (cents: number) => ({ currency_code: 'USD', value: formatMoneyValue(cents) });

  function emit(eventType: string, summary: string, resourceType: 'subscription' | 'sale', resource: Record<string, unknown>): void {
    const id = `WH-${randomId('', 17)}-${randomId('', 17)}`;
    const event: PayPalWebhookEvent = {
      id,
      event_version: '1.0',
      create_time: now(),
      resource_type: resourceType,
      resource_version: '2.0',
      event_type: eventType,
      summary,
      resource,
      links: [
        { href: `${base}/v1/notifications/webhooks-events/${id}`, rel: 'self', method: 'GET' },
        { href: `${base}/v1/notifications/webhooks-events/${id}/resend`, rel: 'resend', method: 'POST' },
      ],
    };
    dispatcher.emit(event);
  }

  const subEvent = (type: string, summary: string, s: EmulatedSubscription) =>
    emit(`BILLING.SUBSCRIPTION.${type}`, summary, 'subscription', subscriptionJson(s, base) as unknown as Record<string, unknown>);

  function setStatus(s: EmulatedSubscription, status: PayPalSubscriptionStatus, note?: string): void {
    const t = now();
    s.status = status;
    s.statusUpdateTime = t;
    s.updateTime = t;
    if (note) s.statusChangeNote = note;
  }

  function pay(s: EmulatedSubscription): void {
    const t = now();
    const cents = priceOf(s) + s.outstandingCents;
    s.lastPayment = { amount: money(cents), time: t };
    s.cyclesCompleted++;
    s.failedPaymentsCount = 0;
    s.outstandingCents = 0;
    s.nextBillingTime = addMonth(s.nextBillingTime ?? t);
    s.updateTime = t;
    emit('PAYMENT.SALE.COMPLETED', `Payment completed for $ ${formatMoneyValue(cents)} USD`, 'sale', {
      id: randomId('', 17),
      state: 'completed',
      amount: { total: formatMoneyValue(cents), currency: 'USD', details: { subtotal: formatMoneyValue(cents) } },
      payment_mode: 'INSTANT_TRANSFER',
      protection_eligibility: 'ELIGIBLE',
      transaction_fee: { value: formatMoneyValue(Math.round(cents * 0.029) + 30), currency: 'USD' },
      billing_agreement_id: s.id,
      create_time: t,
      update_time: t,
      links: [{ href: `${base}/v1/payments/sale/${s.id}`, rel: 'self', method: 'GET' }],
    });
  }

  function approve(s: EmulatedSubscription, payer: { email?: string | undefined }): void {
    s.subscriber = {
      payer_id: randomId('', 13),
      email_address: payer.email || s.subscriber?.email_address || 'buyer@example.com',
      name: s.subscriber?.name ?? { given_name: 'Test', surname: 'Buyer' },
    };
    setStatus(s, 'ACTIVE');
    s.startTime = s.statusUpdateTime;
    subEvent('ACTIVATED', 'Subscription activated', s);
    pay(s);
  }

  function bearerOk(req: IncomingMessage): boolean {
    const m = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    const exp = m ? tokens.get(m[1]!) : undefined;
    return exp !== undefined && exp > Date.now();
  }

  function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
    if (body.length === 0) return { ok: true, value: {} };
    try {
      return { ok: true, value: JSON.parse(body.toString('utf8')) };
    } catch {
      return { ok: false };
    }
  }

  const str = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;

  // ---- routes ------------------------------------------------------------------------------------
  const routes: Array<[string, RegExp, Handler, boolean]> = [];
  const route = (method: string, path: string, h: Handler, auth = true) =>
    routes.push([method, new RegExp(`^${path.replace(/:(\w+)/g, '([^/]+)')}$`), h, auth]);

  route('GET', '/health', (_q, res) => sendJson(res, 200, { status: 'ok' }), false);

  route(
    'POST',
    '/v1/oauth2/token',
    (req, res, _p, body) => {
      const m = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
      const [id, secret] = m ? Buffer.from(m[1]!, 'base64').toString('utf8').split(':') : [];
      const expected = Buffer.from(`${clientId}:${clientSecret}`);
      const given = Buffer.from(`${id ?? ''}:${secret ?? ''}`);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return sendJson(res, 401, { error: 'invalid_client', error_description: 'Client Authentication failed' });
      }
      if (new URLSearchParams(body.toString('utf8')).get('grant_type') !== 'client_credentials') {
        return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: 'Grant Type is NULL' });
      }
      const token = `A21AA${randomBytes(24).toString('base64url')}`;
      tokens.set(token, Date.now() + tokenTtl * 1000);
      sendJson(res, 200, {
        scope: 'https://uri.paypal.com/services/subscriptions https://uri.paypal.com/services/applications/webhooks',
        access_token: token,
        token_type: 'Bearer',
        app_id: 'APP-80W284485P519543T',
        expires_in: tokenTtl,
        nonce: `${new Date().toISOString()}${randomBytes(8).toString('hex')}`,
      });
    },
    false,
  );

  route('GET', '/v1/billing/plans', (req, res) => {
    const q = new URL(req.url ?? '/', base).searchParams;
    const pageSize = Number(q.get('page_size') ?? 10);
    const page = Number(q.get('page') ?? 1);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 20) return sendError(res, 400, [{ field: 'page_size', location: 'query', issue: 'INVALID_PARAMETER_VALUE', description: 'The value of a field is invalid.' }]);
    if (!Number.isInteger(page) || page < 1 || page > 100_000) return sendError(res, 400, [{ field: 'page', location: 'query', issue: 'INVALID_PARAMETER_VALUE', description: 'The value of a field is invalid.' }]);
    const ids = q.get('plan_ids')?.split(',').filter(Boolean);
    const product = q.get('product_id');
    const all = [...plans.values()].map((p) => p.plan).filter((p) => (!ids || ids.includes(p.id)) && (!product || p.product_id === product));
    const slice = all.slice((page - 1) * pageSize, page * pageSize).map((p) => ({ ...p, links: planLinks(base, p.id) }));
    sendJson(res, 200, {
      plans: slice,
      total_items: all.length,
      total_pages: Math.ceil(all.length / pageSize),
      links: [{ href: `${base}/v1/billing/plans?page_size=${pageSize}&page=${page}`, rel: 'self', method: 'GET' }],
    });
  });

  route('GET', '/v1/billing/plans/:id', (_q, res, [id]) => {
    const p = plans.get(decodeURIComponent(id!));
    if (!p) return sendError(res, 404, [{ issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist. Please check the resource ID and try again.' }]);
    sendJson(res, 200, { ...p.plan, links: planLinks(base, p.plan.id) });
  });

  route('POST', '/v1/billing/subscriptions', (req, res, _p, raw) => {
    if (raw.length === 0) return sendError(res, 400, [{ issue: 'MISSING_REQUEST_BODY', description: 'Request body is missing.' }]);
    const parsed = parseJson(raw);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
      return sendError(res, 400, [{ field: '/', location: 'body', issue: 'INVALID_PARAMETER_SYNTAX', description: 'The value of a field does not conform to the expected format.' }]);
    }
    const b = parsed.value as Record<string, unknown>;
    const requestId = req.headers['paypal-request-id'];
    if (typeof requestId === 'string' && requestIds.has(requestId)) {
      const existing = subs.get(requestIds.get(requestId)!)!;
      return sendJson(res, 200, subscriptionJson(existing, base));
    }
    const details: NonNullable<PayPalErrorBody['details']> = [];
    if (b.plan_id === undefined) details.push({ field: '/plan_id', location: 'body', issue: 'MISSING_REQUIRED_PARAMETER', description: 'A required field is missing.' });
    else if (!str(b.plan_id, 3, 50)) details.push({ field: '/plan_id', location: 'body', issue: 'INVALID_PARAMETER_SYNTAX', description: 'The value of a field does not conform to the expected format.' });
    if (b.custom_id !== undefined && (!str(b.custom_id, 1, 127) || !/^[\x20-\x7E]+$/.test(b.custom_id as string))) {
      details.push({ field: '/custom_id', location: 'body', issue: 'INVALID_PARAMETER_SYNTAX', description: 'The value of a field does not conform to the expected format.' });
    }
    if (b.quantity !== undefined && (typeof b.quantity !== 'string' || !/^([0-9]+|([0-9]+)?[.][0-9]+)$/.test(b.quantity))) {
      details.push({ field: '/quantity', location: 'body', issue: 'INVALID_PARAMETER_SYNTAX', description: 'The value of a field does not conform to the expected format.' });
    }
    const ctx = (typeof b.application_context === 'object' && b.application_context !== null ? b.application_context : {}) as Record<string, unknown>;
    for (const k of ['return_url', 'cancel_url']) {
      if (ctx[k] !== undefined && (!str(ctx[k], 10, 4000) || !URL.canParse(ctx[k] as string))) {
        details.push({ field: `/application_context/${k}`, location: 'body', issue: 'INVALID_PARAMETER_SYNTAX', description: 'The value of a field does not conform to the expected format.' });
      }
    }
    if (details.length) return sendError(res, 400, details);
    const plan = plans.get(b.plan_id as string);
    if (!plan) return sendError(res, 400, [{ field: '/plan_id', value: String(b.plan_id), location: 'body', issue: 'INVALID_PARAMETER_VALUE', description: 'The value of a field is invalid.' }]);
    if (plan.plan.status !== 'ACTIVE') return sendError(res, 422, [{ issue: 'PLAN_STATUS_INVALID', description: 'Invalid plan status for subscription creation; plan status should be active.' }]);
    if (b.quantity !== undefined && b.quantity !== '1') return sendError(res, 422, [{ issue: 'SUBSCRIPTION_CANNOT_HAVE_QUANTITY', description: "Subscription can't have quantity as the plan does not support quantity." }]);
    const t = now();
    const subscriber = b.subscriber as EmulatedSubscription['subscriber'] | undefined;
    const s: EmulatedSubscription = {
      id: randomId('I-', 12),
      status: 'APPROVAL_PENDING',
      statusUpdateTime: t,
      planId: plan.plan.id,
      startTime: typeof b.start_time === 'string' ? b.start_time : t,
      quantity: '1',
      createTime: t,
      updateTime: t,
      baToken: randomId('BA-', 17),
      cyclesCompleted: 0,
      failedPaymentsCount: 0,
      outstandingCents: 0,
    };
    if (typeof b.custom_id === 'string') s.customId = b.custom_id;
    if (subscriber && typeof subscriber === 'object') s.subscriber = subscriber;
    if (typeof ctx.return_url === 'string') s.returnUrl = ctx.return_url;
    if (typeof ctx.cancel_url === 'string') s.cancelUrl = ctx.cancel_url;
    subs.set(s.id, s);
    if (typeof requestId === 'string') requestIds.set(requestId, s.id);
    subEvent('CREATED', 'Subscription created', s);
    sendJson(res, 201, subscriptionJson(s, base));
  });

  route('GET', '/v1/billing/subscriptions/:id', (_q, res, [id]) => {
    const s = subs.get(decodeURIComponent(id!));
    if (!s) return sendError(res, 404, [{ issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist. Please check the resource ID and try again.' }]);
    sendJson(res, 200, subscriptionJson(s, base));
  });

  const actions: Record<string, { from: PayPalSubscriptionStatus[]; to: PayPalSubscriptionStatus; event: string; summary: string; reasonRequired: boolean; invalid: string }> = {
    cancel: { from: ['ACTIVE', 'SUSPENDED'], to: 'CANCELLED', event: 'CANCELLED', summary: 'Subscription cancelled', reasonRequired: true, invalid: 'Invalid subscription status for cancel action; subscription status should be active or suspended.' },
    suspend: { from: ['ACTIVE'], to: 'SUSPENDED', event: 'SUSPENDED', summary: 'Subscription suspended', reasonRequired: true, invalid: 'Invalid subscription status for suspend action; subscription status should be active.' },
    activate: { from: ['SUSPENDED'], to: 'ACTIVE', event: 'ACTIVATED', summary: 'Subscription activated', reasonRequired: false, invalid: 'Invalid subscription status for activate action; subscription status should be suspended.' },
  };
  route('POST', '/v1/billing/subscriptions/:id/(cancel|suspend|activate)', (_q, res, [id, verb], raw) => {
    const a = actions[verb!]!;
    const parsed = parseJson(raw);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return sendError(res, 400, [{ field: '/', location: 'body', issue: 'INVALID_PARAMETER_SYNTAX', description: 'The value of a field does not conform to the expected format.' }]);
    const reason = (parsed.value as Record<string, unknown>).reason;
    if (a.reasonRequired && reason === undefined) return sendError(res, 400, [{ field: '/reason', location: 'body', issue: 'MISSING_REQUIRED_PARAMETER', description: 'A required field is missing.' }]);
    if (reason !== undefined && typeof reason !== 'string') return sendError(res, 400, [{ field: '/reason', location: 'body', issue: 'INVALID_PARAMETER_SYNTAX', description: 'The value of a field does not conform to the expected format.' }]);
    if (typeof reason === 'string' && reason.length > 128) return sendError(res, 400, [{ field: '/reason', location: 'body', issue: 'INVALID_STRING_MAX_LENGTH', description: 'The value of a field is too long.' }]);
    const s = subs.get(decodeURIComponent(id!));
    if (!s) return sendError(res, 404, [{ issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist. Please check the resource ID and try again.' }]);
    if (!a.from.includes(s.status)) return sendError(res, 422, [{ issue: 'SUBSCRIPTION_STATUS_INVALID', description: a.invalid }]);
    setStatus(s, a.to, typeof reason === 'string' ? reason : undefined);
    subEvent(a.event, a.summary, s);
    res.writeHead(204).end();
  });

  route(
    'GET',
    '/v1/notifications/certs/:id',
    (_q, res, [id]) => {
      if (decodeURIComponent(id!) !== certId) return sendError(res, 404, [{ issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist. Please check the resource ID and try again.' }]);
      res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(cert.certPem);
    },
    false,
  );

  // Postback verification (notifications_webhooks_v1 verify-webhook-signature), for completeness.
  route('POST', '/v1/notifications/verify-webhook-signature', (_q, res, _p, raw) => {
    const parsed = parseJson(raw);
    const b = (parsed.ok ? parsed.value : null) as Record<string, unknown> | null;
    const need = ['auth_algo', 'cert_url', 'transmission_id', 'transmission_sig', 'transmission_time', 'webhook_id', 'webhook_event'];
    const missing = b ? need.filter((k) => b[k] === undefined) : need;
    if (missing.length) return sendError(res, 400, missing.map((k) => ({ field: `/${k}`, location: 'body', issue: 'MISSING_REQUIRED_PARAMETER', description: 'A required field is missing.' })));
    let ok = false;
    try {
      const msg = webhookSignatureMessage(String(b!.transmission_id), String(b!.transmission_time), String(b!.webhook_id), JSON.stringify(b!.webhook_event));
      ok = b!.cert_url === certUrl && createVerify('sha256').update(msg).verify(new X509Certificate(cert.certPem).publicKey, Buffer.from(String(b!.transmission_sig), 'base64'));
    } catch {
      ok = false;
    }
    sendJson(res, 200, { verification_status: ok ? 'SUCCESS' : 'FAILURE' });
  });

  // ---- buyer approval page -----------------------------------------------------------------------
  route(
    'GET',
    '/approve/:id',
    (_q, res, [id]) => {
      const s = subs.get(decodeURIComponent(id!));
      if (!s) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Not found</title><p>Unknown subscription.</p>');
        return;
      }
      const plan = plans.get(s.planId)!;
      const price = formatMoneyValue(plan.priceCents);
      const pending = s.status === 'APPROVAL_PENDING';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>PayPal emulator – approve subscription</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}button{font-size:1.1rem;padding:.6rem 1.4rem;background:#ffc439;border:0;border-radius:2rem;cursor:pointer}</style></head>
<body><h1>PayPal (local emulator)</h1>
<p>Subscribe to <strong>${esc(plan.plan.name ?? s.planId)}</strong> for <strong>$${price} USD / month</strong>.</p>
<p>Subscription <code id="subscription-id">${esc(s.id)}</code> — status <strong id="status">${esc(s.status)}</strong>${s.customId ? ` — reference <code>${esc(s.customId)}</code>` : ''}</p>
${pending ? `<form method="post" action="/approve/${esc(s.id)}"><label>Payer e-mail <input name="email" type="email" value="buyer@example.com"></label><p><button type="submit" id="approve">Approve</button></p></form>` : '<p>Nothing to approve.</p>'}
</body></html>`);
    },
    false,
  );

  route(
    'POST',
    '/approve/:id',
    (req, res, [id], raw) => {
      const s = subs.get(decodeURIComponent(id!));
      const wantsJson = (req.headers.accept ?? '').includes('application/json');
      if (!s) return sendError(res, 404, [{ issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist. Please check the resource ID and try again.' }]);
      if (s.status !== 'APPROVAL_PENDING') return sendError(res, 422, [{ issue: 'SUBSCRIPTION_STATUS_INVALID', description: 'Subscription is not awaiting approval.' }]);
      const form = new URLSearchParams(raw.toString('utf8'));
      approve(s, { email: form.get('email') ?? undefined });
      if (wantsJson) return sendJson(res, 200, subscriptionJson(s, base));
      if (s.returnUrl) {
        const to = new URL(s.returnUrl);
        to.searchParams.set('subscription_id', s.id);
        to.searchParams.set('ba_token', s.baToken);
        to.searchParams.set('token', randomId('', 17));
        res.writeHead(303, { location: to.toString() }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Approved</title><h1>Subscription approved</h1><p>Subscription <code>${esc(s.id)}</code> is <strong id="status">${s.status}</strong>.</p>`);
    },
    false,
  );

  // ---- emulator controls -------------------------------------------------------------------------
  route(
    'GET',
    '/_emulator/faults',
    (_q, res) => sendJson(res, 200, faults),
    false,
  );
  route(
    'POST',
    '/_emulator/faults',
    (_q, res, _p, raw) => {
      const parsed = parseJson(raw);
      if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return sendError(res, 400, [{ issue: 'MALFORMED_REQUEST_JSON' }]);
      const r = applyFaults(parsed.value as Record<string, unknown>);
      if (!r.ok) return sendError(res, 400, [{ field: `/${r.field}`, issue: 'INVALID_PARAMETER_VALUE', description: r.message }]);
      sendJson(res, 200, faults);
    },
    false,
  );
  route(
    'POST',
    '/_emulator/subscriptions/:id/bill',
    (_q, res, [id], raw) => {
      const parsed = parseJson(raw);
      if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return sendError(res, 400, [{ issue: 'MALFORMED_REQUEST_JSON' }]);
      const outcome = (parsed.value as Record<string, unknown>).outcome ?? (faults.failPayments ? 'failure' : 'success');
      if (outcome !== 'success' && outcome !== 'failure') return sendError(res, 400, [{ field: '/outcome', issue: 'INVALID_PARAMETER_VALUE', description: 'outcome must be success or failure' }]);
      const s = subs.get(decodeURIComponent(id!));
      if (!s) return sendError(res, 404, [{ issue: 'INVALID_RESOURCE_ID', description: 'Specified resource ID does not exist. Please check the resource ID and try again.' }]);
      const recoverable = s.status === 'SUSPENDED' && s.failedPaymentsCount > 0;
      if (s.status !== 'ACTIVE' && !(outcome === 'success' && recoverable)) {
        return sendError(res, 422, [{ issue: 'SUBSCRIPTION_STATUS_INVALID', description: `cannot bill a ${s.status} subscription` }]);
      }
      const before = dispatcher.records.length;
      if (outcome === 'success') {
        if (s.status === 'SUSPENDED') {
          setStatus(s, 'ACTIVE', 'Outstanding balance paid');
          subEvent('ACTIVATED', 'Subscription re-activated', s);
        }
        pay(s);
      } else {
        const t = now();
        const threshold = plans.get(s.planId)?.failureThreshold ?? 3;
        s.failedPaymentsCount++;
        s.outstandingCents += priceOf(s);
        s.lastFailedPayment = { amount: money(priceOf(s)), time: t, reason_code: 'PAYMENT_DENIED' };
        s.updateTime = t;
        subEvent('PAYMENT.FAILED', 'Subscription payment failed', s);
        if (s.failedPaymentsCount >= threshold) {
          setStatus(s, 'SUSPENDED', 'Payment failure threshold reached');
          subEvent('SUSPENDED', 'Subscription suspended', s);
        }
      }
      sendJson(res, 200, { subscription: subscriptionJson(s, base), events: dispatcher.records.slice(before).map((r) => ({ id: r.event.id, event_type: r.event.event_type })) });
    },
    false,
  );
  route(
    'GET',
    '/_emulator/events',
    (_q, res) =>
      sendJson(
        res,
        200,
        dispatcher.records.map((r) => ({ id: r.event.id, event_type: r.event.event_type, resource_id: r.event.resource.id, copies: r.copies })),
      ),
    false,
  );

  function applyFaults(f: Record<string, unknown>): { ok: true } | { ok: false; field: string; message: string } {
    const next = { ...faults };
    for (const k of ['failPayments', 'dropWebhooks', 'reorder'] as const) {
      if (f[k] === undefined) continue;
      if (typeof f[k] !== 'boolean') return { ok: false, field: k, message: `${k} must be a boolean` };
      next[k] = f[k];
    }
    for (const [k, min, max] of [['duplicateWebhooks', 1, 100], ['delayMs', 0, 600_000], ['reorderWindowMs', 0, 600_000]] as const) {
      if (f[k] === undefined) continue;
      const v = f[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) return { ok: false, field: k, message: `${k} must be an integer ${min}-${max}` };
      next[k] = v;
    }
    faults = next;
    return { ok: true };
  }

  server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 1_000_000) chunks.push(c);
    });
    req.on('end', () => {
      void (async () => {
        try {
          if (size > 1_000_000) return sendError(res, 400, [{ issue: 'REQUEST_TOO_LARGE' }]);
          const path = new URL(req.url ?? '/', 'http://x').pathname;
          for (const [method, re, h, auth] of routes) {
            const m = re.exec(path);
            if (!m || req.method !== method) continue;
            if (auth && !bearerOk(req)) return sendError(res, 401);
            return await h(req, res, m.slice(1), Buffer.concat(chunks));
          }
          sendError(res, 404, [{ issue: 'INVALID_RESOURCE_ID', description: `No route for ${req.method} ${path}` }]);
        } catch {
          if (!res.headersSent) sendError(res, 500);
        }
      })();
    });
  });

  return {
    url: base,
    port,
    webhookId,
    certUrl,
    certPem: cert.certPem,
    clientId,
    clientSecret,
    events: () => dispatcher.records,
    sign: (rawBody, o) => dispatcher.sign(rawBody, o),
    setFaults: (f) => {
      const r = applyFaults(f as Record<string, unknown>);
      if (!r.ok) throw new Error(r.message);
      return faults;
    },
    setWebhookUrl: (u) => {
      webhookUrl = u;
    },
    idle: () => dispatcher.idle(),
    stop: async () => {
      dispatcher.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

