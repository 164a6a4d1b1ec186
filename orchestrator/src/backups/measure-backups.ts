/**
 * Backup timings for bench:ops (docs/decisions/backups.md): the hub restore drill's full backup and point-in-time
 * restore on a disposable cluster, and one region logical backup (pg_dump + fingerprint + manifest) of a synthetic
 * region-sized database on the server of `adminUrl` (created and dropped here).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { backupRegionDatabase } from './region-backup.ts';
import { runHubRestoreDrill } from './restore-drill.ts';

export interface OpsBackupNumbers {
  hub_backup_s: number;
  hub_restore_s: number;
  region_backup_ms: number;
}

/** Fills a database with a region-sized world: 1,000 sectors, 3,000 warps, 200 stations, 10,000 presence rows. */
export async function fillRegionLikeDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`CREATE TABLE sectors (sector_id int PRIMARY KEY, name text NOT NULL, x real, y real, z real)`;
    await sql`CREATE TABLE sector_warps (from_id int NOT NULL, to_id int NOT NULL, turn_cost int NOT NULL, PRIMARY KEY (from_id, to_id))`;
    await sql`CREATE TABLE stations (id int PRIMARY KEY, sector_id int NOT NULL, kind text NOT NULL)`;
    await sql`CREATE TABLE presence (player_id uuid PRIMARY KEY, sector_id int NOT NULL, last_seen_at timestamptz NOT NULL)`;
    await sql`INSERT INTO sectors SELECT g, 'Sector ' || g, random() * 100, random() * 100, random() * 100 FROM generate_series(1, 1000) g`;
    await sql`INSERT INTO sector_warps SELECT g, (g * 7 + k) % 1000 + 1, k FROM generate_series(1, 1000) g, generate_series(1, 3) k ON CONFLICT DO NOTHING`;
    await sql`INSERT INTO stations SELECT g, g * 5, 'TRADE' FROM generate_series(1, 200) g`;
    await sql`INSERT INTO presence SELECT gen_random_uuid(), g % 1000 + 1, now() FROM generate_series(1, 10000) g`;
  } finally {
    await sql.end({ timeout: 2 });
  }
}

/** The backup bench's options from the environment (BENCH_DRILL_PORT, DATABASE_ADMIN_URL, BENCH_DRILL_ROWS): one reading for bench:ops and bench:ops-backup. */
export function opsBackupOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): { drillPort: number; adminUrl: string; rows: number } {
  return {
    drillPort: Number(env.BENCH_DRILL_PORT ?? 21543),
    adminUrl: env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    rows: Number(env.BENCH_DRILL_ROWS ?? 2000),
  };
}

export async function measureOpsBackup(opts: { drillPort: number; adminUrl: string; rows?: number }): Promise<OpsBackupNumbers> {
  const drill = await runHubRestoreDrill({ port: opts.drillPort, ...(opts.rows ? { rows: opts.rows } : {}) });
  if (drill.diffs.length) throw new Error(`restore drill mismatch: ${JSON.stringify(drill.diffs)}`);
  const dbName = `sw_bench_region_${randomBytes(4).toString('hex')}`;
  const admin = postgres(opts.adminUrl, { max: 1, onnotice: () => {} });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-bench-backups-'));
  try {
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    const url = new URL(opts.adminUrl);
    url.pathname = `/${dbName}`;
    await fillRegionLikeDatabase(url.toString());
    const t0 = performance.now();
    await backupRegionDatabase({ regionId: '00000000-0000-4000-8000-00000000b00c', regionName: 'bench', sourceUrl: url.toString(), backupDir: dir });
    const regionBackupMs = performance.now() - t0;
    return {
      hub_backup_s: Math.round(drill.hubBackupS * 100) / 100,
      hub_restore_s: Math.round(drill.hubRestoreS * 100) / 100,
      region_backup_ms: Math.round(regionBackupMs),
    };
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end({ timeout: 2 });
    rmSync(dir, { recursive: true, force: true });
  }
}
