/**
 * reconcileBillingSubscriptions: the level-triggered half of billing. Webhooks are acknowledged at once
 * and processed asynchronously; an event that fails for good is dropped and PayPal never redelivers an
 * acknowledged event, so the hub could silently diverge from PayPal. This pass re-reads from the PayPal
 * API every billing_subscriptions row that is not final (CANCELLED / EXPIRED) and was not re-read or
 * changed within `recheckAfterMs` (updated_at is the "last looked at" mark — no extra column), and
 * applies PayPal's current view through applyPayPalTruth — the very function the webhook path uses.
 *
 * - Bounded: at most `limit` rows per pass, oldest mark first; abandoned checkouts (APPROVAL_PENDING /
 *   APPROVED older than `abandonedAfterMs`, PayPal approval links expire after hours) are not re-read.
 * - One transaction per subscription; the row is taken FOR UPDATE SKIP LOCKED (a webhook or another
 *   replica's pass holding it → skipped, the next pass sees it), and the up-to-date check runs under the
 *   lock, so two concurrent passes apply a change once.
 * - PayPal unreachable (network, timeout, 5xx, 429) → the row is skipped, logged and left untouched
 *   (re-read next pass); after `maxConsecutiveFailures` such failures the pass stops early. Never throws
 *   for a PayPal failure.
 */
import type { BillingPlan } from '@sw/domain';
import { PayPalApiError, type PayPalClient, type PayPalSubscription } from '@sw/paypal';
import { silentLogger, type BillingDb, type BillingLogger } from './billing-types.ts';
import { applyPayPalTruth, fromMs } from './process-webhook-event.ts';

export interface ReconcileBillingDeps extends BillingDb {
  paypal: PayPalClient;
  /** Our PayPal plan id of each plan (checked at activation). */
  planIds: Readonly<Record<BillingPlan, string>>;
  log?: BillingLogger;
}

export interface ReconcileBillingOptions {
  /** Rows re-read per pass (default 50). */
  limit?: number;
  /** A row changed or re-read within this window is not re-read (default 15 min). */
  recheckAfterMs?: number;
  /** Pending checkouts older than this are abandoned and not re-read (default 2 days). */
  abandonedAfterMs?: number;
  /** Stop the pass after this many consecutive "PayPal unreachable" failures (default 3). */
  maxConsecutiveFailures?: number;
}

export interface ReconcileBillingResult {
  /** Rows selected for a re-read. */
  checked: number;
  /** Rows whose hub state was changed to follow PayPal. */
  applied: Array<{ subscriptionId: string; effects: string[] }>;
  /** Rows already matching PayPal (only the re-read mark moved). */
  upToDate: number;
  /** Rows skipped: locked elsewhere, re-read meanwhile, stale re-read, or unknown to PayPal. */
  skipped: number;
  /** Rows not re-read because PayPal was unreachable. */
  unreachable: number;
}

export const DEFAULT_RECONCILE_LIMIT = 50;
export const DEFAULT_RECHECK_AFTER_MS = 15 * 60_000;
export const DEFAULT_ABANDONED_AFTER_MS = 2 * 86_400_000;
/** Subscriptions PayPal can never move again: no re-read needed. */
export const FINAL_BILLING_STATUSES = ['CANCELLED', 'EXPIRED'] as const;

interface Candidate {
  id: string;
  paypal_subscription_id: string;
}

interface LockedRow {
  status: string;
  status_updated_at_ms: number | null;
  payment_failure_count: number;
  plan: string;
  region_id: string | null;
  region_name: string | null;
}

const isoDate = (v: string | null | undefined): Date | null => {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isFinite(d.getTime()) ? d : null;
};

/**
 * True when the stored row already reflects `truth`: same status, same failure count, no newer PayPal
 * update time, and (regional_owner, ACTIVE) the region exists. Such a row gets no effect re-applied.
 */
function isUpToDate(row: LockedRow, truth: PayPalSubscription): boolean {
  if (row.status !== truth.status) return false;
  if ((truth.billing_info?.failed_payments_count ?? row.payment_failure_count) !== row.payment_failure_count) return false;
  const truthTime = isoDate(truth.status_update_time);
  const stored = fromMs(row.status_updated_at_ms);
  if (truthTime && (!stored || truthTime.getTime() > stored.getTime())) return false;
  if (row.plan === 'regional_owner' && truth.status === 'ACTIVE' && !row.region_id && row.region_name) return false;
  return true;
}

/**
 * Which webhook event the missed change corresponds to (applyPayPalTruth's signalOf then maps it with
 * PayPal's status): a higher consecutive-failure count on an ACTIVE subscription is a missed
 * PAYMENT.FAILED, an ACTIVE subscription that was ACTIVE already is a missed payment, anything else a
 * status change.
 */
