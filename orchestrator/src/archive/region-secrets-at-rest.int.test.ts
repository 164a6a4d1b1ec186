/**
 * Region database passwords never lie around: the hub keeps them sealed (AES-256-GCM, REGION_SECRETS_KEY)
 * with a migration path for rows written in plain text, and the archive's pg_dump / pg_restore get them
 * through a 0600 PGPASSFILE that is removed afterwards, never on their command line.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, insertRegion, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { regionDbName, type RegionRuntimeDriver } from '../drivers/driver.ts';
import { createProcessDriver } from '../drivers/process/process-driver.ts';
import type { ReconcileContext } from '../reconciler/context.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { regionDatabaseRecord } from '../steps/provision-conditions.ts';
import { loadRegionDatabaseRecord, sealLegacyRegionPasswords } from '../store/region-databases.ts';
import { loadRegion } from '../store/region-row.ts';
import { cleanupInstance } from '../testing/fixtures.ts';
import { archiveRegionDatabase, PG_DUMP, PG_RESTORE } from './archive-region.ts';

const instance = `sec-${randomUUID().slice(0, 8)}`;
const box = createSecretBox(randomBytes(32));
let tdb: TestDatabase<HubDb>;
let driver: RegionRuntimeDriver;
let work: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  driver = createProcessDriver({ hubUrl: tdb.url, instance });
  work = mkdtempSync(path.join(os.tmpdir(), 'sw-secrets-test-'));
});

afterAll(async () => {
  await driver?.close();
  await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
  rmSync(work, { recursive: true, force: true });
});

const ctxOf = (): ReconcileContext => ({ sql: tdb.sql, hubUrl: tdb.url, bus: null, driver, log: { info() {}, warn() {}, error() {} }, now: () => new Date(), crashAfter: null, backupDir: work, secrets: box });

describe('region database passwords at rest', () => {
  it('are stored sealed when provisioning writes the record', async () => {
    const region = await insertRegion(tdb.db);
    const rec = await regionDatabaseRecord(ctxOf(), (await loadRegion(tdb.sql, region.id))!);
    const [row] = await tdb.sql<{ password: string | null; sealed: string | null; all: string }[]>`
      SELECT password, password_ciphertext AS sealed, row_to_json(d)::text AS all FROM region_databases d WHERE region_id = ${region.id}`;
    expect(row!.password).toBeNull();
    expect(row!.all).not.toContain(rec.password);
    expect(box.open(row!.sealed!)).toBe(rec.password);
    // The same record comes back on the next pass (no new password).
    expect((await regionDatabaseRecord(ctxOf(), (await loadRegion(tdb.sql, region.id))!)).password).toBe(rec.password);
  });

  it('migrates plain-text rows of an older version: at start, and on any read', async () => {
    const a = await insertRegion(tdb.db);
    const b = await insertRegion(tdb.db);
    for (const r of [a, b]) {
      await tdb.sql`INSERT INTO region_databases (region_id, region_name, db_name, role_name, password)
        VALUES (${r.id}, ${r.name}, ${regionDbName(r.id)}, ${regionDbName(r.id)}, ${`legacy-${r.id}`})`;
    }
    expect((await loadRegionDatabaseRecord(tdb.sql, box, b.id))!.password).toBe(`legacy-${b.id}`);
    expect(await sealLegacyRegionPasswords(tdb.sql, box)).toBe(1); // b was sealed by its read already
    expect(await sealLegacyRegionPasswords(tdb.sql, box)).toBe(0);
    for (const r of [a, b]) {
      const [row] = await tdb.sql<{ password: string | null; sealed: string }[]>`SELECT password, password_ciphertext AS sealed FROM region_databases WHERE region_id = ${r.id}`;
      expect(row!.password).toBeNull();
      expect(box.open(row!.sealed)).toBe(`legacy-${r.id}`);
    }
  });
});

describe('archive tools', () => {
  it('get the region password through a 0600 PGPASSFILE that is gone afterwards, never in argv or the inherited env', async () => {
    const regionId = randomUUID();
    const dbName = regionDbName(regionId);
    const password = `pw-${randomUUID()}`;
    await driver.ensureDatabase({ regionId, dbName, roleName: dbName, password });
    const log = path.join(work, 'tools.log');
    const wrap = (name: string, real: string) => {
      const file = path.join(work, `${name}-wrapper.sh`);
      writeFileSync(file, `#!/bin/sh
{ echo "TOOL ${name}"; echo "ARGS $*"; echo "PASSFILE $PGPASSFILE"; stat -c 'MODE %a' "$PGPASSFILE"; echo "LINES $(grep -c . "$PGPASSFILE")"; echo "ENVSIZE $(env | grep -c =)"; } >> '${log}'
exec ${real} "$@"
`);
      chmodSync(file, 0o755);
      return file;
    };
    const res = await archiveRegionDatabase({
      hubUrl: tdb.url, backupDir: work, region: { id: regionId, name: `sec-${regionId.slice(0, 8)}` }, db: { dbName, roleName: dbName, password }, driver,
      pgDumpPath: wrap('pg_dump', PG_DUMP), pgRestorePath: wrap('pg_restore', PG_RESTORE),
    });
    expect(res.sha256).toMatch(/^[0-9a-f]{64}$/);
    const text = readFileSync(log, 'utf8');
    expect(text).toContain('TOOL pg_dump');
    expect(text).toContain('TOOL pg_restore');
    expect(text).not.toContain(password);
    expect(text.match(/^MODE (\d+)$/gm)).toEqual(['MODE 600', 'MODE 600']);
    // pg_dump's file holds the region role's line; the hub URL of the scratch restore has no password here.
    expect(text.match(/^LINES (\d+)$/gm)).toEqual(['LINES 1', 'LINES 0']);
    for (const m of text.matchAll(/^PASSFILE (.+)$/gm)) expect(existsSync(m[1]!)).toBe(false);
    for (const m of text.matchAll(/^ENVSIZE (\d+)$/gm)) expect(Number(m[1])).toBeLessThanOrEqual(5);
  });
});
