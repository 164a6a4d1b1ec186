/**
 * Region backup commands behind the region manager REST API and `region-cli backup` (docs/decisions/backups.md):
 * list, create (one region or every live one: the daily cron job) and restore into a scratch database with the
 * manifest comparison. Fleet admins only (fleet:manage). Restores never touch the live region database.
 */
import type postgres from 'postgres';
import type { Claims } from '@sw/auth';
import { DomainError, isRuntimeLive } from '@sw/domain';
import { regionDbName, type RegionRuntimeDriver } from '../drivers/driver.ts';
import { checkPermission } from '../commands/permissions.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { ensureRegionDatabaseRecord } from '../store/region-databases.ts';
import { findRegion, type RegionRow } from '../store/region-row.ts';
import { backupRegionDatabase, listRegionBackups, restoreRegionBackup, type RegionBackup, type RegionRestoreResult } from './region-backup.ts';

export interface BackupDeps {
  sql: postgres.Sql;
  driver: RegionRuntimeDriver;
  secrets: SecretBox;
  /** BACKUP_DIR: region backups go to <BACKUP_DIR>/regions/<region id>/. */
  backupDir: string;
  /** The hub server: scratch restores are created there. */
  hubUrl: string;
}

/** What the API answers about one backup. */
export interface BackupView {
  id: string;
  regionId: string;
  regionName: string;
  createdAt: string;
  bytes: number;
  sha256: string;
  tables: number;
  rows: number;
}

export function backupView(b: RegionBackup): BackupView {
  const m = b.manifest;
  return {
    id: b.id, regionId: m.regionId, regionName: m.regionName, createdAt: m.createdAt, bytes: m.bytes, sha256: m.sha256,
    tables: Object.keys(m.tables).length, rows: Object.values(m.tables).reduce((a, t) => a + t.rows, 0),
  };
}

function requireFleetAdmin(claims: Claims | null): void {
  const f = checkPermission(claims, 'fleet');
  if (f?.kind === 'unauthenticated') throw new DomainError('ERR_UNAUTHENTICATED', 'sign in first');
  if (f) throw new DomainError('ERR_ADMIN_REQUIRED', 'backups need an admin with fleet:manage');
}

async function regionOf(deps: BackupDeps, claims: Claims | null, name: string): Promise<RegionRow> {
  requireFleetAdmin(claims);
  const r = await findRegion(deps.sql, name);
  if (!r || r.regionType !== 'player_owned') throw new DomainError('ERR_REGION_NOT_FOUND', `region ${name} not found`);
  return r;
}

export async function listBackups(deps: BackupDeps, claims: Claims | null, name: string): Promise<BackupView[]> {
  const r = await regionOf(deps, claims, name);
  return (await listRegionBackups(deps.backupDir, r.id)).map(backupView);
}

async function backupOne(deps: BackupDeps, r: RegionRow): Promise<BackupView> {
  if (!isRuntimeLive(r.runtimeState)) throw new DomainError('ERR_REGION_NOT_READY', `region ${r.name} is ${r.runtimeState}: only a running region is backed up`);
  const rec = await ensureRegionDatabaseRecord(deps.sql, deps.secrets, r);
  const { url } = await deps.driver.ensureDatabase({ regionId: r.id, dbName: rec.dbName, roleName: rec.roleName, password: rec.password });
  return backupView(await backupRegionDatabase({ regionId: r.id, regionName: r.name, sourceUrl: url, backupDir: deps.backupDir }));
}

export async function createBackup(deps: BackupDeps, claims: Claims | null, name: string): Promise<BackupView> {
  return await backupOne(deps, await regionOf(deps, claims, name));
}

/** Backs up every live player region, one after another; a failure is reported and the others still run. */
export async function createAllBackups(deps: BackupDeps, claims: Claims | null): Promise<Array<{ region: string; backup?: BackupView; error?: string }>> {
  requireFleetAdmin(claims);
  const ids = await deps.sql<{ id: string }[]>`SELECT id FROM regions WHERE region_type = 'player_owned' AND runtime_state IN ('ready', 'unhealthy', 'draining', 'attachment_pending') ORDER BY name`;
  const out: Array<{ region: string; backup?: BackupView; error?: string }> = [];
  for (const { id } of ids) {
    const r = await findRegion(deps.sql, id);
    if (!r) continue;
    try {
      out.push({ region: r.name, backup: await backupOne(deps, r) });
    } catch (err) {
      out.push({ region: r.name, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

/** Restores a backup (default the newest) into `<region db>_restore` on the hub server and compares it with its manifest. */
export async function restoreBackup(deps: BackupDeps, claims: Claims | null, name: string, opts: { backupId?: string } = {}): Promise<RegionRestoreResult> {
  const r = await regionOf(deps, claims, name);
  return await restoreRegionBackup({
    backupDir: deps.backupDir, regionId: r.id, adminUrl: deps.hubUrl, targetDb: `${regionDbName(r.id)}_restore`.slice(0, 63),
    ...(opts.backupId ? { backupId: opts.backupId } : {}),
  });
}
