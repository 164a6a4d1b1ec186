/**
 * processWebhookEvent: applies one verified PayPal webhook event to the hub (docs/decisions/webhook-inbox.md,
 * docs/decisions/billing-refusals-and-cancellations.md). Webhooks only change DESIRED state: an activated regional_owner
 * subscription inserts the region row (runtime_state 'requested') that the reconciler provisions.
 *
 * Order of work:
 *  1. unknown event types and events without a subscription id are ignored (nothing written);
 *  2. a cheap dedupe read skips known event ids;
 *  3. the subscription is RE-READ from PayPal (source of truth; events may be late, duplicated or out of
 *     order) before anything irreversible — the effect follows PayPal's current status, not the event's;
 *  4. ONE transaction: insert processed_webhook_events (duplicate key → skip), lock the billing row,
 *     drop stale events (update time older than stored), write billing row + region / citizenship
 *     (steps after the dedupe insert live in applyPayPalTruth, which the reconciliation pass reuses).
 * A transient PayPal failure throws (the queue retries); nothing is committed in that case.
 */
import type postgres from 'postgres';
import {
  REGION_TIERS,
  decideCitizenship,
  decideRegionBilling,
  isHandledWebhookEvent,
  isRegionTier,
  isStaleEvent,
  regionDisplayName,
  signalForPayPalStatus,
  subscriptionIdOfEvent,
  type BillingPlan,
  type BillingSignal,
  type RegionRuntimeState,
  type RegionStatus,
} from '@sw/domain';
import { PayPalApiError, type PayPalClient, type PayPalSubscription, type PayPalWebhookEvent } from '@sw/paypal';
import { activationProblem, refuseActivation } from './activation-guard.ts';
import { parseCustomId } from './custom-id.ts';
import type { BillingDb } from './billing-types.ts';

export type ProcessOutcome =
  | { kind: 'applied'; eventId: string; subscriptionId: string; effects: string[] }
  | { kind: 'duplicate'; eventId: string }
  | { kind: 'stale'; eventId: string; subscriptionId: string }
  | { kind: 'ignored'; eventId: string; reason: string };

interface BillingRow {
  id: string;
  plan: BillingPlan;
  player_id: string;
  region_id: string | null;
  region_name: string | null;
  size_tier: string | null;
  status: string;
  status_updated_at_ms: number | null;
  payment_failure_count: number;
  activation_refused_reason: string | null;
}

/** The columns of BillingRow (one list for the SELECT and the adoption's RETURNING). */
const BILLING_ROW_COLUMNS = 'id, plan, player_id, region_id, region_name, size_tier, status, (extract(epoch from status_updated_at) * 1000)::float8 AS status_updated_at_ms, payment_failure_count, activation_refused_reason';

type Tx = postgres.TransactionSql;

const toDate = (v: unknown): Date | null => {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isFinite(d.getTime()) ? d : null;
};

/**
 * Timestamps travel as ISO strings with explicit casts and are read back as epoch milliseconds: the hub
 * client is wrapped by drizzle, which turns postgres.js' Date / JSON (de)serialisation off.
 */
export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
export const fromMs = (ms: number | string | null | undefined): Date | null => (ms === null || ms === undefined ? null : new Date(Number(ms)));

/** The signal this event means, given PayPal's CURRENT view of the subscription. */
function signalOf(eventType: string, truth: PayPalSubscription): BillingSignal | null {
  if (eventType === 'BILLING.SUBSCRIPTION.PAYMENT.FAILED') {
    if (truth.status !== 'ACTIVE') return signalForPayPalStatus(truth.status);
    return { kind: 'payment_failed', failedPaymentsCount: truth.billing_info?.failed_payments_count ?? null };
  }
  if (eventType === 'PAYMENT.SALE.COMPLETED' && truth.status === 'ACTIVE') return { kind: 'payment_completed' };
  return signalForPayPalStatus(truth.status);
}

