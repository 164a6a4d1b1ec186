/**
 * The billing lifecycle sweep (docs/rules/region-status.md; docs/rules/original-defects.md #4): suspended → grace at suspended_at + 7 d,
 * → terminated at suspended_at + 30 d (desired_state 'terminated', evacuation deadline now: the 30 days
 * of suspension were the notice, so the orchestrator archives and cleans up at once), a suspended row
 * without suspended_at gets stamped, and a Galactic Citizen lapse ends after 7 days. Safe with several
 * replicas: one transaction-scoped advisory lock per sweep, and rows taken FOR UPDATE SKIP LOCKED.
 */
import { decideLifecycleTimer, isCitizenshipLapseOver, type BillingPlan, type RegionStatus } from '@sw/domain';
import { silentLogger, type BillingDb, type BillingLogger } from './billing-types.ts';
import type { PayPalClient } from '@sw/paypal';
import { fromMs } from './process-webhook-event.ts';
import { reconcileBillingSubscriptions, type ReconcileBillingOptions } from './reconcile-billing-subscriptions.ts';
import { runSubscriptionCancellations } from './subscription-cancellations.ts';

export interface BillingSweepResult {
  /** False when another replica held the sweep lock. */
  ran: boolean;
  stamped: number;
  graced: number;
  terminated: string[];
  citizenshipsEnded: number;
}

const SWEEP_LOCK = 'sw:billing-sweep';

