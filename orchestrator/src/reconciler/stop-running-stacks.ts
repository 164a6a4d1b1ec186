/**
 * Stops every region stack this orchestrator instance runs (ORCHESTRATOR_STOP_REGIONS_ON_EXIT, set by
 * the launcher so Ctrl-C on `npm start` leaves no region-server processes). Desired state is NOT
 * changed: the regions stay `running` in the hub DB and the next start's health monitor / reconciler
 * finds the stacks gone and brings them back. Called after the loops have stopped, so nothing restarts
 * them in between. Each stop is recorded as a region event.
 */
import type { StackObserved } from '../drivers/driver.ts';
import { recordRegionEvent } from '../store/region-events.ts';
import type { ReconcileContext } from './context.ts';

export async function stopRunningStacks(ctx: ReconcileContext): Promise<{ stopped: string[] }> {
  const owned = await ctx.driver.listOwned();
  const ids = [...new Set(owned.stacks.map((s) => s.regionId).filter((id) => id !== ''))];
  const stopped: string[] = [];
  if (ids.length === 0) return { stopped };
  const rows = await ctx.sql<{ id: string; observed: Partial<StackObserved> | null }[]>`
    SELECT id, runtime_observed AS observed FROM regions WHERE id = ANY(${ids}::uuid[])`;
  const observed = new Map(rows.map((r) => [r.id, r.observed]));
  await Promise.all(
    ids.map(async (id) => {
      try {
        const res = await ctx.driver.stopStack(id, (observed.get(id) as StackObserved | undefined) ?? null);
        if (!res.stopped) return;
        stopped.push(id);
        if (observed.has(id)) {
          await recordRegionEvent(ctx, id, { type: 'Normal', reason: 'StoppedOnExit', message: 'region-server stopped with the orchestrator (ORCHESTRATOR_STOP_REGIONS_ON_EXIT); desired state unchanged' });
        }
      } catch (err) {
        ctx.log.warn({ regionId: id, err: String(err) }, 'could not stop region stack on exit');
      }
    }),
  );
  ctx.log.info({ stopped: stopped.length }, 'stopped region stacks on exit');
  return { stopped };
}
