/**
 * Region runtime writes: state transitions, condition updates and audit events. Every write runs in
 * one transaction that locks the region row and inserts a region_events row; the event is published
 * on Redis channel `region.runtime.<regionId>` only AFTER the commit (so subscribers never see uncommitted state).
 */
import type postgres from 'postgres';
import client from 'prom-client';
import { assertRuntimeTransition, regionStatusForRuntime, type RegionRuntimeState, type RegionStatus } from '@sw/domain';
import { channels, type EventBus } from '@sw/events';
import { loadRegion, type ConditionRecord, type RegionRow } from './region-row.ts';

export interface RuntimeEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message?: string | null;
  data?: Record<string, unknown>;
}

/** Payload on channel region.runtime.<id>. `seq` is the region_events id (monotonic). */
export interface RegionRuntimeMessage {
  regionId: string;
  seq: number;
  state: RegionRuntimeState;
  desiredState: string;
  event: { type: string; reason: string; message: string | null; at: string };
}

/** Payload on channel galaxy.changes: which region changed, to what runtime state, when. */
export interface GalaxyChangeMessage {
  regionId: string;
  state: RegionRuntimeState;
  at: string;
}

export interface StoreDeps {
  sql: postgres.Sql;
  bus: EventBus | null;
  /** Where a failed publish is reported (the write itself is committed already); default: stderr. */
  log?: { error(obj: object, msg?: string): void };
}

/**
 * Publishes that failed after their write committed (Redis down, …). Subscribers miss that event; the
 * region_events row and the next event still tell the truth. Registered in the orchestrator's /metrics.
 */
export const regionEventPublishFailures = new client.Counter({
  name: 'sw_region_event_publish_failures_total',
  help: 'Region runtime events committed but not published on the event bus',
  registers: [],
});

/** Column patch applied together with an event; keys are snake_case column names. */
export type RegionPatch = Record<string, unknown>;

async function applyPatch(tx: postgres.TransactionSql, id: string, patch: RegionPatch): Promise<void> {
  const keys = Object.keys(patch);
  if (keys.length === 0) return;
  // JSON values go over the wire as text and are cast in SQL, so encoding never depends on the
  // client's (possibly drizzle-patched) jsonb serializer.
  const isJson = (v: unknown) => v !== null && typeof v === 'object' && !(v instanceof Date);
  const sets = keys.map((k, i) => (isJson(patch[k]) ? `"${k}" = $${i + 2}::text::jsonb` : `"${k}" = $${i + 2}`)).join(', ');
  const values = keys.map((k) => {
    const v = patch[k];
    if (v instanceof Date) return v.toISOString();
    return isJson(v) ? JSON.stringify(v) : v;
  });
  await tx.unsafe(`UPDATE regions SET ${sets}, updated_at = now() WHERE id = $1`, [id, ...(values as postgres.ParameterOrJSON<never>[])]);
}

async function insertEvent(tx: postgres.TransactionSql, regionId: string, e: RuntimeEvent): Promise<{ id: number; at: Date }> {
  const [row] = await tx<{ id: number; at: Date }[]>`
    INSERT INTO region_events (region_id_snapshot, type, reason, message, data)
    VALUES (${regionId}, ${e.type}, ${e.reason}, ${e.message ?? null}, ${e.data ? JSON.stringify(e.data) : null}::text::jsonb)
    RETURNING id, at`;
  return row!;
}

async function publish(deps: StoreDeps, r: RegionRow, ev: { id: number; at: Date }, e: RuntimeEvent): Promise<void> {
  if (!deps.bus) return;
  const msg: RegionRuntimeMessage = {
    regionId: r.id,
    seq: Number(ev.id),
    state: r.runtimeState,
    desiredState: r.desiredState,
    event: { type: e.type, reason: e.reason, message: e.message ?? null, at: new Date(ev.at).toISOString() },
  };
  try {
    await deps.bus.publish(channels.regionRuntime(r.id), msg);
    // The public galaxy map re-reads the region list on this (no details: runtime states are public on the map).
    await deps.bus.publish(channels.galaxy(), { regionId: r.id, state: r.runtimeState, at: msg.event.at } satisfies GalaxyChangeMessage);
  } catch (err) {
    regionEventPublishFailures.inc();
    const log = deps.log ?? { error: (obj: object, m?: string) => console.error(m, obj) };
    log.error({ err, regionId: r.id, seq: msg.seq, reason: e.reason }, 'region event committed but not published');
  }
}

/**
 * Moves a region to `to` (validated against the lifecycle table), applies `patch`, records the event
 * and publishes it. `expectFrom` guards against acting on a stale read: when the stored state is not in
 * it, nothing changes and null is returned.
 */