export async function runBillingSweep(db: BillingDb, now: Date = new Date(), opts: { batchSize?: number } = {}): Promise<BillingSweepResult> {
  const batch = opts.batchSize ?? 500;
  return db.sql.begin(async (tx) => {
    const result: BillingSweepResult = { ran: false, stamped: 0, graced: 0, terminated: [], citizenshipsEnded: 0 };
    const [lock] = await tx<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${SWEEP_LOCK})) AS ok`;
    if (!lock?.ok) return result;
    result.ran = true;
    const rows = await tx<{ id: string; status: RegionStatus; suspended_at_ms: number | null; name: string }[]>`
      SELECT id, status, (extract(epoch from suspended_at) * 1000)::float8 AS suspended_at_ms, name FROM regions
      WHERE status IN ('suspended', 'grace') AND region_type = 'player_owned'
      ORDER BY suspended_at NULLS FIRST LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
    for (const r of rows) {
      const suspendedAt = fromMs(r.suspended_at_ms);
      const d = decideLifecycleTimer({ status: r.status, suspendedAt }, now);
      switch (d.kind) {
        case 'none':
          break;
        case 'stamp':
          await tx`UPDATE regions SET suspended_at = ${d.suspendedAt.toISOString()}::timestamptz, updated_at = now() WHERE id = ${r.id}`;
          result.stamped++;
          break;
        case 'grace':
          await tx`UPDATE regions SET status = 'grace', updated_at = now() WHERE id = ${r.id}`;
          await tx`INSERT INTO region_events (region_id_snapshot, type, reason, message, data)
            VALUES (${r.id}, 'Warning', 'SubscriptionGrace', ${`region ${r.name} entered grace; terminated 30 days after ${suspendedAt!.toISOString()}`}, ${JSON.stringify({ suspendedAt: suspendedAt!.toISOString() })}::text::jsonb)`;
          result.graced++;
          break;
        case 'terminate':
          await tx`
            UPDATE regions SET status = 'terminated', terminated_at = ${d.terminatedAt.toISOString()}::timestamptz, scheduled_hard_delete_at = ${d.scheduledHardDeleteAt.toISOString()}::timestamptz,
              desired_state = 'terminated', termination_origin = 'billing', termination_requested_at = COALESCE(termination_requested_at, ${now.toISOString()}::timestamptz),
              evacuation_deadline_at = LEAST(COALESCE(evacuation_deadline_at, ${now.toISOString()}::timestamptz), ${now.toISOString()}::timestamptz),
              spec_generation = spec_generation + 1, updated_at = now()
            WHERE id = ${r.id}`;
          await tx`INSERT INTO region_events (region_id_snapshot, type, reason, message, data)
            VALUES (${r.id}, 'Warning', 'SubscriptionTerminated', ${`region ${r.name} terminated: unpaid 30 days after ${suspendedAt!.toISOString()}`}, ${JSON.stringify({ suspendedAt: suspendedAt!.toISOString(), scheduledHardDeleteAt: d.scheduledHardDeleteAt.toISOString() })}::text::jsonb)`;
          result.terminated.push(r.id);
          break;
      }
    }
    const lapsed = await tx<{ id: string; is_galactic_citizen: boolean; gc_lapsed_at_ms: number | null }[]>`
      SELECT id, is_galactic_citizen, (extract(epoch from gc_lapsed_at) * 1000)::float8 AS gc_lapsed_at_ms FROM players
      WHERE is_galactic_citizen AND gc_lapsed_at IS NOT NULL LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
    for (const p of lapsed) {
      if (!isCitizenshipLapseOver({ isGalacticCitizen: p.is_galactic_citizen, gcLapsedAt: fromMs(p.gc_lapsed_at_ms) }, now)) continue;
      await tx`UPDATE players SET is_galactic_citizen = false WHERE id = ${p.id}`;
      result.citizenshipsEnded++;
    }
    return result;
  });
}

export interface BillingSchedulerOptions {
  intervalMs?: number;
  log?: BillingLogger;
  now?: () => Date;
  /** Level-triggered reconciliation against the PayPal API (reconcileBillingSubscriptions); omitted = off. */
  reconcile?: { paypal: PayPalClient; intervalMs: number; planIds: Readonly<Record<BillingPlan, string>> } & ReconcileBillingOptions;
  /** PayPal cancellations we owe (subscription-cancellations.ts), worked every `intervalMs`; omitted = off. */
  cancellations?: { paypal: PayPalClient; intervalMs: number };
}

export interface BillingScheduler {
  stop(): void;
  /** Runs the cancellation job now (after a request was written), unless it is running already. */
  kickCancellations(): void;
}

/**
 * Runs the sweep every `intervalMs` (default hourly) and, when `reconcile` is given, the PayPal
 * reconciliation pass every `reconcile.intervalMs`, on every replica: the sweep lock and the per-row
 * SKIP LOCKED make them safe; a tick never overlaps the previous tick of the same job.
 */
export function startBillingScheduler(db: BillingDb, opts: BillingSchedulerOptions = {}): BillingScheduler {
  const log = opts.log ?? silentLogger;
  const timers: NodeJS.Timeout[] = [];
  const every = (name: string, intervalMs: number, job: () => Promise<void>) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await job();
      } catch (err) {
        log.error({ err: (err as Error).message }, `${name} failed`);
      } finally {
        running = false;
      }
    };
    const timer = setInterval(() => void tick(), intervalMs);
    timer.unref();
    timers.push(timer);
    void tick();
    return () => void tick();
  };
  every('billing sweep', opts.intervalMs ?? 3_600_000, async () => {
    const r = await runBillingSweep(db, opts.now?.() ?? new Date());
    if (r.ran && (r.stamped || r.graced || r.terminated.length || r.citizenshipsEnded)) log.info({ ...r }, 'billing sweep');
  });
  const rc = opts.reconcile;
  if (rc && rc.intervalMs > 0) {
    const { paypal, intervalMs, planIds, ...reconcileOpts } = rc;
    every('billing reconcile', intervalMs, async () => {
      const r = await reconcileBillingSubscriptions({ sql: db.sql, paypal, log, planIds }, opts.now?.() ?? new Date(), reconcileOpts);
      if (r.checked) log.info({ checked: r.checked, applied: r.applied.length, upToDate: r.upToDate, skipped: r.skipped, unreachable: r.unreachable }, 'billing reconcile');
    });
  }
  const cc = opts.cancellations;
  const kickCancellations =
    cc && cc.intervalMs > 0
      ? every('billing cancellations', cc.intervalMs, async () => {
          const r = await runSubscriptionCancellations({ sql: db.sql, paypal: cc.paypal, log }, opts.now?.() ?? new Date());
          if (r.completed.length || r.failed.length) log.info({ completed: r.completed.length, failed: r.failed.length }, 'billing cancellations');
        })
      : () => {};
  return { stop: () => timers.forEach((t) => clearInterval(t)), kickCancellations };
}
