/**
 * The hub's pgBackRest schedule run by the orchestrator (docs/decisions/backups.md "Scheduled by the orchestrator"):
 * the three hub jobs of BACKUP_JOBS (full daily, incremental hourly, monthly full in repo 2) as pg-boss cron jobs, so
 * exactly one replica runs each tick. Only when the hub is set up for it: a stanza is configured (PGBACKREST_CONFIG,
 * PGBACKREST_STANZA) AND the hub archives WAL through pgBackRest for that stanza. Otherwise the orchestrator refuses
 * to schedule and logs why (a backup without its WAL cannot be restored to a point in time, and pgBackRest would fail
 * every hour anyway). Each successful run is noted in the backup gauges at once (sw_backup_last_success_timestamp_seconds,
 * read by BackupOverdue).
 */
import type postgres from 'postgres';
import { createJobRunner, type JobRunner } from '@sw/jobs';
import { backupJob, type BackupJob } from './backup-schedule.ts';
import { backup, info, type PgBackRestBackupInfo, type PgBackRestRunner } from './pgbackrest.ts';

export type HubBackupJobName = Extract<BackupJob['name'], 'hub-full' | 'hub-incr' | 'hub-monthly'>;
export const HUB_BACKUP_JOB_NAMES: readonly HubBackupJobName[] = ['hub-full', 'hub-incr', 'hub-monthly'];

/** pg-boss queue of a hub job (`hub-backup-full` ...). */
export const hubBackupQueue = (name: HubBackupJobName) => `hub-backup-${name.slice('hub-'.length)}`;

/** What pgBackRest runs for a job: repository and backup type. */
export function hubBackupKind(name: HubBackupJobName): { repo: 1 | 2; type: 'full' | 'incr' } {
  if (name === 'hub-full') return { repo: 1, type: 'full' };
  if (name === 'hub-incr') return { repo: 1, type: 'incr' };
  return { repo: 2, type: 'full' };
}

export interface ArchiveSettings {
  archiveMode: string;
  archiveCommand: string;
  walLevel: string;
}

/**
 * Why the hub cannot be backed up with pgBackRest for `stanza`, or null when it can: archive_mode on (or always),
 * wal_level replica or logical, and an archive_command that pushes to pgBackRest with that stanza. Pure.
 */
export function archivingProblem(s: ArchiveSettings, stanza: string): string | null {
  if (s.archiveMode !== 'on' && s.archiveMode !== 'always') return `archive_mode is ${s.archiveMode} on the hub (pgBackRest needs archive_mode = on)`;
  if (s.walLevel === 'minimal') return 'wal_level is minimal on the hub (pgBackRest needs replica or logical)';
  const cmd = s.archiveCommand;
  if (!/\bpgbackrest\b/.test(cmd) || !/\barchive-push\b/.test(cmd)) return `archive_command does not push WAL to pgBackRest (it is "${cmd}")`;
  if (!new RegExp(`--stanza=${stanza.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`).test(cmd)) return `archive_command pushes WAL to another stanza than "${stanza}" (it is "${cmd}")`;
  return null;
}

/** The hub's archiving settings, read with the orchestrator's own connection. */
export async function readArchiveSettings(sql: postgres.Sql): Promise<ArchiveSettings> {
  const [r] = await sql<ArchiveSettings[]>`
    SELECT current_setting('archive_mode') AS "archiveMode", current_setting('archive_command') AS "archiveCommand", current_setting('wal_level') AS "walLevel"`;
  return r!;
}

