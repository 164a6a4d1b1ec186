/**
 * Asking for a dormant region's world (docs/rules/hibernation.md): any service with hub access (the region subgraph
 * for an arriving traveller, the orchestrator for an admin or the owner) calls requestRegionWake. In one transaction
 * it stamps regions.wake_requested_at and NOTIFYs REGION_WAKE_CHANNEL; the orchestrator LISTENs and its reconciler
 * does the waking. What to do for each runtime state is decideWake's (@sw/domain).
 */
import { sql as dsql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { HubDb } from './client.ts';
import { decideWake, type RegionDesiredState, type RegionRuntimeState } from '@sw/domain';

/** Postgres channel a wake request is announced on (payload: the region id). */
export const REGION_WAKE_CHANNEL = 'sw_region_wake';

export type WakeRequestOutcome =
  | { kind: 'ready'; state: RegionRuntimeState }
  /** A wake is under way (just requested or earlier): the caller shows WAKING and retries / waits. */
  | { kind: 'waking'; state: RegionRuntimeState; resurrect: boolean }
  | { kind: 'refused'; code: 'ERR_REGION_NOT_WAKEABLE'; state: RegionRuntimeState }
  | { kind: 'missing' };

export async function requestRegionWake(sql: postgres.Sql, regionId: string): Promise<WakeRequestOutcome> {
  return sql.begin(async (tx) => {
    const [r] = await tx<{ state: RegionRuntimeState; desired: RegionDesiredState }[]>`
      SELECT runtime_state AS state, desired_state AS desired FROM regions WHERE id = ${regionId} FOR UPDATE`;
    if (!r) return { kind: 'missing' as const };
    const d = decideWake(r.state, r.desired);
    switch (d.kind) {
      case 'ready':
        return { kind: 'ready' as const, state: r.state };
      case 'refuse':
        return { kind: 'refused' as const, code: d.code, state: r.state };
      case 'wait':
        return { kind: 'waking' as const, state: r.state, resurrect: false };
      case 'wake':
        await tx`UPDATE regions SET wake_requested_at = COALESCE(wake_requested_at, now()) WHERE id = ${regionId}`;
        await tx`SELECT pg_notify(${REGION_WAKE_CHANNEL}, ${regionId})`;
        return { kind: 'waking' as const, state: r.state, resurrect: d.resurrect };
    }
  });
}

/** requestRegionWake over a drizzle hub handle (the subgraphs hold one), same transaction and NOTIFY. */
export async function requestRegionWakeDb(db: HubDb, regionId: string): Promise<WakeRequestOutcome> {
  return db.transaction(async (tx) => {
    const rows = (await tx.execute(dsql`SELECT runtime_state AS state, desired_state AS desired FROM regions WHERE id = ${regionId} FOR UPDATE`)) as unknown as Array<{ state: RegionRuntimeState; desired: RegionDesiredState }>;
    const r = rows[0];
    if (!r) return { kind: 'missing' as const };
    const d = decideWake(r.state, r.desired);
    if (d.kind === 'ready') return { kind: 'ready' as const, state: r.state };
    if (d.kind === 'refuse') return { kind: 'refused' as const, code: d.code, state: r.state };
    if (d.kind === 'wait') return { kind: 'waking' as const, state: r.state, resurrect: false };
    await tx.execute(dsql`UPDATE regions SET wake_requested_at = COALESCE(wake_requested_at, now()) WHERE id = ${regionId}`);
    await tx.execute(dsql`SELECT pg_notify(${REGION_WAKE_CHANNEL}, ${regionId})`);
    return { kind: 'waking' as const, state: r.state, resurrect: d.resurrect };
  });
}
