import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as hub from './schema/hub/index.ts';
import * as region from './schema/region/index.ts';

export type HubSchema = typeof hub;
export type RegionSchema = typeof region;
/** Drizzle database typed with the hub schema. */
export type HubDb = PostgresJsDatabase<HubSchema>;
/** Drizzle database typed with the region schema. */
export type RegionDb = PostgresJsDatabase<RegionSchema>;

export interface DbOptions {
  /** Pool size (default 10). */
  max?: number;
  /** Seconds an idle connection is kept (default 20). */
  idleTimeout?: number;
  /** application_name reported to Postgres (shows in pg_stat_activity). */
  applicationName?: string;
}

export interface DbHandle<TDb> {
  db: TDb;
  /** The underlying postgres.js client, for raw SQL, LISTEN, advisory locks. */
  sql: postgres.Sql;
  /** Ends every pooled connection (waits up to 5 s for running queries). */
  close(): Promise<void>;
}

function openClient(url: string, opts: DbOptions = {}): postgres.Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    idle_timeout: opts.idleTimeout ?? 20,
    onnotice: () => {},
    connection: opts.applicationName ? { application_name: opts.applicationName } : {},
  });
}

/** Opens a pooled connection to the HUB database. Call close() on shutdown. */
export function createDb(url: string, opts?: DbOptions): DbHandle<HubDb> {
  const sql = openClient(url, opts);
  const db = drizzle(sql, { schema: hub });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/** Opens a pooled connection to one REGION database. Call close() on shutdown. */
export function createRegionDb(url: string, opts?: DbOptions): DbHandle<RegionDb> {
  const sql = openClient(url, opts);
  const db = drizzle(sql, { schema: region });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
