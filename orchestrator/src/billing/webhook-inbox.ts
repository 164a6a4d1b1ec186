/**
 * The durable PayPal webhook inbox (docs/decisions/webhook-inbox.md). The endpoint stores every verified, handled
 * event with `store()` BEFORE it answers 2xx (one row per PayPal event id: a redelivery only bumps `deliveries`);
 * a claim loop works the stored rows:
 *
 *  1. claim: one UPDATE takes up to `batch` due rows (`FOR UPDATE SKIP LOCKED`, so replicas never take the same
 *     row), counts the attempt and leases the row for `leaseMs` (a worker that dies mid-way loses the lease and
 *     another worker retries the row when it runs out);
 *  2. process: processWebhookEvent re-reads PayPal and applies the effect in ONE transaction, and `processed_at` is
 *     set inside that transaction (inTransaction hook), so "effect done" and "row done" commit together;
 *  3. failure: the row goes back with `next_attempt_at` pushed out by decideWebhookRetry (@sw/domain), or gets
 *     `failed_at` after the last attempt (a redelivery of that event revives it).
 *
 * Exactly-once effects come from the transaction (processed_webhook_events + processed_at), not from the lease:
 * a lease that expired while its worker was still busy lets a second worker run the event, whose transaction then
 * finds the id already processed.
 */
import client from 'prom-client';
import type postgres from 'postgres';
import { DEFAULT_WEBHOOK_RETRY_POLICY, decideWebhookRetry, subscriptionIdOfEvent, type BillingPlan, type WebhookRetryPolicy } from '@sw/domain';
import type { PayPalClient, PayPalWebhookEvent } from '@sw/paypal';
import { silentLogger, type BillingLogger } from './billing-types.ts';
import { processWebhookEvent, type ProcessOutcome } from './process-webhook-event.ts';

export interface WebhookInboxOptions {
  /** Claimed rows per round, worked concurrently (events of one subscription one after another). Default 8. */
  batch?: number;
  /** Idle poll period when nobody kicks the loop (another replica stored the row, a retry came due). Default 1000. */
  pollMs?: number;
  /** How long a claim holds a row before another worker may take it over. Default 60000. */
  leaseMs?: number;
  retry?: Partial<WebhookRetryPolicy>;
  /** TEST ONLY: store but never claim (the crash test kills the process between the answer and processing). */
  paused?: boolean;
}

export interface WebhookInboxDeps {
  sql: postgres.Sql;
  paypal: PayPalClient;
  planIds: Readonly<Record<BillingPlan, string>>;
  log?: BillingLogger;
  onProcessed?: (outcome: ProcessOutcome, event: PayPalWebhookEvent) => void;
}

export interface InboxStats {
  /** Stored, not processed, not given up. */
  pending: number;
  /** Given up after the last attempt (kept for an operator; a redelivery revives it). */
  failed: number;
  /** Seconds since the oldest pending row was received (0 when none): the processing lag. */
  oldestPendingSeconds: number;
}

export interface WebhookInbox {
  /** Stores a verified event (same request, before 2xx). `stored` the first time, `redelivery` after. Throws when the database does. */
  store(event: PayPalWebhookEvent): Promise<'stored' | 'redelivery'>;
  /** Starts the claim loop (idempotent; `store()` starts it too). */
  start(): void;
  /** Wakes the loop now instead of at the next poll. */
  kick(): void;
  /** Pending rows as last counted (cheap; refreshed by every round of the loop and by stats()). */
  size(): number;
  stats(): Promise<InboxStats>;
  /** Resolves when no pending row is left (retries included) and nothing is in flight (tests, shutdown). */
  drain(): Promise<void>;
  /** Stops the loop and waits for in-flight events (their rows stay leased or get processed). */
  stop(): Promise<void>;
  /** Seconds from receipt to processed, observed per processed event (registered by the orchestrator). */
  readonly processingLag: client.Histogram;
}

interface ClaimedRow {
  event_id: string;
  subscription_id: string | null;
  payload: string;
  attempts: number;
  received_ms: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createWebhookInbox(deps: WebhookInboxDeps, opts: WebhookInboxOptions = {}): WebhookInbox {
  const { sql } = deps;
  const log = deps.log ?? silentLogger;
  const batch = opts.batch ?? 8;
  const pollMs = opts.pollMs ?? 1_000;
  const leaseSeconds = (opts.leaseMs ?? 60_000) / 1000;
  const policy: WebhookRetryPolicy = { ...DEFAULT_WEBHOOK_RETRY_POLICY, ...opts.retry };
  const processingLag = new client.Histogram({
    name: 'sw_paypal_webhook_processing_lag_seconds',
    help: 'Seconds from storing a PayPal webhook in the inbox to processing it',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 1800],
    registers: [],
  });
  let loop: Promise<void> | null = null;
  let stopped = false;
  let inFlight = 0;
  let pendingCount = 0;
  let wake: (() => void) | null = null;

  const kick = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  async function markProcessed(q: postgres.Sql | postgres.TransactionSql, eventId: string, outcome: ProcessOutcome['kind']): Promise<void> {
    await q`UPDATE paypal_webhook_inbox SET processed_at = now(), outcome = ${outcome}, locked_until = NULL, last_error = NULL
      WHERE event_id = ${eventId} AND processed_at IS NULL`;
  }