export async function transitionRegion(
  deps: StoreDeps,
  regionId: string,
  to: RegionRuntimeState,
  event: RuntimeEvent,
  patch: RegionPatch = {},
  expectFrom?: readonly RegionRuntimeState[],
): Promise<RegionRow | null> {
  let evRow: { id: number; at: Date } | null = null;
  const row = await deps.sql.begin(async (tx) => {
    const cur = await loadRegion(tx, regionId, true);
    if (!cur) return null;
    if (expectFrom && !expectFrom.includes(cur.runtimeState)) return null;
    if (cur.runtimeState !== to) assertRuntimeTransition(cur.runtimeState, to);
    // One rule (@sw/domain): ready → active only when billing does not hold the region (suspended/grace).
    const status = regionStatusForRuntime(to, cur.status as RegionStatus);
    await applyPatch(tx, regionId, { ...(status ? { status } : {}), ...patch, runtime_state: to });
    evRow = await insertEvent(tx, regionId, { ...event, data: { from: cur.runtimeState, to, ...event.data } });
    return await loadRegion(tx, regionId);
  });
  if (row && evRow) await publish(deps, row, evRow, event);
  return row;
}

/** Applies `patch` and records `event` without a state change. */
export async function recordRegionEvent(deps: StoreDeps, regionId: string, event: RuntimeEvent, patch: RegionPatch = {}): Promise<RegionRow | null> {
  let evRow: { id: number; at: Date } | null = null;
  const row = await deps.sql.begin(async (tx) => {
    const cur = await loadRegion(tx, regionId, true);
    if (!cur) return null;
    await applyPatch(tx, regionId, patch);
    evRow = await insertEvent(tx, regionId, event);
    return await loadRegion(tx, regionId);
  });
  if (row && evRow) await publish(deps, row, evRow, event);
  return row;
}

/** What `decideRegionChange`'s callback chose: apply a patch with its event, or refuse (nothing written). */
export type RegionChoice<R> = { apply: { event: RuntimeEvent; patch: RegionPatch } } | { refuse: R };

/**
 * Read-decide-write under the row lock: loads the region FOR UPDATE, lets `decide` choose from the CURRENT
 * row (never from an earlier read, so concurrent writers cannot lose each other's update), applies the
 * patch and records the event in the same transaction, and publishes after commit. `withChange` runs last in
 * that transaction, only when a change is applied (the command's audit row: it commits with the change or not at all).
 */
export async function decideRegionChange<R>(
  deps: StoreDeps,
  regionId: string,
  decide: (cur: RegionRow) => RegionChoice<R>,
  withChange?: (tx: postgres.TransactionSql) => Promise<void>,
): Promise<{ kind: 'changed'; region: RegionRow } | { kind: 'refused'; refusal: R } | { kind: 'missing' }> {
  let evRow: { id: number; at: Date } | null = null;
  let event: RuntimeEvent | null = null;
  const out = await deps.sql.begin(async (tx) => {
    const cur = await loadRegion(tx, regionId, true);
    if (!cur) return { kind: 'missing' as const };
    const choice = decide(cur);
    if ('refuse' in choice) return { kind: 'refused' as const, refusal: choice.refuse };
    event = choice.apply.event;
    await applyPatch(tx, regionId, choice.apply.patch);
    evRow = await insertEvent(tx, regionId, event);
    await withChange?.(tx);
    return { kind: 'changed' as const, region: (await loadRegion(tx, regionId))! };
  });
  if (out.kind === 'changed' && evRow && event) await publish(deps, out.region, evRow, event);
  return out;
}

/**
 * Records one provisioning condition (attempts++, lastTransitionAt when the status changes) plus an
 * event. `patch` lets a step store what it created in the same transaction.
 */
export async function setCondition(
  deps: StoreDeps,
  regionId: string,
  type: string,
  status: ConditionRecord['status'],
  reason: string,
  message: string | null,
  patch: RegionPatch = {},
): Promise<RegionRow | null> {
  let evRow: { id: number; at: Date } | null = null;
  const event: RuntimeEvent = { type: status === 'False' ? 'Warning' : 'Normal', reason, message, data: { condition: type, status } };
  const row = await deps.sql.begin(async (tx) => {
    const cur = await loadRegion(tx, regionId, true);
    if (!cur) return null;
    const prev = cur.runtimeConditions[type];
    const next: ConditionRecord = {
      status,
      reason,
      message,
      attempts: (prev?.attempts ?? 0) + 1,
      lastTransitionAt: prev?.status === status ? (prev.lastTransitionAt ?? new Date().toISOString()) : new Date().toISOString(),
    };
    await applyPatch(tx, regionId, { ...patch, runtime_conditions: { ...cur.runtimeConditions, [type]: next } });
    evRow = await insertEvent(tx, regionId, event);
    return await loadRegion(tx, regionId);
  });
  if (row && evRow) await publish(deps, row, evRow, event);
  return row;
}
