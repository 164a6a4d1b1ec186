/**
 * The level-triggered reconcile loop: desired state lives in the hub DB; every
 * RECONCILE_RESYNC_MS (default 5 s) the loop lists regions that are not converged and queues them, and
 * `kick(id)` queues one immediately after an intent. Per-region serialization is twofold: an
 * in-process queue keyed by region id (one pass at a time per region) AND a session-level Postgres
 * advisory lock per region (so two orchestrator replicas never work the same region; the loser skips).
 * Transient failures are retried with exponential backoff (1 s … 60 s); RECONCILE_CONCURRENCY (default
 * 4) passes run at once. Each advisory lock has its own session, never a pool
 * connection, and at most `lockSlots` exist at once (region-locks.ts).
 */
import type { ReconcileContext } from './context.ts';
import { reconcileRegion } from './reconcile-region.ts';
import { recordRegionEvent } from '../store/region-events.ts';
import { createRegionLocks, hubLockConnections } from './region-locks.ts';

export interface ReconcilerOptions {
  concurrency?: number;
  resyncMs?: number;
  /** Lock sessions (connections besides the pool) held at once (RECONCILE_LOCK_SLOTS, default 4). */
  lockSlots?: number;
  /** How long a pass / health transition waits for a lock slot before it is skipped (default 30 s). */
  lockAcquireTimeoutMs?: number;
  /** Called after every pass (success or failure): attach, restart, detach and termination all end in one. */
  onPassSettled?: (regionId: string) => void;
}

export interface Reconciler {
  start(): void;
  stop(): Promise<void>;
  /** Queue a region now (or every due region when omitted). */
  kick(regionId?: string): void;
  /** Runs `fn` under the same per-region serialization as reconcile passes (health monitor, autoscaler). */
  runExclusive<T>(regionId: string, fn: () => Promise<T>): Promise<T | null>;
  /** Resolves when no pass is running or queued (tests). */
  idle(): Promise<void>;
}

export function createReconciler(ctx: ReconcileContext, opts: ReconcilerOptions = {}): Reconciler {
  const concurrency = opts.concurrency ?? 4;
  const resyncMs = opts.resyncMs ?? 5_000;
  const queued = new Set<string>();
  const notBefore = new Map<string, number>();
  const failures = new Map<string, number>();
  const lastError = new Map<string, string>();
  const chains = new Map<string, Promise<unknown>>();
  let running = 0;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;
  let wakeTimer: NodeJS.Timeout | null = null;
  const idleWaiters: Array<() => void> = [];

  const locks = createRegionLocks(hubLockConnections(ctx.hubUrl), { slots: opts.lockSlots ?? 4, acquireTimeoutMs: opts.lockAcquireTimeoutMs ?? 30_000, log: ctx.log });

  /** Serializes work per region inside this process and holds the advisory lock around it. */
  async function exclusive<T>(regionId: string, fn: () => Promise<T>): Promise<T | null> {
    const prev = chains.get(regionId) ?? Promise.resolve();
    const run = prev.catch(() => {}).then(() => locks.withLock(regionId, fn));
    chains.set(regionId, run);
    try {
      return await run;
    } finally {
      if (chains.get(regionId) === run) chains.delete(regionId);
    }
  }

  function scheduleWake() {
    if (stopped) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    const next = Math.min(...[...queued].map((id) => notBefore.get(id) ?? 0), Date.now() + resyncMs);
    wakeTimer = setTimeout(pump, Math.max(0, next - Date.now()));
    wakeTimer.unref();
  }

  function pump() {
    if (stopped) return;
    const now = Date.now();
    for (const id of [...queued]) {
      if (running >= concurrency) break;
      if ((notBefore.get(id) ?? 0) > now || chains.has(id)) continue;
      queued.delete(id);
      running++;
      void exclusive(id, () => reconcileRegion(ctx, id))
        .then((res) => {
          failures.delete(id);
          lastError.delete(id);
          if (res && res.requeueAfterMs !== undefined) {
            notBefore.set(id, Date.now() + res.requeueAfterMs);
            queued.add(id);
          } else notBefore.delete(id);
        })
        .catch(async (err: unknown) => {
          const n = (failures.get(id) ?? 0) + 1;
          failures.set(id, n);
          const delay = Math.min(1_000 * 2 ** (n - 1), 60_000);
          notBefore.set(id, Date.now() + delay);
          queued.add(id);
          const message = String((err as Error)?.message ?? err).slice(0, 1000);
          ctx.log.warn({ regionId: id, err: message, retryInMs: delay }, 'reconcile failed; will retry');
          if (lastError.get(id) !== message) {
            lastError.set(id, message);
            await recordRegionEvent(ctx, id, { type: 'Warning', reason: 'ReconcileFailed', message, data: { retryInMs: delay, failures: n } }).catch((e: unknown) =>
              ctx.log.warn({ err: e, regionId: id }, 'could not record the ReconcileFailed event'),
            );
          }
        })
        .finally(() => {
          running--;
          opts.onPassSettled?.(id);
          if (running === 0 && queued.size === 0) idleWaiters.splice(0).forEach((w) => w());
          pump();
        });
    }
    scheduleWake();
  }

  async function resync() {
    if (stopped) return;
    try {
      const rows = await ctx.sql<{ id: string }[]>`
        SELECT id FROM regions
        WHERE region_type = 'player_owned'
          AND runtime_state NOT IN ('archived', 'terminated')
          AND NOT (desired_state = 'running' AND runtime_state IN ('error', 'generation_corrupt'))
          AND NOT (desired_state = 'running' AND runtime_state = 'ready' AND spec_generation = observed_generation)
          AND NOT (desired_state = 'running' AND runtime_state IN ('hibernated', 'tombstoned') AND wake_requested_at IS NULL)`;
      for (const { id } of rows) queued.add(id);
      pump();
    } catch (err) {
      ctx.log.warn({ err: String(err) }, 'resync failed');
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(() => void resync(), resyncMs);
      timer.unref();
      void resync();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (wakeTimer) clearTimeout(wakeTimer);
      await Promise.allSettled([...chains.values()]);
    },
    kick(regionId?: string) {
      if (!regionId) return void resync();
      queued.add(regionId);
      notBefore.delete(regionId);
      pump();
    },
    runExclusive: exclusive,
    idle() {
      if (running === 0 && queued.size === 0) return Promise.resolve();
      return new Promise((r) => idleWaiters.push(r));
    },
  };
}
