/**
 * Spec step: a ready region whose spec_generation moved past observed_generation (scale) gets the new
 * limits applied through the driver; observed_generation catches up and a SpecApplied event says
 * whether the change is live or waits for the next restart (process driver).
 */
import type { ReconcileContext, StepResult } from '../reconciler/context.ts';
import { recordRegionEvent } from '../store/region-events.ts';
import type { RegionRow } from '../store/region-row.ts';
import type { StackObserved } from '../drivers/driver.ts';
import { ensureRegionDatabase, stackSpec } from './provision-conditions.ts';

export async function applySpecStep(ctx: ReconcileContext, r: RegionRow): Promise<StepResult | null> {
  if (r.runtimeState !== 'ready' && r.runtimeState !== 'draining') return null;
  if (r.specGeneration === r.observedGeneration) return null;
  const prev = r.runtimeObserved?.regionId ? (r.runtimeObserved as StackObserved) : null;
  if (!prev) throw new Error('no observed stack to update');
  const url = await ensureRegionDatabase(ctx, r);
  const { observed, applied } = await ctx.driver.updateStack(stackSpec(r, url), prev);
  await recordRegionEvent(ctx, r.id, {
    type: 'Normal', reason: 'SpecApplied',
    message: `cpu ${r.cpu}, memory ${r.memoryGb} GB, storage ${r.storageGb} GB, max players ${r.maxPlayers} (${applied === 'live' ? 'live' : 'takes effect on next restart'})`,
    data: { generation: r.specGeneration, applied },
  }, { runtime_observed: observed, observed_generation: r.specGeneration });
  return null;
}
