/** Maps a region row to the RegionRuntime wire shape shared by GraphQL and REST. */
import { fleetCapacity } from '@sw/domain';
import type postgres from 'postgres';
import { PROVISIONING_CONDITIONS } from '../reconciler/context.ts';
import type { RegionRow } from '../store/region-row.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function runtimeView(r: RegionRow) {
  return {
    regionId: r.id,
    region: { id: r.id },
    name: r.name,
    displayName: r.displayName,
    ownerId: r.ownerId,
    status: r.status,
    sizeTier: r.sizeTier,
    totalSectors: r.totalSectors,
    desiredState: r.desiredState,
    state: r.runtimeState.toUpperCase(),
    driver: r.runtimeDriver,
    endpoint: r.runtimeEndpoint,
    spec: { cpu: r.cpu, memoryGb: r.memoryGb, storageGb: r.storageGb, maxPlayers: r.maxPlayers },
    conditions: PROVISIONING_CONDITIONS.map((type) => {
      const c = r.runtimeConditions[type];
      return { type, status: c?.status ?? 'Unknown', reason: c?.reason ?? null, message: c?.message ?? null, attempts: c?.attempts ?? 0, lastTransitionAt: c?.lastTransitionAt ?? null };
    }),
    lastHeartbeatAt: iso(r.lastHeartbeatAt),
    healthReason: r.healthReason,
    restartCount: r.restartCount,
    evacuationDeadlineAt: iso(r.evacuationDeadlineAt),
    specGeneration: r.specGeneration,
    observedGeneration: r.observedGeneration,
    backupUri: r.backupUri,
    createdAt: iso(r.createdAt),
  };
}
export type RuntimeView = ReturnType<typeof runtimeView>;

/** One entry of a region's event log. */
export interface RegionEventView {
  seq: number;
  type: string;
  reason: string;
  message: string | null;
  at: string;
}

type EventRow = { id: string | number; type: string; reason: string; message: string | null; at: Date };
const eventView = (e: EventRow): RegionEventView => ({ seq: Number(e.id), type: e.type, reason: e.reason, message: e.message, at: new Date(e.at).toISOString() });

/** A region's newest events, newest first (1-200). */
export async function recentEvents(sql: postgres.Sql, regionId: string, limit = 20): Promise<RegionEventView[]> {
  const rows = await sql<EventRow[]>`
    SELECT id, type, reason, message, at FROM region_events WHERE region_id_snapshot = ${regionId} ORDER BY id DESC LIMIT ${Math.min(Math.max(limit, 1), 200)}`;
  return rows.map(eventView);
}

/** A region's events after `afterSeq`, oldest first (1-500): the resync page of a regionRuntimeChanged subscriber. */
export async function eventsAfter(sql: postgres.Sql, regionId: string, afterSeq: number, first = 200): Promise<RegionEventView[]> {
  const rows = await sql<EventRow[]>`
    SELECT id, type, reason, message, at FROM region_events
    WHERE region_id_snapshot = ${regionId} AND id > ${afterSeq} ORDER BY id ASC LIMIT ${Math.min(Math.max(first, 1), 500)}`;
  return rows.map(eventView);
}

/** Fleet summary against the soft target (50 active regions, alert at 75 %; the one capacity rule: fleetCapacity). */
export function fleetView(rows: RegionRow[]) {
  const f = fleetCapacity(rows.map((r) => r.runtimeState));
  return { totalRegions: rows.length, activeRegions: f.activeRegions, liveRegions: f.liveRegions, softTarget: f.softTarget, utilization: f.utilization, alert: f.alert, regions: rows.map(runtimeView) };
}
