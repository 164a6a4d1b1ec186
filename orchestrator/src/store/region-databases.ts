/**
 * The region_databases record of a region: deterministic names and the role's password, which is stored
 * ONLY sealed (password_ciphertext, secrets/secret-box.ts). Rows written before encryption at rest carry
 * the password in plain text (`password`); `sealLegacyRegionPasswords` moves them at orchestrator start,
 * and any read of such a row seals it on the way.
 */
import { randomBytes } from 'node:crypto';
import type postgres from 'postgres';
import { regionDbName } from '../drivers/driver.ts';
import type { SecretBox } from '../secrets/secret-box.ts';

export interface RegionDatabaseRecord {
  dbName: string;
  roleName: string;
  password: string;
  droppedAt: Date | null;
}

interface StoredRow {
  regionId: string;
  dbName: string;
  roleName: string;
  password: string | null;
  passwordCiphertext: string | null;
  droppedAt: Date | null;
}

type Queryable = postgres.Sql | postgres.TransactionSql;

async function readRow(sql: Queryable, regionId: string): Promise<StoredRow | null> {
  const [row] = await sql<StoredRow[]>`
    SELECT region_id AS "regionId", db_name AS "dbName", role_name AS "roleName", password, password_ciphertext AS "passwordCiphertext", dropped_at AS "droppedAt"
    FROM region_databases WHERE region_id = ${regionId}`;
  return row ?? null;
}

/** Seals a legacy plain-text row in place (no-op when another writer sealed it first). */
async function sealRow(sql: Queryable, box: SecretBox, row: StoredRow & { password: string }): Promise<void> {
  await sql`UPDATE region_databases SET password_ciphertext = ${box.seal(row.password)}, password = NULL WHERE region_id = ${row.regionId} AND password_ciphertext IS NULL`;
}

async function toRecord(sql: Queryable, box: SecretBox, row: StoredRow): Promise<RegionDatabaseRecord> {
  if (row.passwordCiphertext) return { dbName: row.dbName, roleName: row.roleName, password: box.open(row.passwordCiphertext), droppedAt: row.droppedAt };
  if (row.password === null) throw new Error(`region_databases row of ${row.regionId} has no password`);
  await sealRow(sql, box, { ...row, password: row.password });
  return { dbName: row.dbName, roleName: row.roleName, password: row.password, droppedAt: row.droppedAt };
}

/** The record of a region (null when none was written). */
export async function loadRegionDatabaseRecord(sql: Queryable, box: SecretBox, regionId: string): Promise<RegionDatabaseRecord | null> {
  const row = await readRow(sql, regionId);
  return row ? await toRecord(sql, box, row) : null;
}

/** Writes the record (random password, sealed) unless it exists, clears dropped_at, and returns it. */
export async function ensureRegionDatabaseRecord(sql: Queryable, box: SecretBox, region: { id: string; name: string }): Promise<RegionDatabaseRecord> {
  const dbName = regionDbName(region.id);
  await sql`
    INSERT INTO region_databases (region_id, region_name, db_name, role_name, password_ciphertext)
    VALUES (${region.id}, ${region.name}, ${dbName}, ${dbName}, ${box.seal(randomBytes(18).toString('base64url'))})
    ON CONFLICT (region_id) DO UPDATE SET dropped_at = NULL`;
  return (await loadRegionDatabaseRecord(sql, box, region.id))!;
}

/** Migration path: seals every plain-text password still in region_databases. Returns how many. */
export async function sealLegacyRegionPasswords(sql: postgres.Sql, box: SecretBox): Promise<number> {
  const rows = await sql<StoredRow[]>`
    SELECT region_id AS "regionId", db_name AS "dbName", role_name AS "roleName", password, password_ciphertext AS "passwordCiphertext", dropped_at AS "droppedAt"
    FROM region_databases WHERE password IS NOT NULL AND password_ciphertext IS NULL`;
  for (const row of rows) await sealRow(sql, box, { ...row, password: row.password! });
  return rows.length;
}
