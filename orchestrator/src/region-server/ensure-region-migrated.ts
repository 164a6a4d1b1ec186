/**
 * Migrates a region database only when it is behind. The drizzle migrator (and the whole @sw/db schema)
 * is imported lazily, because loading it costs a region-server ~70 MB of RSS for its whole life while
 * the orchestrator has usually migrated the database already (REGION_GENERATED step).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type postgres from 'postgres';

/** Number of region migrations shipped with @sw/db (entries of its drizzle journal). */
export function shippedRegionMigrations(): number {
  const dbIndex = fileURLToPath(import.meta.resolve('@sw/db'));
  const journal = path.resolve(path.dirname(dbIndex), '../migrations/region/meta/_journal.json');
  return (JSON.parse(readFileSync(journal, 'utf8')) as { entries: unknown[] }).entries.length;
}

/** Runs migrateRegion(url) unless every shipped migration is already applied. Returns true when it ran. */
export async function ensureRegionMigrated(sql: postgres.Sql, url: string): Promise<boolean> {
  let applied = -1;
  try {
    const [r] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
    applied = r?.n ?? 0;
  } catch {
    applied = 0; // table missing: never migrated
  }
  if (applied >= shippedRegionMigrations()) return false;
  const { migrateRegion } = await import('@sw/db');
  await migrateRegion(url);
  return true;
}