export interface ProcessOptions {
  now?: Date;
  /** Our PayPal plan id of each plan (PayPalConfig.planIds): an activation on another plan is refused. */
  planIds: Readonly<Record<BillingPlan, string>>;
  /**
   * Runs inside the effect's transaction, after the effect, with its outcome (the webhook inbox marks its row
   * processed there, so the effect and the mark commit together). Not called on the early returns that write
   * nothing (unhandled type, no subscription id, already-processed id found by the cheap read).
   */
  inTransaction?: (tx: Tx, outcome: ProcessOutcome) => Promise<void>;
}

export async function processWebhookEvent(db: BillingDb, event: PayPalWebhookEvent, paypal: PayPalClient, opts: ProcessOptions): Promise<ProcessOutcome> {
  const { sql } = db;
  const eventId = event.id;
  const type = event.event_type;
  if (!isHandledWebhookEvent(type)) return { kind: 'ignored', eventId, reason: `unhandled event type ${type}` };
  const subscriptionId = subscriptionIdOfEvent(type, event.resource ?? {});
  if (!subscriptionId) return { kind: 'ignored', eventId, reason: 'event names no subscription' };

  const [seen] = await sql`SELECT 1 FROM processed_webhook_events WHERE event_id = ${eventId}`;
  if (seen) return { kind: 'duplicate', eventId };

  let truth: PayPalSubscription | null;
  try {
    truth = await paypal.getSubscription(subscriptionId);
  } catch (err) {
    if (err instanceof PayPalApiError && err.status === 404) truth = null;
    else throw err;
  }
  const now = opts.now ?? new Date();

  const apply = async (tx: Tx): Promise<ProcessOutcome> => {
    const [inserted] = await tx`
      INSERT INTO processed_webhook_events (event_id, event_type, resource_id)
      VALUES (${eventId}, ${type}, ${subscriptionId})
      ON CONFLICT (event_id) DO NOTHING RETURNING event_id`;
    if (!inserted) return { kind: 'duplicate', eventId };
    if (!truth) return { kind: 'ignored', eventId, reason: `PayPal does not know subscription ${subscriptionId}` };
    const eventTime = type.startsWith('BILLING.SUBSCRIPTION.') ? ((event.resource.status_update_time ?? event.resource.update_time) as string | null | undefined) ?? null : null;
    const applied = await applyPayPalTruth(tx, { subscriptionId, truth, eventType: type, eventTime, eventId, now, planIds: opts.planIds });
    if (applied.kind === 'applied') return { kind: 'applied', eventId, subscriptionId, effects: applied.effects };
    if (applied.kind === 'stale') return { kind: 'stale', eventId, subscriptionId };
    return { kind: 'ignored', eventId, reason: applied.reason };
  };
  return sql.begin(async (tx): Promise<ProcessOutcome> => {
    const outcome = await apply(tx);
    await opts.inTransaction?.(tx, outcome);
    return outcome;
  });
}

export interface ApplyPayPalTruthInput {
  subscriptionId: string;
  /** PayPal's current view of the subscription (just re-read). */
  truth: PayPalSubscription;
  /** The webhook event type this change is interpreted as (signalOf picks the effect from it and `truth`). */
  eventType: string;
  /** The event's own update time, when it carries one (older than the stored time → stale). */
  eventTime: string | null;
  /** Recorded in region events: the webhook event id, or a marker such as `reconcile`. */
  eventId: string;
  now: Date;
  /** Our PayPal plan id of each plan: checked at activation (activation-guard.ts). */
  planIds: Readonly<Record<BillingPlan, string>>;
}

export type ApplyPayPalTruthOutcome =
  | { kind: 'applied'; effects: string[] }
  | { kind: 'stale' }
  | { kind: 'ignored'; reason: string };

