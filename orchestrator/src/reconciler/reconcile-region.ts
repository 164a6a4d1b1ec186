/**
 * One reconcile pass for one region: threads the freshly read row through the per-state steps —
 * deletion first, then cancel, wake (docs/rules/hibernation.md), restart, provisioning, spec. Each step guards on its own state and
 * returns null when it does not apply. Failures are sorted here: GenerationCorruptError →
 * generation_corrupt, PermanentError → error (moveToError), anything else is rethrown for the queue
 * to retry with backoff.
 */
import { loadRegion } from '../store/region-row.ts';
import { transitionRegion } from '../store/region-events.ts';
import { applySpecStep } from '../steps/apply-spec.ts';
import { GenerationCorruptError } from '../steps/generate-region.ts';
import { provisionStep } from '../steps/provision.ts';
import { restartStep } from '../steps/restart.ts';
import { cancelTerminationStep, terminateStep } from '../steps/terminate.ts';
import { wakeStep } from '../hibernation/hibernation.ts';
import { PermanentError, type ReconcileContext, type StepResult } from './context.ts';

const STEPS = [terminateStep, cancelTerminationStep, wakeStep, restartStep, provisionStep, applySpecStep];

/** Moves a region to `error` with the failure as its reason (one shared path for permanent failures). */
export async function moveToError(ctx: ReconcileContext, regionId: string, reason: string, message: string): Promise<void> {
  await transitionRegion(ctx, regionId, 'error', { type: 'Warning', reason, message }, { health_reason: reason });
}

export async function reconcileRegion(ctx: ReconcileContext, regionId: string): Promise<StepResult> {
  const r = await loadRegion(ctx.sql, regionId);
  if (!r || r.regionType !== 'player_owned') return {};
  try {
    for (const step of STEPS) {
      const res = await step(ctx, r);
      if (res) return res;
    }
    return {};
  } catch (err) {
    if (err instanceof GenerationCorruptError) {
      await transitionRegion(ctx, regionId, 'generation_corrupt', { type: 'Warning', reason: 'GenerationCorrupt', message: err.message, data: { issues: err.issues as never } });
      return {};
    }
    if (err instanceof PermanentError) {
      await moveToError(ctx, regionId, err.reason, err.message);
      return {};
    }
    throw err;
  }
}
