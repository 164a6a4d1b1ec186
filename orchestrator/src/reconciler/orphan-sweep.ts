/**
 * Orphan sweep (reconcile in both directions): region-server processes and region databases carrying
 * this orchestrator's label whose region no longer exists — or is archived / terminated — are removed,
 * and region_databases rows of vanished regions are marked dropped. Runs at startup and every
 * ORPHAN_SWEEP_MS.
 */
import type { ReconcileContext } from './context.ts';

export async function sweepOrphans(ctx: ReconcileContext): Promise<{ stacks: string[]; databases: string[] }> {
  const rows = await ctx.sql<{ id: string }[]>`
    SELECT id FROM regions WHERE region_type = 'player_owned' AND runtime_state NOT IN ('archived', 'terminated')`;
  const keep = new Set(rows.map((r) => r.id));
  const removed = await ctx.driver.removeOrphans(keep);
  const stale = await ctx.sql<{ regionId: string; dbName: string; roleName: string }[]>`
    SELECT d.region_id AS "regionId", d.db_name AS "dbName", d.role_name AS "roleName" FROM region_databases d
    WHERE d.dropped_at IS NULL AND NOT EXISTS (SELECT 1 FROM regions r WHERE r.id = d.region_id)`;
  for (const d of stale) {
    await ctx.driver.dropDatabase(d);
    await ctx.sql`UPDATE region_databases SET dropped_at = now() WHERE region_id = ${d.regionId}`;
    removed.databases.push(d.dbName);
  }
  if (removed.stacks.length || removed.databases.length) ctx.log.warn(removed, 'removed orphaned region resources');
  return removed;
}
