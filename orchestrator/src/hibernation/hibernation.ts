/**
 * Region hibernation, wake, tombstone and resurrection (docs/rules/hibernation.md). The decisions are pure functions
 * in @sw/domain (decideIdle, canHibernate, decideWake, decideArchival); this module gathers their facts and writes
 * what they say:
 *
 * - hibernateRegion: stop the region-server (driver.stopStack) and a database server of its own (driver.suspendDatabase,
 *   docker), then ready → hibernated. The data stays.
 * - requestWake: whoever needs a dormant region's world stamps wake_requested_at and NOTIFYs `sw_region_wake`; the
 *   orchestrator LISTENs and kicks the reconciler, whose wakeStep moves hibernated/tombstoned → waking → ready.
 * - wakeStep (a reconcile step): ensureStack, re-activate the Nexus spoke when resurrecting, → ready.
 * - tombstoneRegion: hibernated → tombstoned, Nexus spoke dormant ('inactive'), data kept.
 * - runIdleSweep / runArchivalSweep: the pg-boss jobs' bodies (each region under the reconciler's serialization).
 */
import type postgres from 'postgres';
import { regionServerAuthHeaders } from '@sw/auth';
import { REGION_WAKE_CHANNEL, requestRegionWake, type WakeRequestOutcome } from '@sw/db';
import { canHibernate, decideArchival, decideIdle, type RegionRuntimeState } from '@sw/domain';
import type { StackObserved } from '../drivers/driver.ts';
import type { ReconcileContext, StepResult } from '../reconciler/context.ts';
import type { Reconciler } from '../reconciler/reconciler.ts';
import { transitionRegion } from '../store/region-events.ts';
import { loadRegion, type RegionRow } from '../store/region-row.ts';
import { ensureRegionDatabase, stackSpec } from '../steps/provision-conditions.ts';

export { REGION_WAKE_CHANNEL };

const observedOf = (r: RegionRow): StackObserved | null => (r.runtimeObserved?.regionId ? (r.runtimeObserved as StackObserved) : null);

/**
 * Nothing of a dormant region runs (docs/rules/hibernation.md): its stack (region-server, cache), then whatever runs
 * only its database (the docker driver's Postgres container; its volume stays). The server goes first: it must not
 * outlive the database it serves. Wake / resurrect start both again (ensureRegionDatabase, then ensureStack).
 */
async function stopEverything(ctx: ReconcileContext, r: RegionRow): Promise<void> {
  await ctx.driver.stopStack(r.id, observedOf(r));
  await ctx.driver.suspendDatabase(r.id);
}

export type HibernateOutcome = { kind: 'hibernated'; region: RegionRow } | { kind: 'refused'; code: 'ERR_REGION_NOT_HIBERNATABLE'; state: RegionRuntimeState } | { kind: 'missing' };

/** Stops a ready region's stack and records it hibernated. Call under the reconciler's serialization (runExclusive). */
export async function hibernateRegion(ctx: ReconcileContext, regionId: string, reason: string): Promise<HibernateOutcome> {
  const r = await loadRegion(ctx.sql, regionId);
  if (!r || r.regionType !== 'player_owned') return { kind: 'missing' };
  if (!canHibernate(r.runtimeState, r.desiredState)) return { kind: 'refused', code: 'ERR_REGION_NOT_HIBERNATABLE', state: r.runtimeState };
  // Stop first: if the stop fails the region is still ready (and the error surfaces); if the write after it fails,
  // the health monitor finds the process gone and restarts it. Neither leaves a process behind a hibernated row.
  await stopEverything(ctx, r);
  const moved = await transitionRegion(ctx, r.id, 'hibernated', { type: 'Normal', reason: 'Hibernated', message: `region-server stopped (${reason}); database kept` }, {
    hibernated_at: ctx.now(),
    wake_requested_at: null,
    health_reason: null,
  }, ['ready']);
  if (!moved) {
    const cur = await loadRegion(ctx.sql, regionId);
    return { kind: 'refused', code: 'ERR_REGION_NOT_HIBERNATABLE', state: cur?.runtimeState ?? r.runtimeState };
  }
  return { kind: 'hibernated', region: moved };
}

/** The wake request lives in @sw/db so every service with hub access can ask (the region subgraph for travellers). */
export const requestWake = requestRegionWake;
export type { WakeRequestOutcome };

