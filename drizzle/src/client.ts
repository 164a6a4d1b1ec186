import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { ConfigError, readEnv } from '@sw/config';
import { preparedByDefault } from './prepared-by-default.ts';
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
  /**
   * How the server end of the URL pools connections (hub only; default DATABASE_POOL_MODE, else `session`).
   * `transaction`: a pooler such as pgbouncer in transaction mode, which hands each transaction whatever server
   * connection is free — named prepared statements (postgres.js's default) would then land on a connection that never
   * prepared them, so they are turned off. Session state (SET, LISTEN, session advisory locks) does not survive a
   * transaction there either; docs/decisions/hub-connection-pooling.md says who may use such a URL.
   */
  poolMode?: PoolMode;
}

export type PoolMode = 'session' | 'transaction';

/** DATABASE_POOL_MODE: `session` (direct, or a session-pooling pgbouncer; the default) or `transaction`. */
export function poolModeFromEnv(env: NodeJS.ProcessEnv = process.env): PoolMode {
  const mode = readEnv('DATABASE_POOL_MODE', 'session', env);
  if (mode !== 'session' && mode !== 'transaction') throw new ConfigError(`DATABASE_POOL_MODE must be session or transaction, got "${mode}"`);
  return mode;
}

export interface DbHandle<TDb> {
  db: TDb;
  /** The underlying postgres.js client, for raw SQL, LISTEN, advisory locks. */
  sql: postgres.Sql;
  /** Ends every pooled connection (waits up to 5 s for running queries). */
  close(): Promise<void>;
}

function openClient(url: string, opts: DbOptions = {}, poolMode: PoolMode = 'session'): postgres.Sql {
  const client = postgres(url, {
    max: opts.max ?? 10,
    prepare: poolMode !== 'transaction',
    idle_timeout: opts.idleTimeout ?? 20,
    onnotice: () => {},
    connection: opts.applicationName ? { application_name: opts.applicationName } : {},
  });
  return poolMode === 'transaction' ? client : preparedByDefault(client);
}

/** Opens a pooled connection to the HUB database (through a transaction pooler when `poolMode` says so). Call close() on shutdown. */
export function createDb(url: string, opts?: DbOptions): DbHandle<HubDb> {
  const sql = openClient(url, opts, opts?.poolMode ?? poolModeFromEnv());
  const db = drizzle(sql, { schema: hub });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

/** Opens a pooled connection to one REGION database. Call close() on shutdown. */
export function createRegionDb(url: string, opts?: DbOptions): DbHandle<RegionDb> {
  const sql = openClient(url, opts);
  const db = drizzle(sql, { schema: region });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
