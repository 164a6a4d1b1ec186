/**
 * POST /api/v1/paypal/webhooks — PayPal webhook intake (docs/decisions/webhook-inbox.md; docs/rules/original-defects.md #1): raw body → offline
 * signature verification (case-insensitive headers, allow-listed cert host, ±5 min transmission-time
 * replay window) → JSON shape → stored in the durable inbox (docs/decisions/webhook-inbox.md) → 200
 * {"status":"webhook_received"}; processing happens from the inbox. Garbage never gets a 5xx (PayPal would
 * retry it): 400 malformed / replayed, 401 bad signature or unknown cert host. 503 only when the cert host is
 * unreachable, the inbox cannot be written or holds too many pending events (all transient: PayPal's
 * redelivery is wanted). Mount BEFORE any global JSON body parser.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ConfigError, isProduction } from '@sw/config';
import { WEBHOOK_EVENT_MAX_AGE_MS, isHandledWebhookEvent, isWithinReplayWindow, type BillingPlan, type ErrorCode } from '@sw/domain';
import { PAYPAL_CERT_HOSTS, createCertFetcher, verifyWebhookSignature, type PayPalClient, type PayPalWebhookEvent } from '@sw/paypal';
import { silentLogger, type BillingLogger } from './billing-types.ts';
import type { ProcessOutcome } from './process-webhook-event.ts';
import { createWebhookInbox, type WebhookInbox, type WebhookInboxOptions } from './webhook-inbox.ts';
import type postgres from 'postgres';

export const PAYPAL_WEBHOOK_PATH = '/api/v1/paypal/webhooks';

export interface PayPalWebhookRouterDeps {
  sql: postgres.Sql;
  paypal: PayPalClient;
  /** Our webhook id (PAYPAL_WEBHOOK_ID). */
  webhookId: string;
  /** Our PayPal plan id of each plan (PayPalConfig.planIds): an activation on another plan is refused. */
  planIds: Readonly<Record<BillingPlan, string>>;
  /** Cert URL allow-list; default PayPal's hosts (readPayPalConfig adds the emulator origin outside production). */
  allowedCertHosts?: readonly string[];
  fetchCert?: (url: string) => Promise<string>;
  /** Dev-only bypass (PAYPAL_SKIP_WEBHOOK_VALIDATION); the factory throws ConfigError in production. */
  skipVerification?: boolean;
  now?: () => Date;
  log?: BillingLogger;
  onProcessed?: (outcome: ProcessOutcome, event: PayPalWebhookEvent) => void;
  /** Called for each verified, well-formed, handled event once it is stored; `receivedAt` = request arrival (benchmarks). */
  onAccepted?: (event: PayPalWebhookEvent, receivedAt: Date) => void;
  /** Pending inbox rows above which deliveries get 503 (PayPal retries). Default 50,000. */
  maxQueued?: number;
  inbox?: WebhookInboxOptions;
  env?: NodeJS.ProcessEnv;
}

export type PayPalWebhookRouter = Router & { inbox: WebhookInbox };

function reject(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** Minimal envelope check (the fields every PayPal event carries): {id, event_type, resource, create_time, summary}. */
export function isWebhookEnvelope(v: unknown): v is PayPalWebhookEvent {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.id === 'string' && e.id.length > 0 && e.id.length <= 255 &&
    typeof e.event_type === 'string' && e.event_type.length > 0 && e.event_type.length <= 100 &&
    typeof e.resource === 'object' && e.resource !== null && !Array.isArray(e.resource) &&
    typeof e.create_time === 'string' && typeof e.summary === 'string'
  );
}

