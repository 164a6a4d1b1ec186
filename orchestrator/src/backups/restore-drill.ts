/**
 * The hub restore drill (docs/decisions/backups.md "Restore drill"): on a disposable PostgreSQL cluster (initdb in a
 * temporary directory, archive_mode on, archive_command = pgBackRest), take a full backup, write more, note a point
 * in time, write past it, restore to that point and compare every table's row count and checksum with what the
 * database held at that time. Used by the integration test and by bench/ops-backup.bench.ts (timings).
 */
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { archiveCommand, backup, check, info, renderPgBackRestConfig, restore, stanzaCreate, type PgBackRestRunner } from './pgbackrest.ts';
import { databaseFingerprint, fingerprintDiff, type DatabaseFingerprint } from './region-backup.ts';

const run = promisify(execFile);
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface DrillCluster {
  dir: string;
  dataDir: string;
  port: number;
  url: string;
  runner: PgBackRestRunner;
  /** Runs a PostgreSQL binary as the cluster's owner. */
  pg(bin: string, args: string[]): Promise<string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  remove(): Promise<void>;
}

/** root cannot run initdb / postgres: run as the `postgres` user then (Debian's package creates it). */
async function ownerPrefix(): Promise<{ prefix: string[]; uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid, gid };
}

/** initdb + pgBackRest configuration in a fresh temporary directory; the cluster listens on 127.0.0.1:`port`. */
export async function createDrillCluster(port: number, stanza = 'drill'): Promise<DrillCluster> {
  const owner = await ownerPrefix();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-drill-'));
  for (const d of ['repo1', 'repo2', 'log', 'lock', 'run']) mkdirSync(path.join(dir, d));
  const dataDir = path.join(dir, 'data');
  const configPath = path.join(dir, 'pgbackrest.conf');
  writeFileSync(configPath, renderPgBackRestConfig({
    stanza, pgPath: dataDir, pgPort: port, pgSocketPath: path.join(dir, 'run'),
    repo1Path: path.join(dir, 'repo1'), repo2Path: path.join(dir, 'repo2'), logPath: path.join(dir, 'log'), lockPath: path.join(dir, 'lock'),
  }));
  if (owner) {
    for (const p of [dir, ...['repo1', 'repo2', 'log', 'lock', 'run'].map((d) => path.join(dir, d)), configPath]) chownSync(p, owner.uid, owner.gid);
  }
  const prefix = owner?.prefix ?? [];
  const pg = async (bin: string, args: string[]) => {
    const cmd = [...prefix, bin.includes('/') ? bin : path.join(PG_BIN, bin), ...args];
    try {
      return (await run(cmd[0]!, cmd.slice(1), { maxBuffer: 16 * 1024 * 1024 })).stdout;
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`${bin} ${args.join(' ')} failed: ${(e.stderr || e.message).trim()}`);
    }
  };
  await pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  appendFileSync(path.join(dataDir, 'postgresql.conf'), [
    '',
    '# restore drill (orchestrator/src/backups/restore-drill.ts)',
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${path.join(dir, 'run')}'`,
    'wal_level = replica',
    'archive_mode = on',
    `archive_command = '${archiveCommand(configPath, stanza)}'`,
    'max_wal_senders = 3',
    'max_connections = 20',
    "shared_buffers = '32MB'",
    '',
  ].join('\n'));
  const logFile = path.join(dir, 'log', 'postgres.log');
  const cluster: DrillCluster = {
    dir,
    dataDir,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    runner: { configPath, stanza, asOwner: prefix },
    pg,
    async start() {
      await pg('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
    },
    async stop() {
      await pg('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => {});
    },
    async remove() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`restore drill: timed out waiting for ${what}`);
}

export interface HubDrillResult {
  /** Full backup of the drill database (s). */
  hubBackupS: number;
  /** pgBackRest restore to the point in time + recovery until the cluster accepts writes (s). */
  hubRestoreS: number;
  /** What the database held at the target time, and what the restored one holds. */
  atTarget: DatabaseFingerprint;
  restored: DatabaseFingerprint;
  diffs: ReturnType<typeof fingerprintDiff>;
  /** Rows written after the target time that the restore must NOT contain. */
  rowsAfterTarget: number;
  backups: number;
}

/**
 * The drill itself on a fresh cluster at `port` (removed at the end). `rows` rows before the full backup, `rows / 2`
 * after it (kept: before the target), `rows / 4` after the target (gone after the restore).
 */
export async function runHubRestoreDrill(opts: { port: number; rows?: number }): Promise<HubDrillResult> {
  const rows = opts.rows ?? 2_000;
  const c = await createDrillCluster(opts.port);
  try {
    await c.start();
    const sql = postgres(c.url, { max: 1, onnotice: () => {} });
    try {
      await stanzaCreate(c.runner);
      await check(c.runner);
      await sql`CREATE TABLE ledger (id bigserial PRIMARY KEY, region text NOT NULL, delta bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())`;
      await sql`CREATE TABLE regions (id int PRIMARY KEY, name text NOT NULL, balance bigint NOT NULL DEFAULT 0)`;
      await sql`INSERT INTO regions SELECT g, 'region-' || g, 0 FROM generate_series(1, 50) g`;
      const write = async (n: number) => {
        await sql`INSERT INTO ledger (region, delta) SELECT 'region-' || (g % 50 + 1), g FROM generate_series(1, ${n}) g`;
        await sql`UPDATE regions r SET balance = s.total FROM (SELECT region, sum(delta)::bigint total FROM ledger GROUP BY region) s WHERE s.region = r.name`;
      };
      await write(rows);
      const b0 = performance.now();
      await backup(c.runner, 'full');
      const hubBackupS = (performance.now() - b0) / 1000;
      await write(Math.floor(rows / 2));
      const atTarget = await databaseFingerprint(c.url);
      // The target: strictly after every commit above and before every commit below (server clock).
      await new Promise((r) => setTimeout(r, 1_100));
      const t = (await sql<{ t: Date }[]>`SELECT now() AS t`)[0]!.t;
      await new Promise((r) => setTimeout(r, 1_100));
      const after = Math.floor(rows / 4);
      await write(after);
      // Archive the segment holding the commits past the target: recovery stops at the first of them.
      const wal = (await sql<{ wal: string }[]>`SELECT pg_walfile_name(pg_switch_wal()) AS wal`)[0]!.wal;
      await waitUntil(`WAL ${wal} archived`, async () => {
        const [a] = await sql<{ last: string | null }[]>`SELECT last_archived_wal AS last FROM pg_stat_archiver`;
        return a?.last !== null && a!.last! >= wal;
      });
      const backups = (await info(c.runner)).length;
      await sql.end({ timeout: 2 });

      await c.stop();
      const r0 = performance.now();
      await restore(c.runner, { targetTime: t });
      await c.start();
      const check2 = postgres(c.url, { max: 1, onnotice: () => {} });
      try {
        await waitUntil('recovery to finish', async () => !(await check2<{ r: boolean }[]>`SELECT pg_is_in_recovery() AS r`)[0]!.r);
      } finally {
        await check2.end({ timeout: 2 });
      }
      const hubRestoreS = (performance.now() - r0) / 1000;
      const restored = await databaseFingerprint(c.url);
      return { hubBackupS, hubRestoreS, atTarget, restored, diffs: fingerprintDiff(atTarget, restored), rowsAfterTarget: after, backups };
    } finally {
      await sql.end({ timeout: 2 }).catch(() => {});
    }
  } finally {
    await c.remove();
  }
}
