import { randomUUID } from 'node:crypto';
import { PayPalApiError } from './paypal-api-error.ts';
import { DEV_PAYPAL_CLIENT_ID, DEV_PAYPAL_CLIENT_SECRET, DEFAULT_PAYPAL_EMULATOR_PORT } from './paypal-config.ts';
import type { CreateSubscriptionRequest, PayPalErrorBody, PayPalPlanCollection, PayPalSubscription } from './paypal-types.ts';

/** A cached token is refreshed this long before PayPal says it expires. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

export interface PayPalClientOptions {
  /** REST base URL (PAYPAL_API_BASE); default: the local emulator. */
  baseUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Clock for the token cache (tests). */
  now?: () => number;
}

export interface ListPlansQuery {
  productId?: string;
  planIds?: string[];
  pageSize?: number;
  page?: number;
}

/** Typed client for the Subscriptions API subset the platform calls. Every failure is a PayPalApiError. */
export interface PayPalClient {
  readonly baseUrl: string;
  /** OAuth2 client-credentials token, cached until 5 min before expiry; concurrent callers share one request. */
  getAccessToken(): Promise<string>;
  listPlans(query?: ListPlansQuery): Promise<PayPalPlanCollection>;
  /** POST /v1/billing/subscriptions; `requestId` (PayPal-Request-Id) makes a retry return the same subscription. */
  createSubscription(body: CreateSubscriptionRequest, opts?: { requestId?: string }): Promise<PayPalSubscription>;
  getSubscription(id: string): Promise<PayPalSubscription>;
  cancelSubscription(id: string, reason: string): Promise<void>;
  suspendSubscription(id: string, reason: string): Promise<void>;
  activateSubscription(id: string, reason?: string): Promise<void>;
}

export function createPayPalClient(opts: PayPalClientOptions = {}): PayPalClient {
  const baseUrl = (opts.baseUrl ?? `http://127.0.0.1:${DEFAULT_PAYPAL_EMULATOR_PORT}`).replace(/\/+$/, '');
  const clientId = opts.clientId ?? DEV_PAYPAL_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? DEV_PAYPAL_CLIENT_SECRET;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const doFetch = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | null = null;
  let inflight: Promise<string> | null = null;

  async function send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new PayPalApiError(0, `PayPal unreachable (${init.method ?? 'GET'} ${path}): ${(err as Error).message}`);
    }
  }

  async function failure(res: Response, what: string): Promise<PayPalApiError> {
    const text = await res.text().catch(() => '');
    let body: Partial<PayPalErrorBody> | null = null;
    try {
      const parsed = JSON.parse(text) as Record<string, unknown>;
      // OAuth errors use {error, error_description}; REST errors use {name, message, debug_id, details}.
      body = typeof parsed.name === 'string' ? (parsed as Partial<PayPalErrorBody>) : { name: String(parsed.error ?? ''), message: String(parsed.error_description ?? '') };
    } catch {
      body = null;
    }
    return new PayPalApiError(res.status, `${what} failed: ${res.status} ${body?.name ?? ''} ${body?.message ?? text.slice(0, 200)}`.trim(), body);
  }

  async function fetchToken(): Promise<string> {
    const res = await send('/v1/oauth2/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
    });
    if (!res.ok) throw await failure(res, 'OAuth token');
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (typeof body.access_token !== 'string') throw new PayPalApiError(res.status, 'OAuth token response without access_token');
    const ttlMs = (Number(body.expires_in) || 0) * 1000;
    cached = { token: body.access_token, refreshAt: now() + ttlMs - TOKEN_REFRESH_MARGIN_MS };
    return body.access_token;
  }

  async function getAccessToken(): Promise<string> {
    if (cached && now() < cached.refreshAt) return cached.token;
    inflight ??= fetchToken().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  /** Authenticated call; a 401 drops the cached token and retries once. */
  async function call(method: string, path: string, what: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await getAccessToken();
      const res = await send(path, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      if (res.status === 401 && attempt === 0) {
        await res.body?.cancel();
        cached = null;
        continue;
      }
      if (!res.ok) throw await failure(res, what);
      return res;
    }
  }

  const enc = encodeURIComponent;
  async function action(id: string, verb: 'cancel' | 'suspend' | 'activate', reason?: string): Promise<void> {
    const res = await call('POST', `/v1/billing/subscriptions/${enc(id)}/${verb}`, `${verb} subscription ${id}`, reason ? { reason } : {});
    await res.body?.cancel();
  }

  return {
    baseUrl,
    getAccessToken,
    async listPlans(q = {}) {
      const params = new URLSearchParams();
      if (q.productId) params.set('product_id', q.productId);
      if (q.planIds?.length) params.set('plan_ids', q.planIds.join(','));
      if (q.pageSize) params.set('page_size', String(q.pageSize));
      if (q.page) params.set('page', String(q.page));
      const qs = params.toString();
      const res = await call('GET', `/v1/billing/plans${qs ? `?${qs}` : ''}`, 'list plans', undefined, { prefer: 'return=representation' });
      return (await res.json()) as PayPalPlanCollection;
    },
    async createSubscription(body, o = {}) {
      const res = await call('POST', '/v1/billing/subscriptions', 'create subscription', body, {
        prefer: 'return=representation',
        'paypal-request-id': o.requestId ?? randomUUID(),
      });
      return (await res.json()) as PayPalSubscription;
    },
    async getSubscription(id) {
      const res = await call('GET', `/v1/billing/subscriptions/${enc(id)}`, `get subscription ${id}`);
      return (await res.json()) as PayPalSubscription;
    },
    cancelSubscription: (id, reason) => action(id, 'cancel', reason),
    suspendSubscription: (id, reason) => action(id, 'suspend', reason),
    activateSubscription: (id, reason) => action(id, 'activate', reason),
  };
}
