/**
 * pgBackRest for the hub database (docs/decisions/backups.md): the configuration as a pure renderer, and thin
 * wrappers over the `pgbackrest` commands the schedule, the restore runbook and the restore drill use. Two
 * repositories: repo 1 keeps the daily full and hourly incremental backups (30 full), repo 2 the monthly full
 * backups (12). WAL is archived to both by archive_command = `pgbackrest --stanza=<stanza> archive-push %p`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { HUB_RETENTION } from './backup-schedule.ts';

const run = promisify(execFile);

export interface PgBackRestConfigInput {
  stanza: string;
  /** Data directory of the cluster (pg1-path). */
  pgPath: string;
  pgPort: number;
  /** Unix socket directory of the cluster (pg1-socket-path; default /var/run/postgresql). */
  pgSocketPath?: string;
  /** Repository 1 (daily full + hourly incremental) and repository 2 (monthly full). */
  repo1Path: string;
  repo2Path: string;
  logPath: string;
  /** Lock directory (default /tmp/pgbackrest). */
  lockPath?: string;
  /** Process count for backup / restore (default 1: this is a 2-core machine). */
  processMax?: number;
}

/** pgbackrest.conf for the hub. Retention in full backups per repository (retention-full-type=count). */
export function renderPgBackRestConfig(c: PgBackRestConfigInput): string {
  const lines = [
    '# pgBackRest configuration of the hub database (orchestrator/src/backups/pgbackrest.ts; docs/decisions/backups.md).',
    '[global]',
    `repo1-path=${c.repo1Path}`,
    `repo1-retention-full=${HUB_RETENTION.dailyFull}`,
    'repo1-retention-full-type=count',
    `repo2-path=${c.repo2Path}`,
    `repo2-retention-full=${HUB_RETENTION.monthlyFull}`,
    'repo2-retention-full-type=count',
    `log-path=${c.logPath}`,
    `lock-path=${c.lockPath ?? '/tmp/pgbackrest'}`,
    'log-level-console=warn',
    'log-level-file=info',
    'start-fast=y',
    'compress-type=zst',
    `process-max=${c.processMax ?? 1}`,
    'archive-async=n',
    '',
    `[${c.stanza}]`,
    `pg1-path=${c.pgPath}`,
    `pg1-port=${c.pgPort}`,
    `pg1-socket-path=${c.pgSocketPath ?? '/var/run/postgresql'}`,
    '',
  ];
  return lines.join('\n');
}

/** The archive_command of a cluster backed up with this configuration. */
export function archiveCommand(configPath: string, stanza: string): string {
  return `pgbackrest --config=${configPath} --stanza=${stanza} archive-push %p`;
}

export interface PgBackRestRunner {
  /** Prefix to run as the cluster's owner (e.g. ['runuser', '-u', 'postgres', '--'] when we are root); default none. */
  asOwner?: string[];
  configPath: string;
  stanza: string;
  bin?: string;
}

/** The command prefix that runs pgBackRest as `user` (the cluster's owner): runuser as root, else sudo without a prompt. */
export function runAsPrefix(user: string | null, uid: number | undefined = process.getuid?.()): string[] {
  if (!user) return [];
  return uid === 0 ? ['runuser', '-u', user, '--'] : ['sudo', '-n', '-u', user, '--'];
}

async function pgbackrest(r: PgBackRestRunner, args: string[]): Promise<string> {
  const cmd = [...(r.asOwner ?? []), r.bin ?? 'pgbackrest', `--config=${r.configPath}`, `--stanza=${r.stanza}`, ...args];
  try {
    const { stdout } = await run(cmd[0]!, cmd.slice(1), { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`pgbackrest ${args.join(' ')} failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}

export const stanzaCreate = (r: PgBackRestRunner) => pgbackrest(r, ['stanza-create']);
export const check = (r: PgBackRestRunner) => pgbackrest(r, ['check']);
export const backup = (r: PgBackRestRunner, type: 'full' | 'diff' | 'incr', repo: 1 | 2 = 1) => pgbackrest(r, [`--repo=${repo}`, `--type=${type}`, 'backup']);

/** Restores the stanza into its pg1-path (delta) up to `targetTime` (point in time) or the end of WAL. */
export function restore(r: PgBackRestRunner, opts: { targetTime?: Date; repo?: 1 | 2 } = {}): Promise<string> {
  const args = ['--delta', `--repo=${opts.repo ?? 1}`];
  if (opts.targetTime) args.push('--type=time', `--target=${opts.targetTime.toISOString().replace('T', ' ').replace('Z', '+00')}`, '--target-action=promote');
  return pgbackrest(r, [...args, 'restore']);
}

/** One backup of `pgbackrest info --output=json`. */
export interface PgBackRestBackupInfo {
  label: string;
  type: 'full' | 'diff' | 'incr';
  /** Start / stop as unix seconds. */
  start: number;
  stop: number;
  repo: number;
}

/** The backups of the stanza listed by `pgbackrest info`, oldest first (pure over its JSON). */
export function parseInfo(json: string): PgBackRestBackupInfo[] {
  const stanzas = JSON.parse(json) as Array<{ backup?: Array<{ label: string; type: PgBackRestBackupInfo['type']; timestamp: { start: number; stop: number }; database?: { 'repo-key'?: number } }> }>;
  return (stanzas[0]?.backup ?? []).map((b) => ({ label: b.label, type: b.type, start: b.timestamp.start, stop: b.timestamp.stop, repo: b.database?.['repo-key'] ?? 1 }));
}

export async function info(r: PgBackRestRunner): Promise<PgBackRestBackupInfo[]> {
  return parseInfo(await pgbackrest(r, ['--output=json', 'info']));
}