/** Polls the row until the region is ready (or `timeoutMs` passes); returns the last state seen. */
export async function waitForReady(sql: postgres.Sql, regionId: string, timeoutMs: number, everyMs = 25): Promise<RegionRuntimeState | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [r] = await sql<{ s: RegionRuntimeState }[]>`SELECT runtime_state AS s FROM regions WHERE id = ${regionId}`;
    if (!r || r.s === 'ready' || Date.now() >= deadline) return r?.s ?? null;
    if (r.s === 'error' || r.s === 'archived' || r.s === 'terminated') return r.s;
    await new Promise((res) => setTimeout(res, everyMs));
  }
}

/**
 * Reconcile step: a dormant region with a wake request (or one left `waking` by a crash) is started again and made
 * ready. Resurrection (from tombstoned) re-activates its Nexus spoke. Desired state must be running.
 */
export async function wakeStep(ctx: ReconcileContext, r: RegionRow): Promise<StepResult | null> {
  if (r.desiredState !== 'running') return null;
  const dormant = r.runtimeState === 'hibernated' || r.runtimeState === 'tombstoned';
  if (!(dormant && r.wakeRequestedAt) && r.runtimeState !== 'waking') return null;
  const resurrect = r.runtimeState === 'tombstoned' || (r.runtimeState === 'waking' && r.tombstonedAt !== null);
  let cur: RegionRow | null = r;
  if (dormant) {
    cur = await transitionRegion(ctx, r.id, 'waking', { type: 'Normal', reason: resurrect ? 'Resurrecting' : 'Waking', message: resurrect ? 'tombstoned region resurrected on demand' : 'hibernated region woken on demand' }, {}, [r.runtimeState]);
    if (!cur) return {};
  }
  const t0 = Date.now();
  const url = await ensureRegionDatabase(ctx, cur);
  const t1 = Date.now();
  const res = await ctx.driver.ensureStack(stackSpec(cur, url), observedOf(cur));
  const t2 = Date.now();
  if (resurrect) await ctx.sql`UPDATE warp_tunnels SET status = 'active' WHERE from_region_id = ${r.id} AND status = 'inactive'`;
  await transitionRegion(ctx, r.id, 'ready', {
    type: 'Normal', reason: resurrect ? 'Resurrected' : 'Woken', message: `region-server ready at ${res.observed.endpoint}`,
    data: { databaseMs: t1 - t0, stackMs: t2 - t1 },
  }, {
    runtime_observed: res.observed,
    runtime_endpoint: res.observed.endpoint,
    last_heartbeat_at: ctx.now(),
    last_activity_at: ctx.now(),
    wake_requested_at: null,
    hibernated_at: null,
    tombstoned_at: null,
    health_reason: null,
  }, ['waking']);
  return null;
}

export type TombstoneOutcome = { kind: 'tombstoned' } | { kind: 'refused'; state: RegionRuntimeState } | { kind: 'missing' };

/** hibernated → tombstoned: leaves the active count, Nexus spoke dormant, nothing in memory, data on disk. */
export async function tombstoneRegion(ctx: ReconcileContext, regionId: string, message: string): Promise<TombstoneOutcome> {
  const r = await loadRegion(ctx.sql, regionId);
  if (!r) return { kind: 'missing' };
  if (r.runtimeState !== 'hibernated') return { kind: 'refused', state: r.runtimeState };
  // No process may be left (a hibernated region has none; make sure).
  await stopEverything(ctx, r);
  const moved = await transitionRegion(ctx, r.id, 'tombstoned', { type: 'Normal', reason: 'Tombstoned', message }, { tombstoned_at: ctx.now() }, ['hibernated']);
  if (!moved) return { kind: 'refused', state: (await loadRegion(ctx.sql, regionId))?.runtimeState ?? r.runtimeState };
  await ctx.sql`UPDATE warp_tunnels SET status = 'inactive' WHERE from_region_id = ${r.id} AND status = 'active'`;
  return { kind: 'tombstoned' };
}