/**
 * THE effect of PayPal's current view of a subscription on the hub, inside the caller's transaction:
 * lock (or adopt) the billing row, drop stale views, write the billing row and the region / citizenship
 * effect. Shared by the webhook path (processWebhookEvent) and the level-triggered reconciliation
 * (reconcileBillingSubscriptions) so each rule has one home.
 */
export async function applyPayPalTruth(tx: Tx, input: ApplyPayPalTruthInput): Promise<ApplyPayPalTruthOutcome> {
  const { subscriptionId, truth, eventType: type, eventTime, eventId, now } = input;
  let [row] = await tx.unsafe<BillingRow[]>(`SELECT ${BILLING_ROW_COLUMNS} FROM billing_subscriptions WHERE paypal_subscription_id = $1 FOR UPDATE`, [subscriptionId]);
  if (!row) {
    const adopted = await adoptFromCustomId(tx, truth);
    if (!adopted) return { kind: 'ignored', reason: `no billing row and no usable custom_id for ${subscriptionId}` };
    row = adopted;
  }

  // Out-of-order protection: an event (or a re-read) older than what we stored changes nothing.
  const truthTime = toDate(truth.status_update_time);
  const storedTime = fromMs(row.status_updated_at_ms);
  if (isStaleEvent(eventTime, storedTime) || isStaleEvent(truthTime, storedTime)) return { kind: 'stale' };

  const effects: string[] = [];
  const signal = signalOf(type, truth);
  const failures = truth.billing_info?.failed_payments_count ?? row.payment_failure_count;
  const lastPaymentAt = toDate(truth.billing_info?.last_payment?.time);
  const nextBillingAt = toDate(truth.billing_info?.next_billing_time);
  await tx`
    UPDATE billing_subscriptions SET status = ${truth.status},
      status_updated_at = GREATEST(status_updated_at, ${iso(truthTime ?? now)}::timestamptz),
      payment_failure_count = ${failures},
      last_payment_at = COALESCE(${iso(lastPaymentAt)}::timestamptz, last_payment_at),
      next_billing_at = COALESCE(${iso(nextBillingAt)}::timestamptz, next_billing_at),
      updated_at = now()
    WHERE id = ${row.id}`;
  effects.push(`billing:${truth.status}`);

  // A refused activation stays refused: no later event creates the region or grants citizenship.
  if (row.activation_refused_reason) return { kind: 'applied', effects: [...effects, `activation_refused:${row.activation_refused_reason}`] };
  const activating = truth.status === 'ACTIVE' && (row.plan === 'regional_owner' ? !row.region_id : row.status !== 'ACTIVE' && row.status !== 'SUSPENDED');
  if (signal && activating) {
    const refusal = await activationProblem(tx, row, truth, input.planIds, now);
    if (refusal) return { kind: 'applied', effects: [...effects, ...(await refuseActivation(tx, row, truth, refusal, now))] };
  }

  if (signal && row.plan === 'regional_owner') effects.push(...(await applyRegionalOwner(tx, row, truth, signal, now, eventId)));
  if (signal && row.plan === 'galactic_citizen') effects.push(...(await applyCitizenship(tx, row, truth, signal, now)));
  return { kind: 'applied', effects };
}

/** A subscription created outside our create command (or whose row was lost): rebuild the row from custom_id. */
async function adoptFromCustomId(tx: Tx, truth: PayPalSubscription): Promise<BillingRow | null> {
  const intent = parseCustomId(truth.custom_id);
  if (!intent) return null;
  const [player] = await tx`SELECT id FROM players WHERE id = ${intent.playerId}`;
  if (!player) return null;
  const tier = intent.sizeTier && isRegionTier(intent.sizeTier) ? intent.sizeTier : intent.plan === 'regional_owner' ? 'standard' : null;
  const [row] = await tx.unsafe<BillingRow[]>(
    `INSERT INTO billing_subscriptions (paypal_subscription_id, plan, player_id, region_name, size_tier, status)
     VALUES ($1, $2, $3, $4, $5, 'APPROVAL_PENDING')
     ON CONFLICT (paypal_subscription_id) DO UPDATE SET updated_at = now()
     RETURNING ${BILLING_ROW_COLUMNS}`,
    [truth.id, intent.plan, intent.playerId, intent.regionName, tier],
  );
  return row ?? null;
}

