/**
 * Archiving a region database (termination step 2, see orchestrator/src/steps/terminate.ts): pg_dump (custom format)
 * into BACKUP_DIR/<region-name>-<timestamp>/ with a manifest.json carrying the sha256 of the dump and
 * the per-table row counts, VERIFIED by restoring into a scratch database and comparing every table's
 * row count. A verification failure throws (transient: the reconciler retries; nothing is dropped).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { quoteIdent } from '@sw/db';
import type { RegionRuntimeDriver } from '../drivers/driver.ts';
import { openAdmin } from '../drivers/process/pg-admin.ts';
import type { RegionRow } from '../store/region-row.ts';
import { withPgPassfile } from './pg-passfile.ts';

const run = promisify(execFile);
export const PG_DUMP = process.env.PG_DUMP_PATH ?? '/usr/bin/pg_dump';
export const PG_RESTORE = process.env.PG_RESTORE_PATH ?? '/usr/bin/pg_restore';

export interface ArchiveInput {
  hubUrl: string;
  backupDir: string;
  region: Pick<RegionRow, 'id' | 'name'>;
  db: { dbName: string; roleName: string; password: string };
  driver: RegionRuntimeDriver;
  /** pg_dump / pg_restore binaries (default PG_DUMP / PG_RESTORE; tests wrap them). */
  pgDumpPath?: string;
  pgRestorePath?: string;
}

export interface ArchiveResult {
  uri: string;
  dir: string;
  sha256: string;
  bytes: number;
  tables: number;
  rows: number;
}

/** manifest.json next to each dump: what was dumped, its checksum and the verified row counts per table. */
export interface ArchiveManifest {
  regionId: string;
  regionName: string;
  database: string;
  createdAt: string;
  format: 'pg_dump custom';
  file: string;
  bytes: number;
  sha256: string;
  verified: { method: string; tables: Record<string, number> };
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Exact row count of every table in schema public. */
export async function tableRowCounts(url: string): Promise<Record<string, number>> {
  const sql = postgres(url, { max: 1, idle_timeout: 2, onnotice: () => {} });
  try {
    const tables = await sql<{ t: string }[]>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`;
    const out: Record<string, number> = {};
    for (const { t } of tables) {
      const [r] = await sql.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM public.${quoteIdent(t)}`);
      out[t] = r!.n;
    }
    return out;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** Dumps, checksums, verifies by restore, and writes the manifest. */
export async function archiveRegionDatabase(input: ArchiveInput): Promise<ArchiveResult> {
  const stamp = new Date().toISOString().replaceAll(':', '-').replace(/\..+/, 'Z');
  const dir = path.resolve(input.backupDir, `${input.region.name}-${stamp}`);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${input.db.dbName}.dump`);
  // Ask the driver where the region database lives: the hub server for the process driver, the region's own
  // Postgres container for the docker driver. ensureDatabase is idempotent (it only re-asserts the role).
  const sourceUrl = (await input.driver.ensureDatabase({ regionId: input.region.id, ...input.db })).url;
  // Passwords go through a PGPASSFILE, never the command line (pg-passfile.ts).
  await withPgPassfile([sourceUrl], (env, [dbUrl]) =>
    run(input.pgDumpPath ?? PG_DUMP, ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${dbUrl}`], { maxBuffer: 16 * 1024 * 1024, env }),
  );
  const sha256 = await sha256File(file);
  const bytes = (await stat(file)).size;
  const sourceCounts = await tableRowCounts(sourceUrl);

  // Verify: restore into a scratch database and compare row counts table by table.
  const scratch = `${input.db.dbName}_verify`.slice(0, 63);
  const admin = openAdmin(input.hubUrl);
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${quoteIdent(scratch)}`);
    const scratchUrl = new URL(input.hubUrl);
    scratchUrl.pathname = `/${scratch}`;
    await withPgPassfile([scratchUrl.toString()], (env, [dbUrl]) =>
      run(input.pgRestorePath ?? PG_RESTORE, ['--no-owner', '--exit-on-error', `--dbname=${dbUrl}`, file], { maxBuffer: 16 * 1024 * 1024, env }),
    );
    const restored = await tableRowCounts(scratchUrl.toString());
    const diffs = Object.keys({ ...sourceCounts, ...restored }).filter((t) => sourceCounts[t] !== restored[t]);
    if (diffs.length) throw new Error(`backup verification failed for ${input.region.name}: ${diffs.map((t) => `${t} ${sourceCounts[t]} != ${restored[t]}`).join(', ')}`);
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`).catch(() => {});
    await admin.end({ timeout: 2 });
  }
  const rows = Object.values(sourceCounts).reduce((a, b) => a + b, 0);
  const manifest: ArchiveManifest = {
    regionId: input.region.id,
    regionName: input.region.name,
    database: input.db.dbName,
    createdAt: new Date().toISOString(),
    format: 'pg_dump custom',
    file: path.basename(file),
    bytes,
    sha256,
    verified: { method: 'restore into scratch database + row counts', tables: sourceCounts },
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { uri: `file://${file}`, dir, sha256, bytes, tables: Object.keys(sourceCounts).length, rows };
}
