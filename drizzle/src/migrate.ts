import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** Folder of the generated hub migrations (resolved from this package, not the caller's cwd). */
export const HUB_MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../migrations/hub');
/** Folder of the generated region migrations. */
export const REGION_MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../migrations/region');

async function runMigrations(url: string, migrationsFolder: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Applies every pending hub migration to the database at `url` (idempotent; already-applied ones are skipped). */
export function migrateHub(url: string): Promise<void> {
  return runMigrations(url, HUB_MIGRATIONS_DIR);
}

/** Applies every pending region migration to one region database (idempotent). */
export function migrateRegion(url: string): Promise<void> {
  return runMigrations(url, REGION_MIGRATIONS_DIR);
}
