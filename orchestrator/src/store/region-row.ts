/**
 * The orchestrator's view of a `regions` row (raw SQL, camelCase aliases) and the one SELECT that
 * loads it. Reads `FOR UPDATE` inside transitions so two writers never interleave on one region.
 */
import type postgres from 'postgres';
import { isUuid, type RegionRuntimeState, type TerminationOrigin } from '@sw/domain';
import type { StackObserved } from '../drivers/driver.ts';

/** One provisioning condition as stored in regions.runtime_conditions[type]. */
export interface ConditionRecord {
  status: 'True' | 'False' | 'Unknown';
  reason: string | null;
  message: string | null;
  attempts: number;
  lastTransitionAt: string | null;
}

export interface RegionRow {
  id: string;
  name: string;
  displayName: string;
  regionType: string;
  ownerId: string | null;
  sizeTier: string | null;
  status: string;
  subscriptionStatus: string | null;
  generationSeed: string;
  sectorIdStart: number | null;
  sectorIdEnd: number | null;
  totalSectors: number;
  capitalSectorNumber: number | null;
  nexusWarpSector: number | null;
  nexusAttachAttemptCount: number;
  nexusAttachNextRetryAt: Date | null;
  nexusAttachCompletedAt: Date | null;
  cpu: number;
  memoryGb: number;
  storageGb: number;
  maxPlayers: number;
  desiredState: 'running' | 'stopped' | 'terminated';
  specGeneration: number;
  observedGeneration: number;
  runtimeState: RegionRuntimeState;
  runtimeDriver: string | null;
  runtimeEndpoint: string | null;
  runtimeConditions: Record<string, ConditionRecord>;
  runtimeObserved: Partial<StackObserved> & Record<string, unknown>;
  lastHeartbeatAt: Date | null;
  healthReason: string | null;
  restartCount: number;
  terminationRequestedAt: Date | null;
  /** Who started the termination under way: owner / admin / billing (null when none is under way). */
  terminationOrigin: TerminationOrigin | null;
  evacuationDeadlineAt: Date | null;
  archivedAt: Date | null;
  backupUri: string | null;
  backupChecksum: string | null;
  /** Hibernation (docs/rules/hibernation.md). */
  lastActivityAt: Date | null;
  hibernatedAt: Date | null;
  tombstonedAt: Date | null;
  wakeRequestedAt: Date | null;
  createdAt: Date;
}

/** Column list with aliases, shared by every SELECT of a region. */
export const REGION_COLUMNS = `
  id, name, display_name AS "displayName", region_type AS "regionType", owner_id AS "ownerId", size_tier AS "sizeTier",
  status, subscription_status AS "subscriptionStatus", generation_seed::text AS "generationSeed",
  sector_id_start AS "sectorIdStart", sector_id_end AS "sectorIdEnd", total_sectors AS "totalSectors",
  capital_sector_number AS "capitalSectorNumber", nexus_warp_sector AS "nexusWarpSector",
  nexus_attach_attempt_count AS "nexusAttachAttemptCount", nexus_attach_next_retry_at AS "nexusAttachNextRetryAt",
  nexus_attach_completed_at AS "nexusAttachCompletedAt",
  cpu_vcpu::float8 AS "cpu", memory_gb AS "memoryGb", storage_gb AS "storageGb", max_players AS "maxPlayers",
  desired_state AS "desiredState", spec_generation AS "specGeneration", observed_generation AS "observedGeneration",
  runtime_state AS "runtimeState", runtime_driver AS "runtimeDriver", runtime_endpoint AS "runtimeEndpoint",
  runtime_conditions AS "runtimeConditions", runtime_observed AS "runtimeObserved", last_heartbeat_at AS "lastHeartbeatAt",
  health_reason AS "healthReason", restart_count AS "restartCount", termination_requested_at AS "terminationRequestedAt",
  termination_origin AS "terminationOrigin",
  evacuation_deadline_at AS "evacuationDeadlineAt", archived_at AS "archivedAt", backup_uri AS "backupUri",
  backup_checksum AS "backupChecksum", last_activity_at AS "lastActivityAt", hibernated_at AS "hibernatedAt",
  tombstoned_at AS "tombstonedAt", wake_requested_at AS "wakeRequestedAt", created_at AS "createdAt"`;

const DATE_FIELDS = ['nexusAttachNextRetryAt', 'nexusAttachCompletedAt', 'lastHeartbeatAt', 'terminationRequestedAt', 'evacuationDeadlineAt', 'archivedAt', 'lastActivityAt', 'hibernatedAt', 'tombstonedAt', 'wakeRequestedAt', 'createdAt'] as const;

/** sql.unsafe() leaves some timestamptz values as strings; normalise them to Date. */
function normalise(r: RegionRow): RegionRow {
  for (const k of DATE_FIELDS) {
    const v = r[k] as unknown;
    if (typeof v === 'string') (r as unknown as Record<string, unknown>)[k] = new Date(v);
  }
  return r;
}

/** Loads one region (optionally locking it); null when absent. */
export async function loadRegion(sql: postgres.Sql | postgres.TransactionSql, id: string, forUpdate = false): Promise<RegionRow | null> {
  const rows = await sql.unsafe<RegionRow[]>(`SELECT ${REGION_COLUMNS} FROM regions WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return rows[0] ? normalise(rows[0]) : null;
}

/** Loads a region by id (uuid) or by name (case-insensitive). */
export async function findRegion(sql: postgres.Sql, idOrName: string): Promise<RegionRow | null> {
  const rows = await sql.unsafe<RegionRow[]>(
    `SELECT ${REGION_COLUMNS} FROM regions WHERE ${isUuid(idOrName) ? 'id = $1::uuid' : 'lower(name) = lower($1)'}`,
    [idOrName],
  );
  return rows[0] ? normalise(rows[0]) : null;
}

/** Regions by id (uuids) in one query, in the order of `ids`; null for an absent id (the runtime batch of a page). */
export async function findRegionsByIds(sql: postgres.Sql, ids: readonly string[]): Promise<Array<RegionRow | null>> {
  const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
  const rows = valid.length ? await sql.unsafe<RegionRow[]>(`SELECT ${REGION_COLUMNS} FROM regions WHERE id = ANY($1::uuid[])`, [valid]) : [];
  const byId = new Map(rows.map((r) => [String(r.id).toLowerCase(), normalise(r)]));
  return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
}

/** Every player-owned region, newest first. */
export async function listPlayerRegions(sql: postgres.Sql): Promise<RegionRow[]> {
  return (await sql.unsafe<RegionRow[]>(`SELECT ${REGION_COLUMNS} FROM regions WHERE region_type = 'player_owned' ORDER BY created_at DESC`)).map(normalise);
}
