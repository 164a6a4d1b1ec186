/**
 * Restart step: an `unhealthy` region (marked by the health monitor) gets its stack ensured again —
 * the driver adopts a process that recovered or starts a new one — restart_count++, then back to
 * ready (or provisioning when some condition was never completed).
 */
import { PROVISIONING_CONDITIONS, type ReconcileContext, type StepResult } from '../reconciler/context.ts';
import { transitionRegion, recordRegionEvent } from '../store/region-events.ts';
import type { RegionRow } from '../store/region-row.ts';
import type { StackObserved } from '../drivers/driver.ts';
import { ensureRegionDatabase, stackSpec } from './provision-conditions.ts';

export async function restartStep(ctx: ReconcileContext, r: RegionRow): Promise<StepResult | null> {
  if (r.runtimeState !== 'unhealthy') return null;
  const url = await ensureRegionDatabase(ctx, r);
  const prev = r.runtimeObserved?.regionId ? (r.runtimeObserved as StackObserved) : null;
  // Limits recorded by a scale take effect now (e.g. --max-old-space-size).
  const res = await ctx.driver.ensureStack(stackSpec(r, url), prev);
  const restarted = res.action !== 'adopted';
  if (restarted) {
    await recordRegionEvent(ctx, r.id, { type: 'Normal', reason: 'Restarted', message: `region-server restarted (pid ${res.observed.pid ?? '-'}) after ${r.healthReason ?? 'failure'}` }, {
      restart_count: r.restartCount + 1,
      runtime_observed: res.observed,
      runtime_endpoint: res.observed.endpoint,
    });
  }
  const complete = PROVISIONING_CONDITIONS.every((c) => r.runtimeConditions[c]?.status === 'True');
  const to = complete ? (r.desiredState === 'terminated' ? 'draining' : 'ready') : 'provisioning';
  await transitionRegion(ctx, r.id, to, { type: 'Normal', reason: 'Healthy', message: restarted ? 'healthy after restart' : 'recovered' }, {
    health_reason: null,
    last_heartbeat_at: ctx.now(),
    runtime_observed: res.observed,
    runtime_endpoint: res.observed.endpoint,
  }, ['unhealthy']);
  return null;
}
