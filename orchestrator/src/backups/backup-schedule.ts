/**
 * The backup schedule of the platform (docs/decisions/backups.md), as data: the pgBackRest jobs of the hub, the daily
 * logical dump of every region database, and how old each kind of backup may get before BackupOverdue fires (the
 * orchestrator exports that allowance as sw_backup_max_age_seconds). Pure: no I/O.
 */

export interface BackupJob {
  /** Stable name (also the `type` label of the backup metrics). */
  name: 'hub-full' | 'hub-incr' | 'hub-monthly' | 'region-logical';
  /** cron expression in UTC. */
  cron: string;
  /** The command the cron line runs (from the repository root). */
  command: string;
  /** Age after which the backup counts as overdue: its period plus a margin for a slow run. */
  maxAgeS: number;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Retention: 30 daily full backups in repo 1, 12 monthly full backups in repo 2; WAL kept for what they need. */
export const HUB_RETENTION = { dailyFull: 30, monthlyFull: 12 } as const;

export const BACKUP_JOBS: readonly BackupJob[] = [
  { name: 'hub-full', cron: '0 2 * * *', command: 'pgbackrest --stanza=hub --repo=1 --type=full backup', maxAgeS: DAY + 2 * HOUR },
  { name: 'hub-incr', cron: '5 0-1,3-23 * * *', command: 'pgbackrest --stanza=hub --repo=1 --type=incr backup', maxAgeS: 2 * HOUR },
  { name: 'hub-monthly', cron: '30 3 1 * *', command: 'pgbackrest --stanza=hub --repo=2 --type=full backup', maxAgeS: 32 * DAY },
  { name: 'region-logical', cron: '15 4 * * *', command: 'pnpm run region-cli backup create --all', maxAgeS: DAY + 2 * HOUR },
];

/** The crontab lines of the schedule (user postgres for pgBackRest, the platform user for the region dumps). */
export function crontabLines(jobs: readonly BackupJob[] = BACKUP_JOBS): string[] {
  return jobs.map((j) => `${j.cron} ${j.name.startsWith('hub-') ? 'postgres' : 'sectorwars'} ${j.command}`);
}

export function backupJob(name: BackupJob['name']): BackupJob {
  const job = BACKUP_JOBS.find((j) => j.name === name);
  if (!job) throw new Error(`unknown backup job ${name}`);
  return job;
}
