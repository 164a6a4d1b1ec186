/**
 * Daily logical backups of region databases (docs/decisions/backups.md): pg_dump (custom format) into
 * BACKUP_DIR/regions/<region id>/<UTC stamp>/ with
 *   region.dump           the dump,
 *   region.dump.sha256    its checksum in sha256sum's format,
 *   manifest.json         region, time, bytes, sha256 and every table's row count and content sha256.
 * A backup is written into a `.partial` directory and renamed when complete, so a listed backup is never half
 * written. A restore checks the dump's sha256 first, restores into a scratch database and compares every table's
 * row count and content checksum with the manifest.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { DomainError } from '@sw/domain';
import { PG_DUMP, PG_RESTORE } from '../archive/archive-region.ts';
import { withPgPassfile } from '../archive/pg-passfile.ts';

const run = promisify(execFile);
const quoteIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

export interface TableFingerprint {
  rows: number;
  /** sha256 over the table's rows as text, sorted: equal for equal content whatever the physical order. */
  sha256: string;
}
export type DatabaseFingerprint = Record<string, TableFingerprint>;

/** Row count and content checksum of every table in schema public. */
export async function databaseFingerprint(url: string): Promise<DatabaseFingerprint> {
  const sql = postgres(url, { max: 1, idle_timeout: 2, onnotice: () => {} });
  try {
    const tables = await sql<{ t: string }[]>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`;
    const out: DatabaseFingerprint = {};
    for (const { t } of tables) {
      const [r] = await sql.unsafe<{ n: number; h: string }[]>(
        `SELECT count(*)::int AS n, encode(sha256(convert_to(coalesce(string_agg(x.r, E'\\n' ORDER BY x.r), ''), 'UTF8')), 'hex') AS h
         FROM (SELECT t::text AS r FROM public.${quoteIdent(t)} t) x`,
      );
      out[t] = { rows: r!.n, sha256: r!.h };
    }
    return out;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** Tables whose row count or checksum differ between two fingerprints (missing on either side included), sorted. */
export function fingerprintDiff(expected: DatabaseFingerprint, actual: DatabaseFingerprint): Array<{ table: string; expected: TableFingerprint | null; actual: TableFingerprint | null }> {
  return [...new Set([...Object.keys(expected), ...Object.keys(actual)])]
    .sort()
    .filter((t) => expected[t]?.rows !== actual[t]?.rows || expected[t]?.sha256 !== actual[t]?.sha256)
    .map((t) => ({ table: t, expected: expected[t] ?? null, actual: actual[t] ?? null }));
}

export interface RegionBackupManifest {
  kind: 'region-logical';
  regionId: string;
  regionName: string;
  createdAt: string;
  format: 'pg_dump custom';
  file: 'region.dump';
  bytes: number;
  sha256: string;
  tables: DatabaseFingerprint;
}

export interface RegionBackup {
  /** The stamp directory name (backup id). */
  id: string;
  dir: string;
  manifest: RegionBackupManifest;
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

const regionDir = (backupDir: string, regionId: string) => path.resolve(backupDir, 'regions', regionId);
const stampOf = (d: Date) => d.toISOString().replaceAll(':', '-').replace(/\.(\d+)Z$/, '.$1Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkRegionId(regionId: string): void {
  if (!UUID.test(regionId)) throw new DomainError('ERR_VALIDATION', `not a region id: ${regionId}`);
}

/** Dumps a region database with its manifest and checksum. Fingerprints the source in the dump's snapshot window. */
export async function backupRegionDatabase(input: { regionId: string; regionName: string; sourceUrl: string; backupDir: string; now?: Date; pgDumpPath?: string }): Promise<RegionBackup> {
  checkRegionId(input.regionId);
  const now = input.now ?? new Date();
  const id = stampOf(now);
  const finalDir = path.join(regionDir(input.backupDir, input.regionId), id);
  const partial = `${finalDir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    const file = path.join(partial, 'region.dump');
    await withPgPassfile([input.sourceUrl], (env, [dbUrl]) =>
      run(input.pgDumpPath ?? PG_DUMP, ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbUrl}`], { maxBuffer: 16 * 1024 * 1024, env }),
    );
    const tables = await databaseFingerprint(input.sourceUrl);
    const sha256 = await sha256File(file);
    const manifest: RegionBackupManifest = {
      kind: 'region-logical', regionId: input.regionId, regionName: input.regionName, createdAt: now.toISOString(),
      format: 'pg_dump custom', file: 'region.dump', bytes: (await stat(file)).size, sha256, tables,
    };
    await writeFile(`${file}.sha256`, `${sha256}  region.dump\n`);
    await writeFile(path.join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(partial, finalDir);
    return { id, dir: finalDir, manifest };
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
}

/** The complete backups of a region, newest first. */
export async function listRegionBackups(backupDir: string, regionId: string): Promise<RegionBackup[]> {
  checkRegionId(regionId);
  const dir = regionDir(backupDir, regionId);
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: RegionBackup[] = [];
  for (const n of names.filter((x) => !x.endsWith('.partial')).sort().reverse()) {
    const manifest = JSON.parse(await readFile(path.join(dir, n, 'manifest.json'), 'utf8').catch(() => 'null')) as RegionBackupManifest | null;
    if (manifest?.kind === 'region-logical') out.push({ id: n, dir: path.join(dir, n), manifest });
  }
  return out;
}

export interface RegionRestoreResult {
  backupId: string;
  database: string;
  tables: number;
  rows: number;
  /** Empty when every table matches the manifest (rows and sha256). */
  diffs: ReturnType<typeof fingerprintDiff>;
  ms: number;
}

/**
 * Restores one backup into the scratch database `targetDb` on the server of `adminUrl` (dropped and created; never a
 * live region database) and compares it with the manifest. ERR_BACKUP_NOT_FOUND / ERR_BACKUP_CORRUPT (checksum) fail
 * before anything is restored.
 */
export async function restoreRegionBackup(input: { backupDir: string; regionId: string; backupId?: string; adminUrl: string; targetDb: string; pgRestorePath?: string }): Promise<RegionRestoreResult> {
  const started = performance.now();
  const all = await listRegionBackups(input.backupDir, input.regionId);
  const b = input.backupId ? all.find((x) => x.id === input.backupId) : all[0];
  if (!b) throw new DomainError('ERR_BACKUP_NOT_FOUND', input.backupId ? `no backup ${input.backupId} of region ${input.regionId}` : `region ${input.regionId} has no backup`);
  if (!/^[a-z0-9_]{1,63}$/.test(input.targetDb)) throw new DomainError('ERR_VALIDATION', 'the scratch database name must be 1-63 of [a-z0-9_]');
  const file = path.join(b.dir, b.manifest.file);
  const actualSha = await sha256File(file);
  if (actualSha !== b.manifest.sha256) throw new DomainError('ERR_BACKUP_CORRUPT', `backup ${b.id} of region ${input.regionId}: dump sha256 ${actualSha} does not match the manifest`);
  const admin = postgres(input.adminUrl, { max: 1, idle_timeout: 2, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(input.targetDb)} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${quoteIdent(input.targetDb)}`);
  } finally {
    await admin.end({ timeout: 2 });
  }
  const targetUrl = new URL(input.adminUrl);
  targetUrl.pathname = `/${input.targetDb}`;
  await withPgPassfile([targetUrl.toString()], (env, [dbUrl]) =>
    run(input.pgRestorePath ?? PG_RESTORE, ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${dbUrl}`, file], { maxBuffer: 16 * 1024 * 1024, env }),
  );
  const restored = await databaseFingerprint(targetUrl.toString());
  const diffs = fingerprintDiff(b.manifest.tables, restored);
  return {
    backupId: b.id,
    database: input.targetDb,
    tables: Object.keys(restored).length,
    rows: Object.values(restored).reduce((a, t) => a + t.rows, 0),
    diffs,
    ms: Math.round(performance.now() - started),
  };
}