/** Players present in a region now: the region-server's presence count plus journeys under way to it; null = unknown. */
async function playersPresent(ctx: ReconcileContext, r: { id: string; endpoint: string | null }, timeoutMs: number): Promise<number | null> {
  if (!r.endpoint) return null;
  let online: number;
  try {
    const res = await fetch(`${r.endpoint}/world/stats`, { headers: regionServerAuthHeaders(r.id), signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return null;
    const body = (await res.json()) as { playersOnline?: unknown };
    if (typeof body.playersOnline !== 'number') return null;
    online = body.playersOnline;
  } catch {
    return null;
  }
  const [j] = await ctx.sql<{ n: number }[]>`
    SELECT count(*)::int AS n FROM inter_regional_travels WHERE destination_region_id = ${r.id} AND status IN ('requested', 'in_transit')`;
  return online + (j?.n ?? 0);
}

export interface IdleSweepResult {
  checked: number;
  occupied: string[];
  hibernated: string[];
  unknown: string[];
}

/** One pass of the idle sweep (pg-boss job `region-idle-sweep`): record presence, hibernate the idle. */
export async function runIdleSweep(ctx: ReconcileContext, reconciler: Pick<Reconciler, 'runExclusive'>, opts: { idleMinutes: number; probeTimeoutMs?: number }): Promise<IdleSweepResult> {
  const rows = await ctx.sql<{ id: string; endpoint: string | null }[]>`
    SELECT id, runtime_endpoint AS endpoint FROM regions
    WHERE region_type = 'player_owned' AND runtime_state = 'ready' AND desired_state = 'running'`;
  const result: IdleSweepResult = { checked: rows.length, occupied: [], hibernated: [], unknown: [] };
  for (const row of rows) {
    const present = await playersPresent(ctx, row, opts.probeTimeoutMs ?? 2_000);
    await reconciler.runExclusive(row.id, async () => {
      const r = await loadRegion(ctx.sql, row.id);
      if (!r) return;
      const d = decideIdle({
        runtimeState: r.runtimeState,
        desiredState: r.desiredState,
        playersOnline: present,
        lastActivityAt: r.lastActivityAt,
        // Nothing recorded yet (a region from before hibernation existed): the idle clock starts now.
        since: ctx.now(),
        now: ctx.now(),
        idleMinutes: opts.idleMinutes,
      });
      if (d.kind === 'occupied' || (d.kind === 'keep' && r.lastActivityAt === null)) {
        await ctx.sql`UPDATE regions SET last_activity_at = ${ctx.now().toISOString()}::timestamptz WHERE id = ${r.id}`;
        if (d.kind === 'occupied') result.occupied.push(r.id);
        else if (d.reason === 'presence_unknown') result.unknown.push(r.id);
      } else if (d.kind === 'hibernate') {
        const out = await hibernateRegion(ctx, r.id, `nobody present for ${Math.round(d.idleForMs / 60_000)} min`);
        if (out.kind === 'hibernated') result.hibernated.push(r.id);
      } else if (d.reason === 'presence_unknown') result.unknown.push(r.id);
    });
  }
  return result;
}

export interface ArchivalSweepResult {
  checked: number;
  tombstoned: string[];
}

/** One pass of the archival sweep (pg-boss job `region-archival-sweep`): tombstone regions six months idle. */
export async function runArchivalSweep(ctx: ReconcileContext, reconciler: Pick<Reconciler, 'runExclusive'>): Promise<ArchivalSweepResult> {
  const rows = await ctx.sql<{ id: string; last_login_ms: number | null; last_traversal_ms: number | null }[]>`
    SELECT r.id,
      (SELECT (extract(epoch from max(s.created_at)) * 1000)::float8 FROM auth_sessions s
         JOIN players p ON p.user_id = s.user_id JOIN regional_memberships m ON m.player_id = p.id
        WHERE m.region_id = r.id AND m.membership_type IN ('resident', 'citizen')) AS last_login_ms,
      (SELECT (extract(epoch from max(COALESCE(t.completed_at, t.started_at, t.initiated_at))) * 1000)::float8 FROM inter_regional_travels t
        WHERE t.source_region_id = r.id OR t.destination_region_id = r.id) AS last_traversal_ms
    FROM regions r WHERE r.region_type = 'player_owned' AND r.runtime_state = 'hibernated' AND r.desired_state = 'running'`;
  const result: ArchivalSweepResult = { checked: rows.length, tombstoned: [] };
  const at = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  for (const row of rows) {
    await reconciler.runExclusive(row.id, async () => {
      const r = await loadRegion(ctx.sql, row.id);
      if (!r) return;
      const d = decideArchival({
        runtimeState: r.runtimeState,
        desiredState: r.desiredState,
        lastResidentLoginAt: at(row.last_login_ms),
        lastTraversalAt: at(row.last_traversal_ms),
        lastActivityAt: r.lastActivityAt,
        createdAt: r.createdAt,
        now: ctx.now(),
      });
      if (d.kind !== 'tombstone') return;
      const out = await tombstoneRegion(ctx, r.id, `no resident login, Nexus traversal or presence since ${d.lastActivityAt.toISOString()}`);
      if (out.kind === 'tombstoned') result.tombstoned.push(r.id);
    });
  }
  return result;
}
