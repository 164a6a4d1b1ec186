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

/** Drops a database (used for the ephemeral database of end-to-end runs). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { adminUrl, dbName } = adminUrlOf(databaseUrl);
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists "${dbName}" with (force)`);
  } finally {
    await sql.end();
  }
}
