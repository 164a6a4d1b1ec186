/**
 * Backup freshness for Prometheus (alert BackupOverdue, docs/decisions/monitoring.md): for every backup kind, when
 * the last one succeeded (sw_backup_last_success_timestamp_seconds) and how old it may get before it is overdue
 * (sw_backup_max_age_seconds, from the schedule). Kinds: the hub's pgBackRest full / incremental / monthly backups
 * (when PGBACKREST_CONFIG names the hub's configuration) and each live region's daily logical backup.
 */
import client from 'prom-client';
import type postgres from 'postgres';
import { backupJob } from './backup-schedule.ts';
import { info, type PgBackRestBackupInfo, type PgBackRestRunner } from './pgbackrest.ts';
import { listRegionBackups } from './region-backup.ts';

export interface BackupSeries {
  labels: { target: 'hub' | 'region'; type: string; region_id: string };
  /** Unix seconds of the last successful backup (0: never). */
  lastSuccessS: number;
  maxAgeS: number;
}

export interface BackupFacts {
  /** Live regions (a stack is meant to exist) with their creation time, and their newest backup's time. */
  regions: Array<{ id: string; createdAt: Date; lastBackupAt: Date | null }>;
  /** pgBackRest's backups of the hub; null when the hub is not backed up by this orchestrator. */
  hubBackups: PgBackRestBackupInfo[] | null;
}

/**
 * The series of every backup kind. A region without any backup yet counts from its creation, so a new region gets
 * one schedule period before it is overdue; the hub counts from 0 (never backed up = overdue) once it is configured.
 */
export function backupSeries(f: BackupFacts): BackupSeries[] {
  const out: BackupSeries[] = [];
  if (f.hubBackups) {
    const newest = (pick: (b: PgBackRestBackupInfo) => boolean) => Math.max(0, ...f.hubBackups!.filter(pick).map((b) => b.stop));
    out.push(
      { labels: { target: 'hub', type: 'full', region_id: '' }, lastSuccessS: newest((b) => b.repo === 1 && b.type === 'full'), maxAgeS: backupJob('hub-full').maxAgeS },
      // Any newer backup in repo 1 also covers the hourly slot.
      { labels: { target: 'hub', type: 'incr', region_id: '' }, lastSuccessS: newest((b) => b.repo === 1), maxAgeS: backupJob('hub-incr').maxAgeS },
      { labels: { target: 'hub', type: 'monthly', region_id: '' }, lastSuccessS: newest((b) => b.repo === 2 && b.type === 'full'), maxAgeS: backupJob('hub-monthly').maxAgeS },
    );
  }
  for (const r of [...f.regions].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const at = r.lastBackupAt ?? r.createdAt;
    out.push({ labels: { target: 'region', type: 'logical', region_id: r.id }, lastSuccessS: Math.floor(at.getTime() / 1000), maxAgeS: backupJob('region-logical').maxAgeS });
  }
  return out;
}

/** pgBackRest's list plus the backups this process noted itself, one entry per repository and label. */
export function mergeHubBackups(listed: readonly PgBackRestBackupInfo[], noted: readonly PgBackRestBackupInfo[]): PgBackRestBackupInfo[] {
  const byKey = new Map<string, PgBackRestBackupInfo>();
  for (const b of [...noted, ...listed]) byKey.set(`${b.repo}/${b.label}`, b);
  return [...byKey.values()].sort((a, b) => a.stop - b.stop);
}

export interface BackupMetrics {
  /**
   * A hub backup this process has just taken (the scheduled jobs, hub-backup-jobs.ts): counted at once, so the gauges
   * do not wait for their cache or depend on the next `pgbackrest info` answering.
   */
  noteHubBackup(b: PgBackRestBackupInfo): void;
}

/** Registers the two gauges; facts are gathered at scrape time, at most every `cacheMs` (default 60 s). */
export function registerBackupMetrics(registry: client.Registry, opts: { sql: postgres.Sql; backupDir: string; hub: PgBackRestRunner | null; cacheMs?: number }): BackupMetrics {
  let cached: { at: number; series: BackupSeries[] } = { at: -Infinity, series: [] };
  const noted: PgBackRestBackupInfo[] = [];
  let inflight: Promise<BackupSeries[]> | null = null;
  const gather = async (): Promise<BackupSeries[]> => {
    const rows = await opts.sql<{ id: string; createdAt: Date }[]>`
      SELECT id, created_at AS "createdAt" FROM regions
      WHERE region_type = 'player_owned' AND runtime_state IN ('ready', 'unhealthy', 'draining', 'attachment_pending')`;
    const regions = await Promise.all(rows.map(async (r) => ({ ...r, lastBackupAt: await listRegionBackups(opts.backupDir, r.id).then((l) => (l[0] ? new Date(l[0].manifest.createdAt) : null)) })));
    const hubBackups = opts.hub ? mergeHubBackups(await info(opts.hub).catch(() => []), noted) : null;
    return backupSeries({ regions, hubBackups });
  };
  const read = (): Promise<BackupSeries[]> => {
    if (Date.now() - cached.at < (opts.cacheMs ?? 60_000)) return Promise.resolve(cached.series);
    inflight ??= gather()
      .then((series) => (cached = { at: Date.now(), series }).series)
      .catch(() => cached.series)
      .finally(() => (inflight = null));
    return inflight;
  };
  const labelNames = ['target', 'type', 'region_id'] as const;
  new client.Gauge({
    name: 'sw_backup_last_success_timestamp_seconds', help: 'When the last backup of this kind succeeded (unix seconds; 0 = never)', labelNames, registers: [registry],
    async collect() {
      this.reset();
      for (const s of await read()) this.set(s.labels, s.lastSuccessS);
    },
  });
  new client.Gauge({
    name: 'sw_backup_max_age_seconds', help: 'Age after which a backup of this kind is overdue (its schedule plus a margin)', labelNames, registers: [registry],
    async collect() {
      this.reset();
      for (const s of await read()) this.set(s.labels, s.maxAgeS);
    },
  });
  return {
    noteHubBackup(b) {
      noted.push(b);
      if (noted.length > 100) noted.splice(0, noted.length - 100);
      cached = { at: -Infinity, series: [] };
    },
  };
}
