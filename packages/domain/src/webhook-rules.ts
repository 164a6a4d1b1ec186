/**
 * Pure rules for PayPal webhook intake (docs/decisions/webhook-inbox.md).
 */

/** ±5 minutes: the signed transmission time of a delivery must be this close to now (a replay window). */
export const WEBHOOK_REPLAY_WINDOW_MS = 5 * 60_000;
/**
 * PayPal redelivers one event for up to 3 days with the SAME create_time (each attempt is re-signed
 * with a fresh transmission time), so an event's create_time may be this old and still be genuine.
 */
export const WEBHOOK_EVENT_MAX_AGE_MS = 4 * 86_400_000;

function toMs(t: Date | string | null | undefined): number | null {
  if (t === null || t === undefined) return null;
  const ms = t instanceof Date ? t.getTime() : Date.parse(t);
  return Number.isFinite(ms) ? ms : null;
}

/** True when `time` is a valid timestamp within ±windowMs of `now`. An unparsable time is outside. */
export function isWithinReplayWindow(time: Date | string | null | undefined, now: Date, windowMs: number = WEBHOOK_REPLAY_WINDOW_MS): boolean {
  const ms = toMs(time);
  if (ms === null) return false;
  return Math.abs(now.getTime() - ms) <= windowMs;
}

/**
 * True when an event describes an older state than the one already stored: its update time is strictly
 * before the stored one. Equal times are not stale (different event types may share a second; the id
 * dedupe handles repeats). Unknown times on either side are never stale (the re-read decides).
 */
export function isStaleEvent(eventUpdateTime: Date | string | null | undefined, storedUpdateTime: Date | string | null | undefined): boolean {
  const e = toMs(eventUpdateTime);
  const s = toMs(storedUpdateTime);
  if (e === null || s === null) return false;
  return e < s;
}

/** The PayPal events the platform acts on. */
export const HANDLED_WEBHOOK_EVENTS = [
  'BILLING.SUBSCRIPTION.CREATED',
  'BILLING.SUBSCRIPTION.ACTIVATED',
  'BILLING.SUBSCRIPTION.UPDATED',
  'BILLING.SUBSCRIPTION.SUSPENDED',
  'BILLING.SUBSCRIPTION.CANCELLED',
  'BILLING.SUBSCRIPTION.EXPIRED',
  'BILLING.SUBSCRIPTION.PAYMENT.FAILED',
  'PAYMENT.SALE.COMPLETED',
  'PAYMENT.SALE.REFUNDED',
  'PAYMENT.SALE.REVERSED',
] as const;
export type HandledWebhookEvent = (typeof HANDLED_WEBHOOK_EVENTS)[number];

export function isHandledWebhookEvent(type: unknown): type is HandledWebhookEvent {
  return typeof type === 'string' && (HANDLED_WEBHOOK_EVENTS as readonly string[]).includes(type);
}

/** The subscription id an event is about: `resource.id` for subscription events, `billing_agreement_id` for sales. */
export function subscriptionIdOfEvent(eventType: string, resource: Record<string, unknown>): string | null {
  const v = eventType.startsWith('PAYMENT.SALE.') ? resource.billing_agreement_id : resource.id;
  return typeof v === 'string' && v.length > 0 ? v : null;
}

/**
 * Retry schedule of the durable webhook inbox (docs/decisions/webhook-inbox.md). After the `attempts`-th failed
 * attempt the event waits `baseMs · 2^(attempts-1)`, capped at `capMs`; after `maxAttempts` failures it is given up
 * (kept in the inbox with failed_at, the periodic PayPal re-read still converges the subscription).
 */
export interface WebhookRetryPolicy {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export const DEFAULT_WEBHOOK_RETRY_POLICY: WebhookRetryPolicy = { baseMs: 1_000, capMs: 10 * 60_000, maxAttempts: 10 };

export type WebhookRetryDecision = { kind: 'retry'; delayMs: number } | { kind: 'give_up' };

/** What happens after an attempt failed; `attempts` counts the attempts made so far (>= 1). */
export function decideWebhookRetry(attempts: number, policy: WebhookRetryPolicy = DEFAULT_WEBHOOK_RETRY_POLICY): WebhookRetryDecision {
  if (!Number.isInteger(attempts) || attempts < 1) return { kind: 'retry', delayMs: policy.baseMs };
  if (attempts >= policy.maxAttempts) return { kind: 'give_up' };
  return { kind: 'retry', delayMs: Math.min(policy.capMs, policy.baseMs * 2 ** (attempts - 1)) };
}
