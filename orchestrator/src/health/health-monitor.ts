/**
 * Health monitor: every HEALTH_PERIOD_MS (default 5 s, Agones' period) it inspects each live region's
 * stack through the driver — for the process driver: pid alive + GET /health with the same regionId.
 * A healthy answer is the heartbeat (last_heartbeat_at = now; the orchestrator polls, region-servers
 * do not push). heartbeatHealth() decides: a dead process is unhealthy at once ('crash', or 'oom' when
 * known); a live but silent one after HEALTH_FAILURE_THRESHOLD (3) missed periods ('missed_heartbeats').
 * The transition runs under the region's serialization and kicks the reconciler, which restarts it.
 */
import { heartbeatHealth, HEARTBEAT_DEFAULTS } from '@sw/domain';
import type { Reconciler } from '../reconciler/reconciler.ts';
import type { ReconcileContext } from '../reconciler/context.ts';
import { transitionRegion } from '../store/region-events.ts';
import type { StackObserved } from '../drivers/driver.ts';

export interface HealthMonitorOptions {
  periodMs?: number;
  failureThreshold?: number;
}

export interface HealthMonitor {
  start(): void;
  stop(): void;
  /** One evaluation of every live region (tests call it directly). */
  checkAll(): Promise<void>;
}

export function createHealthMonitor(ctx: ReconcileContext, reconciler: Reconciler, opts: HealthMonitorOptions = {}): HealthMonitor {
  const periodMs = opts.periodMs ?? HEARTBEAT_DEFAULTS.periodMs;
  const failureThreshold = opts.failureThreshold ?? HEARTBEAT_DEFAULTS.failureThreshold;
  let timer: NodeJS.Timeout | null = null;
  let busy = false;

  async function checkAll() {
    const rows = await ctx.sql<{ id: string; observed: StackObserved; lastHeartbeatAt: Date | null; state: string }[]>`
      SELECT id, runtime_observed AS observed, last_heartbeat_at AS "lastHeartbeatAt", runtime_state AS state
      FROM regions WHERE region_type = 'player_owned' AND runtime_state IN ('ready', 'draining', 'attachment_pending')
        AND runtime_observed ? 'regionId'`;
    const healthyIds: string[] = [];
    await Promise.all(rows.map(async (r) => {
      const st = await ctx.driver.inspectStack(r.id, r.observed);
      if (st.healthy) {
        healthyIds.push(r.id);
        return;
      }
      const now = Date.now();
      const verdict = heartbeatHealth({
        now,
        startedAt: Date.parse(r.observed.startedAt) || now,
        lastHeartbeatAt: r.lastHeartbeatAt ? r.lastHeartbeatAt.getTime() : null,
        exit: st.running ? null : (st.exit ?? { code: null, signal: null }),
        periodMs,
        failureThreshold,
      });
      if (verdict.healthy) return;
      const message = !st.running && !st.exit ? 'region-server process is gone (exit status unknown: started by another orchestrator run)' : verdict.message;
      await reconciler.runExclusive(r.id, async () => {
        const moved = await transitionRegion(ctx, r.id, 'unhealthy', { type: 'Warning', reason: 'Unhealthy', message, data: { healthReason: verdict.reason } }, { health_reason: verdict.reason }, ['ready', 'draining', 'attachment_pending']);
        if (moved) ctx.log.warn({ regionId: r.id, reason: verdict.reason }, 'region unhealthy');
      });
      reconciler.kick(r.id);
    }));
    if (healthyIds.length) await ctx.sql`UPDATE regions SET last_heartbeat_at = now() WHERE id = ANY(${healthyIds}::uuid[])`;
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        checkAll().catch((err) => ctx.log.warn({ err: String(err) }, 'health check failed')).finally(() => (busy = false));
      }, periodMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    checkAll,
  };
}
