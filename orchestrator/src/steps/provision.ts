/**
 * Provisioning step: applies to desired=running regions in requested / provisioning /
 * attachment_pending. Moves requested → provisioning, then walks the six conditions in order,
 * re-reading the row after each, and ends in ready (status active, observed_generation = spec).
 */
import { isBeforeReady } from '@sw/domain';
import { transitionRegion } from '../store/region-events.ts';
import { loadRegion, type RegionRow } from '../store/region-row.ts';
import type { ReconcileContext, StepResult } from '../reconciler/context.ts';
import { CONDITION_STEPS } from './provision-conditions.ts';

export async function provisionStep(ctx: ReconcileContext, r: RegionRow): Promise<StepResult | null> {
  if (r.desiredState !== 'running') return null;
  if (!isBeforeReady(r.runtimeState) && r.runtimeState !== 'attachment_pending') return null;
  let cur: RegionRow | null = r;
  if (cur.runtimeState === 'requested') {
    cur = await transitionRegion(ctx, r.id, 'provisioning', { type: 'Normal', reason: 'Provisioning', message: 'provisioning started' }, {}, ['requested']);
    if (!cur) return null;
  }
  for (const [, step] of CONDITION_STEPS) {
    const res = await step(ctx, cur!);
    if (res) return res;
    cur = await loadRegion(ctx.sql, r.id);
    if (!cur || cur.desiredState !== 'running') return {};
  }
  await transitionRegion(
    ctx, r.id, 'ready',
    { type: 'Normal', reason: 'Ready', message: `region-server ready at ${cur!.runtimeEndpoint}` },
    { observed_generation: cur!.specGeneration, health_reason: null, last_heartbeat_at: ctx.now() },
    ['provisioning', 'attachment_pending'],
  );
  return null;
}