interface RegionBillingRow {
  id: string;
  status: RegionStatus;
  payment_failure_count: number;
  suspended_at_ms: number | null;
  runtime_state: RegionRuntimeState;
  subscription_status: string | null;
}

async function regionEvent(tx: Tx, regionId: string, type: 'Normal' | 'Warning', reason: string, message: string, data: Record<string, unknown>): Promise<void> {
  await tx`INSERT INTO region_events (region_id_snapshot, type, reason, message, data) VALUES (${regionId}, ${type}, ${reason}, ${message}, ${JSON.stringify(data)}::text::jsonb)`;
}

async function applyRegionalOwner(tx: Tx, row: BillingRow, truth: PayPalSubscription, signal: BillingSignal, now: Date, eventId: string): Promise<string[]> {
  const lastPaymentAt = toDate(truth.billing_info?.last_payment?.time);
  const nextBillingAt = toDate(truth.billing_info?.next_billing_time);
  if (!row.region_id) {
    // Irreversible step: only when PayPal itself says ACTIVE right now.
    if (signal.kind !== 'activated' && signal.kind !== 'payment_completed') return [];
    if (truth.status !== 'ACTIVE' || !row.region_name) return [];
    // Plan, name and owner limit were checked (under the name and owner locks) by activationProblem.
    const name = row.region_name;
    const tier = row.size_tier && isRegionTier(row.size_tier) ? row.size_tier : 'standard';
    const [region] = await tx<{ id: string }[]>`
      INSERT INTO regions (name, display_name, region_type, owner_id, subscription_tier, size_tier, paypal_subscription_id,
        subscription_status, subscription_started_at, last_payment_at, next_billing_at, payment_failure_count,
        status, desired_state, runtime_state, total_sectors, spec_generation)
      VALUES (${name}, ${regionDisplayName(name)}, 'player_owned', ${row.player_id}, 'regional_owner', ${tier}, ${truth.id},
        'ACTIVE', ${iso(toDate(truth.start_time) ?? now)}::timestamptz, ${iso(lastPaymentAt)}::timestamptz, ${iso(nextBillingAt)}::timestamptz, 0,
        'pending', 'running', 'requested', ${REGION_TIERS[tier].targetSectors}, 1)
      RETURNING id`;
    await tx`UPDATE billing_subscriptions SET region_id = ${region!.id} WHERE id = ${row.id}`;
    await regionEvent(tx, region!.id, 'Normal', 'ProvisionRequested', `region ${name} (${tier}) bought through PayPal subscription ${truth.id}`, {
      source: 'paypal',
      paypalSubscriptionId: truth.id,
      eventId,
      ownerPlayerId: row.player_id,
      sizeTier: tier,
    });
    return [`region_created:${region!.id}`];
  }

  const [r] = await tx<RegionBillingRow[]>`
    SELECT id, status, payment_failure_count, (extract(epoch from suspended_at) * 1000)::float8 AS suspended_at_ms, runtime_state, subscription_status FROM regions WHERE id = ${row.region_id} FOR UPDATE`;
  if (!r) return [];
  const d = decideRegionBilling({ status: r.status, paymentFailureCount: r.payment_failure_count, suspendedAt: fromMs(r.suspended_at_ms), runtimeState: r.runtime_state }, signal, now);
  const subscriptionStatus = d.subscriptionStatus ?? r.subscription_status;
  // PayPal's consecutive-failure count is the truth whenever it reports one.
  const failures = truth.billing_info?.failed_payments_count ?? d.paymentFailureCount;
  if (!d.changed && failures === r.payment_failure_count && subscriptionStatus === r.subscription_status && !lastPaymentAt && !nextBillingAt) return [];
  await tx`
    UPDATE regions SET status = ${d.status}, payment_failure_count = ${failures}, suspended_at = ${iso(d.suspendedAt)}::timestamptz,
      subscription_status = ${subscriptionStatus},
      last_payment_at = COALESCE(${iso(lastPaymentAt)}::timestamptz, last_payment_at), next_billing_at = COALESCE(${iso(nextBillingAt)}::timestamptz, next_billing_at),
      updated_at = now()
    WHERE id = ${r.id}`;
  if (d.status !== r.status) {
    await regionEvent(tx, r.id, d.status === 'suspended' ? 'Warning' : 'Normal', d.reason === 'restored' ? 'SubscriptionRestored' : 'SubscriptionSuspended', `region ${d.status}: PayPal subscription ${truth.id} is ${truth.status}`, {
      source: 'paypal',
      from: r.status,
      to: d.status,
      paypalStatus: truth.status,
      eventId,
      suspendedAt: d.suspendedAt?.toISOString() ?? null,
    });
  }
  return [`region_${d.reason}:${d.status}`];
}