function missedEventType(row: LockedRow, truth: PayPalSubscription): string {
  const failures = truth.billing_info?.failed_payments_count;
  if (truth.status === 'ACTIVE' && typeof failures === 'number' && failures > row.payment_failure_count) return 'BILLING.SUBSCRIPTION.PAYMENT.FAILED';
  if (truth.status === 'ACTIVE' && row.status === 'ACTIVE') return 'PAYMENT.SALE.COMPLETED';
  return 'BILLING.SUBSCRIPTION.UPDATED';
}

export async function reconcileBillingSubscriptions(deps: ReconcileBillingDeps, now: Date = new Date(), opts: ReconcileBillingOptions = {}): Promise<ReconcileBillingResult> {
  const { sql, paypal } = deps;
  const log = deps.log ?? silentLogger;
  const limit = Math.max(1, opts.limit ?? DEFAULT_RECONCILE_LIMIT);
  const recheckAfterMs = opts.recheckAfterMs ?? DEFAULT_RECHECK_AFTER_MS;
  const abandonedAfterMs = opts.abandonedAfterMs ?? DEFAULT_ABANDONED_AFTER_MS;
  const maxConsecutiveFailures = Math.max(1, opts.maxConsecutiveFailures ?? 3);
  const cutoff = new Date(now.getTime() - recheckAfterMs).toISOString();
  const abandonedBefore = new Date(now.getTime() - abandonedAfterMs).toISOString();
  const result: ReconcileBillingResult = { checked: 0, applied: [], upToDate: 0, skipped: 0, unreachable: 0 };

  const candidates = await sql<Candidate[]>`
    SELECT id, paypal_subscription_id FROM billing_subscriptions
    WHERE status NOT IN ${sql([...FINAL_BILLING_STATUSES])} AND updated_at <= ${cutoff}::timestamptz
      AND (status NOT IN ('APPROVAL_PENDING', 'APPROVED') OR created_at > ${abandonedBefore}::timestamptz)
    ORDER BY updated_at LIMIT ${limit}`;

  let consecutiveFailures = 0;
  for (const c of candidates) {
    if (consecutiveFailures >= maxConsecutiveFailures) {
      result.unreachable++;
      continue;
    }
    result.checked++;
    // The network call happens outside any transaction: no lock is held while PayPal answers.
    let truth: PayPalSubscription | null;
    try {
      truth = await paypal.getSubscription(c.paypal_subscription_id);
      consecutiveFailures = 0;
    } catch (err) {
      if (err instanceof PayPalApiError && err.status === 404) {
        truth = null;
      } else {
        consecutiveFailures++;
        result.unreachable++;
        log.warn({ subscriptionId: c.paypal_subscription_id, err: (err as Error).message }, 'billing reconcile: PayPal unreachable, row skipped');
        continue;
      }
    }

    type RowOutcome = { kind: 'applied'; effects: string[] } | { kind: 'up_to_date' } | { kind: 'skipped' };
    let outcome: RowOutcome;
    try {
      outcome = await sql.begin(async (tx): Promise<RowOutcome> => {
        // Still due (not re-read by a concurrent pass) and not locked by a webhook or another replica.
        const [row] = await tx<LockedRow[]>`
          SELECT status, (extract(epoch from status_updated_at) * 1000)::float8 AS status_updated_at_ms, payment_failure_count, plan, region_id, region_name
          FROM billing_subscriptions WHERE id = ${c.id} AND updated_at <= ${cutoff}::timestamptz AND status NOT IN ${tx([...FINAL_BILLING_STATUSES])}
          FOR UPDATE SKIP LOCKED`;
        if (!row) return { kind: 'skipped' };
        const mark = () => tx`UPDATE billing_subscriptions SET updated_at = now() WHERE id = ${c.id}`;
        if (!truth) {
          log.warn({ subscriptionId: c.paypal_subscription_id }, 'billing reconcile: PayPal does not know this subscription');
          await mark();
          return { kind: 'skipped' };
        }
        if (isUpToDate(row, truth)) {
          await mark();
          return { kind: 'up_to_date' };
        }
        const applied = await applyPayPalTruth(tx, {
          subscriptionId: c.paypal_subscription_id,
          truth,
          eventType: missedEventType(row, truth),
          eventTime: null,
          eventId: `reconcile:${now.toISOString()}`,
          now,
          planIds: deps.planIds,
        });
        if (applied.kind !== 'applied') {
          await mark(); // a stale re-read (a newer webhook won meanwhile): nothing to do
          return { kind: 'skipped' };
        }
        return { kind: 'applied', effects: applied.effects };
      });
    } catch (err) {
      log.error({ subscriptionId: c.paypal_subscription_id, err: (err as Error).message }, 'billing reconcile: row failed, left for the next pass');
      outcome = { kind: 'skipped' };
    }
    if (outcome.kind === 'applied') result.applied.push({ subscriptionId: c.paypal_subscription_id, effects: outcome.effects });
    else if (outcome.kind === 'up_to_date') result.upToDate++;
    else result.skipped++;
  }
  if (result.applied.length) log.info({ applied: result.applied }, 'billing reconcile: hub caught up with PayPal');
  return result;
}
