import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, createRegionDb, migrateHub, migrateRegion, quoteIdent, type HubDb, type RegionDb } from '@sw/db';
import { readEnv } from '@sw/config';

/** Admin connection used to create/drop test databases (trust auth on the local server). */
export const DEFAULT_TEST_DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Every test database name starts with this, followed by `<created-at base36>_<random>`. */
export const TEST_DATABASE_PREFIX = 'sw_test_';
/** Test databases older than this are leftovers of crashed runs and get dropped by the next creation. */
const STALE_AFTER_MS = 6 * 3_600_000;

export type TestDatabaseKind = 'hub' | 'region' | 'empty';

export interface TestDatabase<TDb> {
  /** Connection URL of the fresh database. */
  url: string;
  /** Its name (`sw_test_...`). */
  name: string;
  /** Drizzle client (hub schema for 'hub' and 'empty', region schema for 'region'). */
  db: TDb;
  /** Raw postgres.js client on the same pool. */
  sql: postgres.Sql;
  /** Closes the clients and drops the database WITH (FORCE). Idempotent. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions<K extends TestDatabaseKind> {
  /** Which migrations to run: 'hub' (default), 'region' or 'empty' (none). */
  kind?: K;
  /** Pool size of the returned client (default 5). */
  max?: number;
}

function adminUrl(): string {
  return readEnv('TEST_DATABASE_ADMIN_URL', DEFAULT_TEST_DATABASE_ADMIN_URL);
}

function urlFor(dbName: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${dbName}`;
  return u.toString();
}

/** Drops sw_test_* databases whose embedded creation time is older than STALE_AFTER_MS. Best effort. */
async function dropStaleTestDatabases(admin: postgres.Sql, now: number): Promise<void> {
  const rows = await admin<{ datname: string }[]>`
    SELECT datname FROM pg_database WHERE datname LIKE ${TEST_DATABASE_PREFIX + '%'}`;
  for (const { datname } of rows) {
    const stamp = datname.slice(TEST_DATABASE_PREFIX.length).split('_')[0] ?? '';
    const createdAt = parseInt(stamp, 36);
    if (!Number.isFinite(createdAt) || now - createdAt * 1000 < STALE_AFTER_MS) continue;
    await admin.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`).catch(() => {});
  }
}

/**
 * Creates a fresh, uniquely named database on the local Postgres server (TEST_DATABASE_ADMIN_URL,
 * default postgres://postgres@127.0.0.1:5432), applies the hub or region migrations and returns a client.
 * Every integration test file calls this in beforeAll and `drop()` in afterAll; nothing is shared
 * between files.
 */
export async function createTestDatabase(opts?: CreateTestDatabaseOptions<'hub' | 'empty'>): Promise<TestDatabase<HubDb>>;
export async function createTestDatabase(opts: CreateTestDatabaseOptions<'region'>): Promise<TestDatabase<RegionDb>>;
export async function createTestDatabase(
  opts: CreateTestDatabaseOptions<TestDatabaseKind> = {},
): Promise<TestDatabase<HubDb> | TestDatabase<RegionDb>> {
  const kind = opts.kind ?? 'hub';
  const now = Date.now();
  const name = `${TEST_DATABASE_PREFIX}${Math.floor(now / 1000).toString(36)}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await dropStaleTestDatabases(admin, now);
    await admin.unsafe(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = urlFor(name);
  let dropped = false;
  const dropDatabase = async () => {
    const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    try {
      await a.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } finally {
      await a.end({ timeout: 5 });
    }
  };
  try {
    if (kind === 'hub') await migrateHub(url);
    if (kind === 'region') await migrateRegion(url);
  } catch (err) {
    await dropDatabase().catch(() => {});
    throw err;
  }
  const handle = kind === 'region' ? createRegionDb(url, { max: opts.max ?? 5 }) : createDb(url, { max: opts.max ?? 5 });
  return {
    url,
    name,
    db: handle.db,
    sql: handle.sql,
    async drop() {
      if (dropped) return;
      dropped = true;
      await handle.close();
      await dropDatabase();
    },
  } as TestDatabase<HubDb> | TestDatabase<RegionDb>;
}