interface CitizenRow {
  user_id: string;
  is_galactic_citizen: boolean;
  gc_lapsed_at_ms: number | null;
  gc_relocation_used_at_ms: number | null;
  payment_failure_count: number;
  subscription_started_at_ms: number | null;
}

async function applyCitizenship(tx: Tx, row: BillingRow, truth: PayPalSubscription, signal: BillingSignal, now: Date): Promise<string[]> {
  const [p] = await tx<CitizenRow[]>`
    SELECT p.user_id, p.is_galactic_citizen, (extract(epoch from p.gc_lapsed_at) * 1000)::float8 AS gc_lapsed_at_ms, (extract(epoch from p.gc_relocation_used_at) * 1000)::float8 AS gc_relocation_used_at_ms, u.payment_failure_count, (extract(epoch from u.subscription_started_at) * 1000)::float8 AS subscription_started_at_ms
    FROM players p JOIN users u ON u.id = p.user_id WHERE p.id = ${row.player_id} FOR UPDATE OF p, u`;
  if (!p) return [];
  const d = decideCitizenship(
    { isGalacticCitizen: p.is_galactic_citizen, gcLapsedAt: fromMs(p.gc_lapsed_at_ms), gcRelocationUsedAt: fromMs(p.gc_relocation_used_at_ms), paymentFailureCount: p.payment_failure_count },
    signal,
    now,
  );
  await tx`
    UPDATE players SET is_galactic_citizen = ${d.isGalacticCitizen}, gc_lapsed_at = ${iso(d.gcLapsedAt)}::timestamptz, gc_relocation_used_at = ${iso(d.gcRelocationUsedAt)}::timestamptz
    WHERE id = ${row.player_id}`;
  const active = d.subscriptionStatus === 'ACTIVE';
  const ended = d.subscriptionStatus === 'CANCELLED' || d.subscriptionStatus === 'EXPIRED';
  const expiresAt = toDate(truth.billing_info?.next_billing_time) ?? new Date(now.getTime() + 31 * 86_400_000);
  await tx`
    UPDATE users SET
      paypal_subscription_id = ${ended ? null : truth.id},
      subscription_tier = 'galactic_citizen',
      subscription_status = COALESCE(${d.subscriptionStatus}, subscription_status),
      subscription_started_at = ${iso(active ? (fromMs(p.subscription_started_at_ms) ?? now) : fromMs(p.subscription_started_at_ms))}::timestamptz,
      subscription_expires_at = CASE WHEN ${active} THEN ${iso(expiresAt)}::timestamptz ELSE subscription_expires_at END,
      payment_failure_count = ${d.paymentFailureCount}
    WHERE id = ${p.user_id}`;
  return [`citizenship:${d.isGalacticCitizen ? 'granted' : 'revoked'}${d.gcLapsedAt ? ':lapsing' : ''}`];
}
