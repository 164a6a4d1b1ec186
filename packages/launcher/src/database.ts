import postgres from 'postgres';

/** Splits a Postgres URL into the admin URL (database `postgres`) and the database name. */
export function adminUrlOf(databaseUrl: string): { adminUrl: string; dbName: string } {
  const url = new URL(databaseUrl);
  const dbName = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(dbName)) throw new Error(`unsupported database name "${dbName}" in DATABASE_URL`);
  url.pathname = '/postgres';
  return { adminUrl: url.toString(), dbName };
}

/** Creates the database named in `databaseUrl` when it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const { adminUrl, dbName } = adminUrlOf(databaseUrl);
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${dbName}`;
    if (rows.length === 0) await sql.unsafe(`create database "${dbName}"`);
  } finally {
    await sql.end();
  }
}

/**
 * Drops an ephemeral hub database (end-to-end runs) together with the region databases and roles its regions
 * created on the same server (region_databases rows not yet dropped), so a run leaves nothing behind.
 */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { adminUrl, dbName } = adminUrlOf(databaseUrl);
  const regions: { db_name: string; role_name: string }[] = [];
  const hub = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    regions.push(...(await hub<{ db_name: string; role_name: string }[]>`
      select db_name, role_name from region_databases where dropped_at is null`));
  } catch {
    // not migrated yet: no regions
  } finally {
    await hub.end();
  }
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    for (const r of regions) {
      if (!/^[a-z0-9_]+$/.test(r.db_name) || !/^[a-z0-9_]+$/.test(r.role_name)) continue;
      await sql.unsafe(`drop database if exists "${r.db_name}" with (force)`);
      await sql.unsafe(`drop role if exists "${r.role_name}"`);
    }
    await sql.unsafe(`drop database if exists "${dbName}" with (force)`);
  } finally {
    await sql.end();
  }
}