export interface HubBackupDeps {
  /** The hub (its settings are checked before every run). */
  sql: postgres.Sql;
  runner: PgBackRestRunner;
  /** Called with the backup just taken: the gauges show it without waiting for their cache (backup-metrics.ts). */
  onBackup?: (b: PgBackRestBackupInfo) => void;
  log: { info(obj: object, msg?: string): void; error(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  now?: () => Date;
}

export type HubBackupRun = { kind: 'done'; backup: PgBackRestBackupInfo; ms: number } | { kind: 'refused'; reason: string };

/**
 * One run of a scheduled hub job (the pg-boss handler's body; tests call it directly): refuses when archiving is not
 * switched on, else runs the pgBackRest backup, reads back what it wrote and records it.
 */
export async function runHubBackupJob(deps: HubBackupDeps, name: HubBackupJobName): Promise<HubBackupRun> {
  const problem = archivingProblem(await readArchiveSettings(deps.sql), deps.runner.stanza);
  if (problem) {
    deps.log.error({ job: name, stanza: deps.runner.stanza, reason: problem }, `hub backup refused: ${problem} (docs/decisions/backups.md)`);
    return { kind: 'refused', reason: problem };
  }
  const { repo, type } = hubBackupKind(name);
  const t0 = Date.now();
  await backup(deps.runner, type, repo);
  const ms = Date.now() - t0;
  // pgBackRest's own record of the backup (label, stop time); if info fails right after, the run's own times stand.
  const newest = (await info(deps.runner).catch(() => []))
    .filter((b) => b.repo === repo && b.type === type)
    .sort((a, b) => b.stop - a.stop)[0];
  const nowS = Math.floor((deps.now?.() ?? new Date()).getTime() / 1000);
  const taken: PgBackRestBackupInfo = newest ?? { label: `${name}@${nowS}`, type, repo, start: Math.floor(t0 / 1000), stop: nowS };
  deps.onBackup?.(taken);
  deps.log.info({ job: name, label: taken.label, repo, type, ms }, 'hub backup done');
  return { kind: 'done', backup: taken, ms };
}

export interface HubBackupScheduler {
  /** Checks the hub and schedules the jobs; 'refused' (logged with the reason) schedules nothing. */
  start(): Promise<{ kind: 'scheduled'; queues: string[] } | { kind: 'refused'; reason: string }>;
  stop(): Promise<void>;
  /** Enqueues one run of a job now on pg-boss (null when one is already queued). */
  runNow(name: HubBackupJobName): Promise<string | null>;
}

/** The pg-boss side: one singleton queue per hub job with its cron from BACKUP_JOBS (UTC). */
export function createHubBackupScheduler(deps: HubBackupDeps & { databaseUrl: string; pollingIntervalSeconds?: number; migrate?: boolean }): HubBackupScheduler {
  let runner: JobRunner | null = null;
  return {
    async start() {
      const problem = archivingProblem(await readArchiveSettings(deps.sql), deps.runner.stanza);
      if (problem) {
        deps.log.error(
          { stanza: deps.runner.stanza, config: deps.runner.configPath, reason: problem },
          `hub backups NOT scheduled: ${problem}. Switch archiving on and run stanza-create first (docs/decisions/backups.md)`,
        );
        return { kind: 'refused', reason: problem };
      }
      runner = createJobRunner({
        databaseUrl: deps.databaseUrl,
        poolSize: 1,
        logger: deps.log,
        ...(deps.pollingIntervalSeconds ? { pollingIntervalSeconds: deps.pollingIntervalSeconds } : {}),
        ...(deps.migrate !== undefined ? { migrate: deps.migrate } : {}),
        jobs: HUB_BACKUP_JOB_NAMES.map((name) => ({
          name: hubBackupQueue(name),
          cron: backupJob(name).cron,
          // A failed backup is retried twice, 5 then 10 minutes later; a run still going after 3 hours is failed.
          retryLimit: 2,
          retryDelaySeconds: 300,
          expireInSeconds: 3 * 3600,
          handler: async () => {
            const r = await runHubBackupJob(deps, name);
            if (r.kind === 'refused') throw new Error(`hub backup refused: ${r.reason}`);
          },
        })),
      });
      await runner.start();
      const queues = HUB_BACKUP_JOB_NAMES.map(hubBackupQueue);
      deps.log.info({ stanza: deps.runner.stanza, queues }, 'hub backups scheduled (pg-boss)');
      return { kind: 'scheduled', queues };
    },
    async stop() {
      await runner?.stop();
      runner = null;
    },
    runNow(name) {
      if (!runner) return Promise.reject(new Error('hub backups are not scheduled'));
      return runner.runNow(hubBackupQueue(name));
    },
  };
}