  async function work(row: ClaimedRow): Promise<void> {
    const event = JSON.parse(row.payload) as PayPalWebhookEvent;
    try {
      let marked = false;
      const outcome = await processWebhookEvent({ sql }, event, deps.paypal, {
        planIds: deps.planIds,
        inTransaction: async (tx, o) => {
          await markProcessed(tx, row.event_id, o.kind);
          marked = true;
        },
      });
      // Early returns wrote nothing: marking the row on its own loses nothing.
      if (!marked) await markProcessed(sql, row.event_id, outcome.kind);
      processingLag.observe(Math.max(0, (Date.now() - row.received_ms) / 1000));
      log.info({ eventId: event.id, eventType: event.event_type, outcome: outcome.kind, attempt: row.attempts, ...(outcome.kind === 'applied' ? { effects: outcome.effects } : {}) }, 'paypal webhook processed');
      deps.onProcessed?.(outcome, event);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const d = decideWebhookRetry(row.attempts, policy);
      try {
        if (d.kind === 'retry') {
          await sql`UPDATE paypal_webhook_inbox SET locked_until = NULL, last_error = ${message.slice(0, 2000)},
            next_attempt_at = now() + make_interval(secs => ${d.delayMs / 1000}) WHERE event_id = ${row.event_id} AND processed_at IS NULL`;
          log.warn({ eventId: row.event_id, err: message, attempt: row.attempts, retryInMs: d.delayMs }, 'paypal webhook processing failed, retrying');
        } else {
          await sql`UPDATE paypal_webhook_inbox SET locked_until = NULL, last_error = ${message.slice(0, 2000)}, failed_at = now()
            WHERE event_id = ${row.event_id} AND processed_at IS NULL`;
          log.error({ eventId: row.event_id, err: message, attempts: row.attempts }, 'paypal webhook processing failed for good');
        }
      } catch (markErr) {
        // The lease runs out and the row is claimed again: nothing is lost.
        log.warn({ eventId: row.event_id, err: String(markErr) }, 'could not record a webhook failure; the lease will expire');
      }
    }
  }

  async function claim(): Promise<ClaimedRow[]> {
    return sql<ClaimedRow[]>`
      UPDATE paypal_webhook_inbox i SET attempts = i.attempts + 1, locked_until = now() + make_interval(secs => ${leaseSeconds})
      FROM (
        SELECT event_id FROM paypal_webhook_inbox
        WHERE processed_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until <= now())
        ORDER BY received_at LIMIT ${batch} FOR UPDATE SKIP LOCKED
      ) due
      WHERE i.event_id = due.event_id
      RETURNING i.event_id, i.subscription_id, i.payload::text AS payload, i.attempts, (extract(epoch from i.received_at) * 1000)::float8 AS received_ms`;
  }

  async function round(): Promise<number> {
    const rows = await claim();
    if (rows.length === 0) return 0;
    inFlight += rows.length;
    // One subscription's events one after another (in receipt order), different subscriptions concurrently.
    const lanes = new Map<string, ClaimedRow[]>();
    for (const r of rows) {
      const key = r.subscription_id ?? r.event_id;
      lanes.set(key, [...(lanes.get(key) ?? []), r]);
    }
    await Promise.all(
      [...lanes.values()].map(async (lane) => {
        for (const r of lane) {
          try {
            await work(r);
          } finally {
            inFlight--;
          }
        }
      }),
    );
    return rows.length;
  }

  async function run(): Promise<void> {
    while (!stopped) {
      let got = 0;
      try {
        got = await round();
        if (got === 0) pendingCount = (await stats()).pending;
      } catch (err) {
        log.warn({ err: String(err) }, 'webhook inbox round failed');
      }
      if (got > 0 || stopped) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          wake = null;
          resolve();
        }, pollMs);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  async function stats(): Promise<InboxStats> {
    const [r] = await sql<{ pending: number; failed: number; oldest: number | null }[]>`
      SELECT count(*) FILTER (WHERE processed_at IS NULL AND failed_at IS NULL)::int AS pending,
        count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed,
        extract(epoch from now() - min(received_at) FILTER (WHERE processed_at IS NULL AND failed_at IS NULL))::float8 AS oldest
      FROM paypal_webhook_inbox WHERE processed_at IS NULL`;
    pendingCount = r?.pending ?? 0;
    return { pending: pendingCount, failed: r?.failed ?? 0, oldestPendingSeconds: Math.max(0, r?.oldest ?? 0) };
  }

  const start = () => {
    if (loop || stopped || opts.paused) return;
    loop = run();
  };

  return {
    processingLag,
    async store(event) {
      const subscriptionId = subscriptionIdOfEvent(event.event_type, event.resource);
      const [row] = await sql<{ inserted: boolean }[]>`
        INSERT INTO paypal_webhook_inbox (event_id, event_type, subscription_id, payload)
        VALUES (${event.id}, ${event.event_type}, ${subscriptionId}, ${JSON.stringify(event)}::text::jsonb)
        ON CONFLICT (event_id) DO UPDATE SET deliveries = paypal_webhook_inbox.deliveries + 1,
          attempts = CASE WHEN paypal_webhook_inbox.failed_at IS NULL THEN paypal_webhook_inbox.attempts ELSE 0 END,
          next_attempt_at = CASE WHEN paypal_webhook_inbox.failed_at IS NULL THEN paypal_webhook_inbox.next_attempt_at ELSE now() END,
          failed_at = NULL
        RETURNING (xmax = 0) AS inserted`;
      if (row?.inserted) pendingCount++;
      start();
      kick();
      return row?.inserted ? 'stored' : 'redelivery';
    },
    start,
    kick,
    size: () => pendingCount,
    stats,
    async drain() {
      for (;;) {
        kick();
        const s = await stats();
        if (s.pending === 0 && inFlight === 0) return;
        await sleep(20);
      }
    },
    async stop() {
      stopped = true;
      kick();
      await loop;
    },
  };
}
