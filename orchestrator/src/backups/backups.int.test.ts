/**
 * Backups, for real: the hub restore drill (a disposable initdb cluster on a free port of 21500-21599, archive_mode on,
 * archive_command pgBackRest; full backup, more writes, point-in-time restore, every table compared by row count and
 * checksum) and a region logical backup restored into a scratch database and compared with its manifest.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { createTestDatabase, DEFAULT_TEST_DATABASE_ADMIN_URL, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { fillRegionLikeDatabase } from './measure-backups.ts';
import { backupRegionDatabase, databaseFingerprint, listRegionBackups, restoreRegionBackup } from './region-backup.ts';
import { runHubRestoreDrill } from './restore-drill.ts';
import { freePortInRange } from '../testing/fixtures.ts';

describe('hub restore drill (pgBackRest, point in time)', () => {
  it('restores exactly what the database held at the target time', async () => {
    const port = await freePortInRange(21500, 21599);
    const r = await runHubRestoreDrill({ port, rows: 2_000 });
    expect(r.backups).toBeGreaterThanOrEqual(1);
    // Rows of the full backup and the 1,000 written after it are back; the 500 written after the target are not.
    expect(r.atTarget.ledger!.rows).toBe(3_000);
    expect(r.restored.ledger!.rows).toBe(3_000);
    expect(r.rowsAfterTarget).toBe(500);
    expect(r.restored.regions).toEqual(r.atTarget.regions);
    expect(r.diffs).toEqual([]);
    expect(r.hubBackupS).toBeGreaterThan(0);
    expect(r.hubRestoreS).toBeGreaterThan(0);
  }, 240_000);
});

describe('region logical backups', () => {
  const regionId = '5b7f4c1e-0d1a-4c55-9a3e-3f0c9e7b2a10';
  let source: TestDatabase<HubDb>;
  let backupDir: string;
  const scratch = `sw_test_restore_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    source = await createTestDatabase({ kind: 'empty', max: 1 });
    await fillRegionLikeDatabase(source.url);
    backupDir = mkdtempSync(path.join(os.tmpdir(), 'sw-region-backups-'));
  });
  afterAll(async () => {
    const admin = postgres(DEFAULT_TEST_DATABASE_ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await source?.drop();
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('writes the dump, its sha256 and a manifest of every table, and restores it into a scratch database identically', async () => {
    const before = await databaseFingerprint(source.url);
    const b = await backupRegionDatabase({ regionId, regionName: 'drill', sourceUrl: source.url, backupDir });
    expect(b.manifest.tables).toEqual(before);
    expect(Object.keys(b.manifest.tables).sort()).toEqual(['presence', 'sector_warps', 'sectors', 'stations']);
    expect(b.manifest.tables.sectors!.rows).toBe(1_000);
    expect(readFileSync(path.join(b.dir, 'region.dump.sha256'), 'utf8')).toBe(`${b.manifest.sha256}  region.dump\n`);
    expect(existsSync(`${b.dir}.partial`)).toBe(false);

    // Writes after the backup are not in it: the restore matches the manifest, not today's source.
    await source.sql`DELETE FROM presence WHERE sector_id < 100`;
    await source.sql`UPDATE sectors SET name = 'renamed' WHERE sector_id = 1`;
    const r = await restoreRegionBackup({ backupDir, regionId, adminUrl: DEFAULT_TEST_DATABASE_ADMIN_URL, targetDb: scratch });
    expect(r.diffs).toEqual([]);
    expect(r.backupId).toBe(b.id);
    expect(r.rows).toBe(Object.values(before).reduce((a, t) => a + t.rows, 0));
    const scratchUrl = new URL(DEFAULT_TEST_DATABASE_ADMIN_URL);
    scratchUrl.pathname = `/${scratch}`;
    expect(await databaseFingerprint(scratchUrl.toString())).toEqual(before);
    expect(await databaseFingerprint(source.url)).not.toEqual(before);
  });

  it('lists complete backups newest first and ignores a half-written one', async () => {
    const second = await backupRegionDatabase({ regionId, regionName: 'drill', sourceUrl: source.url, backupDir, now: new Date(Date.now() + 60_000) });
    mkdirSync(path.join(backupDir, 'regions', regionId, '2999-01-01T00-00-00.000Z.partial'), { recursive: true });
    const list = await listRegionBackups(backupDir, regionId);
    expect(list).toHaveLength(2);
    expect(list[0]!.id).toBe(second.id);
  });

  it('refuses a dump that no longer matches its checksum, and an unknown backup, before restoring anything', async () => {
    const [newest] = await listRegionBackups(backupDir, regionId);
    const dump = path.join(newest!.dir, 'region.dump');
    const bytes = readFileSync(dump);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    writeFileSync(dump, bytes);
    await expect(restoreRegionBackup({ backupDir, regionId, adminUrl: DEFAULT_TEST_DATABASE_ADMIN_URL, targetDb: scratch })).rejects.toMatchObject({ code: 'ERR_BACKUP_CORRUPT' });
    await expect(restoreRegionBackup({ backupDir, regionId, backupId: 'nope', adminUrl: DEFAULT_TEST_DATABASE_ADMIN_URL, targetDb: scratch })).rejects.toMatchObject({ code: 'ERR_BACKUP_NOT_FOUND' });
    await expect(restoreRegionBackup({ backupDir, regionId, adminUrl: DEFAULT_TEST_DATABASE_ADMIN_URL, targetDb: 'Bad-Name' })).rejects.toMatchObject({ code: 'ERR_VALIDATION' });
  });
});