export function createPayPalWebhookRouter(deps: PayPalWebhookRouterDeps): PayPalWebhookRouter {
  const env = deps.env ?? process.env;
  if (deps.skipVerification && isProduction(env)) throw new ConfigError('PayPal webhook signature verification cannot be disabled in production');
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const fetchCert = deps.fetchCert ?? createCertFetcher();
  const allowed = deps.allowedCertHosts ?? PAYPAL_CERT_HOSTS;
  const maxQueued = deps.maxQueued ?? 50_000;
  const inbox = createWebhookInbox(
    { sql: deps.sql, paypal: deps.paypal, planIds: deps.planIds, log, ...(deps.onProcessed ? { onProcessed: deps.onProcessed } : {}) },
    deps.inbox,
  );

  const router = express.Router() as PayPalWebhookRouter;
  router.inbox = inbox;
  router.post(PAYPAL_WEBHOOK_PATH, express.raw({ type: () => true, limit: '512kb' }), async (req: Request, res: Response) => {
    const receivedAt = new Date();
    const raw: unknown = req.body;
    if (!Buffer.isBuffer(raw)) {
      // A JSON parser ran before us: the exact bytes are gone, nothing can be verified. A wiring bug, not garbage.
      log.error({ path: req.path }, 'paypal webhook body was parsed before the webhook router; mount the router before express.json()');
      return reject(res, 500, 'ERR_INTERNAL', 'raw body unavailable');
    }
    if (raw.length === 0) return reject(res, 400, 'ERR_WEBHOOK_MALFORMED', 'empty body');

    if (!deps.skipVerification) {
      const v = await verifyWebhookSignature({ headers: req.headers, rawBody: raw, webhookId: deps.webhookId, fetchCert, allowedCertHosts: allowed, now: now() });
      switch (v.kind) {
        case 'ok':
          break;
        case 'missing_headers':
          log.warn({ missing: v.missing }, 'paypal webhook without signature headers');
          return reject(res, 400, 'ERR_WEBHOOK_MALFORMED', `missing headers: ${v.missing.join(', ')}`);
        case 'stale':
          log.warn({ transmissionTime: v.transmissionTime }, 'paypal webhook outside the replay window');
          return reject(res, 400, 'ERR_WEBHOOK_REPLAYED', 'transmission time outside the replay window');
        case 'unknown_cert_host':
          log.warn({ certUrl: v.certUrl }, 'paypal webhook cert URL not allow-listed');
          return reject(res, 401, 'ERR_WEBHOOK_SIGNATURE_INVALID', 'certificate host not allowed');
        case 'bad_signature':
          log.warn({ reason: v.reason }, 'paypal webhook signature rejected');
          return reject(res, 401, 'ERR_WEBHOOK_SIGNATURE_INVALID', 'signature verification failed');
        case 'cert_unavailable':
          log.warn({ reason: v.reason }, 'paypal webhook cert unavailable');
          return reject(res, 503, 'ERR_PAYPAL_UNAVAILABLE', 'certificate unavailable, retry later');
      }
    }

    let event: unknown;
    try {
      event = JSON.parse(raw.toString('utf8'));
    } catch {
      return reject(res, 400, 'ERR_WEBHOOK_MALFORMED', 'body is not JSON');
    }
    if (!isWebhookEnvelope(event)) return reject(res, 400, 'ERR_WEBHOOK_MALFORMED', 'body is not a PayPal event {id, event_type, resource, create_time, summary}');
    // Redeliveries keep the original create_time for up to 3 days; older (or future) events are replays.
    if (!isWithinReplayWindow(event.create_time, now(), WEBHOOK_EVENT_MAX_AGE_MS)) {
      return reject(res, 400, 'ERR_WEBHOOK_REPLAYED', 'event create_time outside the accepted window');
    }
    if (!isHandledWebhookEvent(event.event_type)) {
      log.info({ eventId: event.id, eventType: event.event_type }, 'paypal webhook of an unhandled type ignored');
      return res.status(200).json({ status: 'webhook_received' });
    }
    if (inbox.size() >= maxQueued) return reject(res, 503, 'ERR_PAYPAL_UNAVAILABLE', 'webhook inbox full, retry later');
    // Durable before the answer: a 2xx means the event is in the inbox (a crash after it loses nothing).
    try {
      const stored = await inbox.store(event);
      if (stored === 'redelivery') log.info({ eventId: event.id, eventType: event.event_type }, 'paypal webhook redelivery (already in the inbox)');
    } catch (err) {
      log.error({ eventId: event.id, err: String(err) }, 'paypal webhook could not be stored');
      return reject(res, 503, 'ERR_PAYPAL_UNAVAILABLE', 'webhook could not be stored, retry later');
    }
    deps.onAccepted?.(event, receivedAt);
    res.status(200).json({ status: 'webhook_received' });
  });

  // Body-parser failures (too large, bad encoding) are the sender's problem: 4xx, never 5xx.
  router.use(PAYPAL_WEBHOOK_PATH, (err: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 400;
    reject(res, status, 'ERR_WEBHOOK_MALFORMED', `unreadable body (${err.type ?? 'error'})`);
  });
  return router;
}
