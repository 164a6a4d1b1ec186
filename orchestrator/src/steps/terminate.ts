/**
 * Termination steps: desired=terminated moves a region to draining (the 30-day evacuation
 * notice set by terminateRegion), then — once evacuation_deadline_at has passed — archiving: verified
 * backup, stop the stack, drop database and role, close the Nexus link, and finally archived (status
 * terminated). region_events rows survive (no FK). A draining region whose termination was cancelled
 * goes back to ready.
 */
import type { RegionRuntimeState } from '@sw/domain';
import { archiveRegionDatabase } from '../archive/archive-region.ts';
import { requestRegionSubscriptionCancellation } from '../billing/subscription-cancellations.ts';
import type { ReconcileContext, StepResult } from '../reconciler/context.ts';
import { loadRegionDatabaseRecord } from '../store/region-databases.ts';
import { recordRegionEvent, transitionRegion } from '../store/region-events.ts';
import type { RegionRow } from '../store/region-row.ts';
import type { StackObserved } from '../drivers/driver.ts';

// A dormant region (hibernated / tombstoned / waking) drains too: the health monitor finds no process and the restart
// step brings it back to serve its evacuation notice.
const NOT_YET_DRAINING: RegionRuntimeState[] = ['requested', 'provisioning', 'ready', 'unhealthy', 'error', 'attachment_pending', 'generation_corrupt', 'hibernated', 'waking', 'tombstoned'];

export async function cancelTerminationStep(ctx: ReconcileContext, r: RegionRow): Promise<StepResult | null> {
  if (r.desiredState !== 'running' || r.runtimeState !== 'draining') return null;
  await transitionRegion(ctx, r.id, 'ready', { type: 'Normal', reason: 'TerminationCancelled', message: 'evacuation notice withdrawn' }, {}, ['draining']);
  return null;
}

export async function terminateStep(ctx: ReconcileContext, r: RegionRow): Promise<StepResult | null> {
  if (r.desiredState !== 'terminated') return null;
  const now = ctx.now();
  if (NOT_YET_DRAINING.includes(r.runtimeState)) {
    const to = r.runtimeState === 'generation_corrupt' ? 'archiving' : 'draining';
    await transitionRegion(ctx, r.id, to, { type: 'Normal', reason: 'Draining', message: `evacuation until ${r.evacuationDeadlineAt?.toISOString() ?? 'now'}` }, {}, [r.runtimeState]);
    return { requeueAfterMs: 0 };
  }
  if (r.runtimeState === 'draining') {
    const deadline = r.evacuationDeadlineAt ?? now;
    if (deadline > now) return { requeueAfterMs: Math.min(deadline.getTime() - now.getTime(), 60_000) };
    await transitionRegion(ctx, r.id, 'archiving', { type: 'Normal', reason: 'Archiving', message: 'evacuation deadline passed; backing up' }, {}, ['draining']);
    return { requeueAfterMs: 0 };
  }
  if (r.runtimeState !== 'archiving') return null;

  // The termination cannot be withdrawn any more: stop the owner's payments. Written first and idempotent;
  // the billing scheduler calls PayPal (retried until it answers), archiving never waits for PayPal.
  if (await requestRegionSubscriptionCancellation(ctx.sql, r.id)) ctx.onSubscriptionCancellationRequested?.();

  const db = await loadRegionDatabaseRecord(ctx.sql, ctx.secrets, r.id);
  let backupUri = r.backupUri;
  let checksum = r.backupChecksum;
  if (db && !db.droppedAt && !backupUri && (await ctx.driver.databaseExists(db.dbName))) {
    const res = await archiveRegionDatabase({ hubUrl: ctx.hubUrl, backupDir: ctx.backupDir, region: r, db, driver: ctx.driver });
    backupUri = res.uri;
    checksum = res.sha256;
    await recordRegionEvent(ctx, r.id, { type: 'Normal', reason: 'BackupVerified', message: `${res.uri} (sha256 ${res.sha256.slice(0, 16)}…, ${res.tables} tables, ${res.rows} rows restored and compared)` }, {
      backup_uri: backupUri, backup_checksum: checksum,
    });
  }
  await ctx.driver.stopStack(r.id, r.runtimeObserved?.regionId ? (r.runtimeObserved as StackObserved) : null);
  if (db && !db.droppedAt) {
    await ctx.driver.dropDatabase(db);
    await ctx.sql`UPDATE region_databases SET dropped_at = now() WHERE region_id = ${r.id}`;
  }
  await ctx.sql`UPDATE warp_tunnels SET status = 'collapsed' WHERE from_region_id = ${r.id} OR to_region_id = ${r.id}`;
  await transitionRegion(ctx, r.id, backupUri ? 'archived' : 'terminated', {
    type: 'Normal', reason: backupUri ? 'Archived' : 'Terminated', message: backupUri ? `backup kept at ${backupUri}` : 'nothing to back up',
  }, { archived_at: backupUri ? now : null, terminated_at: now, runtime_endpoint: null, runtime_observed: {} }, ['archiving']);
  return null;
}
