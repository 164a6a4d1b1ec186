import postgres from 'postgres';

/** Quotes a Postgres identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Creates the database named in `url` if it does not exist yet, connecting to the server's `postgres`
 * maintenance database. Returns true when it was created. Safe to race: a concurrent creator's
 * duplicate_database error counts as "exists".
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!dbName) throw new Error(`database URL has no database name: ${url}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`SELECT 1 FROM pg_database WHERE datname = ${dbName}`;
    if (rows.length > 0) return false;
    try {
      await sql.unsafe(`CREATE DATABASE ${quoteIdent(dbName)}`);
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === '42P04') return false; // duplicate_database
      throw err;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
