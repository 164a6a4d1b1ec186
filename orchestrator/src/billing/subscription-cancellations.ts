/**
 * PayPal cancellations we owe (table billing_cancellations, an outbox): `requestSubscriptionCancellation`
 * is called inside the transaction of the cause (a region starts archiving, an activation is refused);
 * `runSubscriptionCancellations` works due requests OUTSIDE any transaction — claim a row with a lease,
 * call PayPal, record the outcome — on every replica (the lease makes a row go to one worker at a time).
 *
 * Outcomes: PayPal cancelled it (`cancelled`); PayPal says it is CANCELLED / EXPIRED already
 * (`already_inactive`); PayPal does not know it (`unknown_at_paypal`). Anything else (PayPal unreachable,
 * a subscription not yet cancellable such as APPROVED) is retried with backoff (1 min doubling, ≤ 6 h) and
 * the error is kept in last_error. A second request for the same subscription changes nothing.
 */
import type postgres from 'postgres';
import { cancellationRetryDelayMs, type BillingCancellationOutcome, type BillingCancellationReason } from '@sw/domain';
import { PayPalApiError, type PayPalClient } from '@sw/paypal';
import { silentLogger, type BillingDb, type BillingLogger } from './billing-types.ts';

type Queryable = postgres.Sql | postgres.TransactionSql;

/** How long a claimed row is hidden from other workers while its PayPal call runs. */
const LEASE_MS = 5 * 60_000;

const REASON_TEXT: Record<BillingCancellationReason, string> = {
  region_terminated: 'Region terminated',
  activation_refused: 'Subscription could not be activated',
};

/** Records that `paypalSubscriptionId` must be cancelled (idempotent: the first request wins). */
export async function requestSubscriptionCancellation(
  sql: Queryable,
  req: { paypalSubscriptionId: string; regionId: string | null; reason: BillingCancellationReason },
): Promise<boolean> {
  const rows = await sql`
    INSERT INTO billing_cancellations (paypal_subscription_id, region_id, reason)
    VALUES (${req.paypalSubscriptionId}, ${req.regionId}, ${req.reason})
    ON CONFLICT (paypal_subscription_id) DO NOTHING RETURNING paypal_subscription_id`;
  return rows.length > 0;
}

/**
 * A region's termination became irreversible (archiving): request the cancellation of its PayPal
 * subscription, if it has one. True when a new request was written.
 */
export async function requestRegionSubscriptionCancellation(sql: Queryable, regionId: string): Promise<boolean> {
  const rows = await sql`
    INSERT INTO billing_cancellations (paypal_subscription_id, region_id, reason)
    SELECT paypal_subscription_id, id, 'region_terminated' FROM regions WHERE id = ${regionId} AND paypal_subscription_id IS NOT NULL
    ON CONFLICT (paypal_subscription_id) DO NOTHING RETURNING paypal_subscription_id`;
  return rows.length > 0;
}

export interface CancellationsDeps extends BillingDb {
  paypal: PayPalClient;
  log?: BillingLogger;
}

export interface CancellationsResult {
  completed: Array<{ paypalSubscriptionId: string; outcome: BillingCancellationOutcome }>;
  failed: Array<{ paypalSubscriptionId: string; error: string; retryInMs: number }>;
}

interface Claimed {
  paypal_subscription_id: string;
  region_id: string | null;
  reason: BillingCancellationReason;
  attempts: number;
}

async function cancelAtPayPal(paypal: PayPalClient, c: Claimed): Promise<BillingCancellationOutcome> {
  try {
    await paypal.cancelSubscription(c.paypal_subscription_id, REASON_TEXT[c.reason]);
    return 'cancelled';
  } catch (err) {
    if (!(err instanceof PayPalApiError)) throw err;
    if (err.status === 404) return 'unknown_at_paypal';
    if (err.status !== 422) throw err;
    // Not cancellable right now: fine when it has ended already, otherwise (e.g. APPROVED) try again later.
    const live = await paypal.getSubscription(c.paypal_subscription_id);
    if (live.status === 'CANCELLED' || live.status === 'EXPIRED') return 'already_inactive';
    throw new Error(`PayPal refused to cancel a ${live.status} subscription; retrying later`, { cause: err });
  }
}

/** Works up to `limit` due cancellation requests; returns what happened to each. */
export async function runSubscriptionCancellations(deps: CancellationsDeps, now: Date = new Date(), opts: { limit?: number } = {}): Promise<CancellationsResult> {
  const log = deps.log ?? silentLogger;
  const result: CancellationsResult = { completed: [], failed: [] };
  // Claim: push next_attempt_at past the lease so no other worker takes these rows meanwhile.
  const claimed = await deps.sql<Claimed[]>`
    UPDATE billing_cancellations SET attempts = attempts + 1, next_attempt_at = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
    WHERE paypal_subscription_id IN (
      SELECT paypal_subscription_id FROM billing_cancellations
      WHERE completed_at IS NULL AND next_attempt_at <= ${now.toISOString()}::timestamptz
      ORDER BY next_attempt_at LIMIT ${opts.limit ?? 20} FOR UPDATE SKIP LOCKED)
    RETURNING paypal_subscription_id, region_id, reason, attempts`;
  for (const c of claimed) {
    try {
      const outcome = await cancelAtPayPal(deps.paypal, c);
      await deps.sql.begin(async (tx) => {
        await tx`UPDATE billing_cancellations SET completed_at = now(), outcome = ${outcome}, last_error = NULL WHERE paypal_subscription_id = ${c.paypal_subscription_id}`;
        if (c.region_id) {
          await tx`INSERT INTO region_events (region_id_snapshot, type, reason, message, data)
            VALUES (${c.region_id}, 'Normal', 'SubscriptionCancelled', ${`PayPal subscription ${c.paypal_subscription_id}: ${outcome.replaceAll('_', ' ')} (${REASON_TEXT[c.reason].toLowerCase()})`},
              ${JSON.stringify({ paypalSubscriptionId: c.paypal_subscription_id, outcome, reason: c.reason, attempts: c.attempts })}::text::jsonb)`;
        }
      });
      log.info({ paypalSubscriptionId: c.paypal_subscription_id, outcome, reason: c.reason }, 'paypal subscription cancellation done');
      result.completed.push({ paypalSubscriptionId: c.paypal_subscription_id, outcome });
    } catch (err) {
      const retryInMs = cancellationRetryDelayMs(c.attempts);
      const error = (err as Error).message.slice(0, 1000);
      await deps.sql`
        UPDATE billing_cancellations SET last_error = ${error}, next_attempt_at = ${new Date(now.getTime() + retryInMs).toISOString()}::timestamptz
        WHERE paypal_subscription_id = ${c.paypal_subscription_id}`;
      log.warn({ err, paypalSubscriptionId: c.paypal_subscription_id, attempts: c.attempts, retryInMs }, 'paypal subscription cancellation failed; will retry');
      result.failed.push({ paypalSubscriptionId: c.paypal_subscription_id, error, retryInMs });
    }
  }
  return result;
}
