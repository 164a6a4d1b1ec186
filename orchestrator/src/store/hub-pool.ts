/**
 * The orchestrator's hub connection pool, opened once per running orchestrator (and by tests that want the
 * production settings). Server-side timeouts make sure no statement and no forgotten transaction holds a
 * pooled connection forever, so queued work always gets a connection eventually. The reconciler's
 * long-held advisory locks never take a connection from this pool (reconciler/region-locks.ts).
 */
import postgres from 'postgres';

export interface HubPoolOptions {
  /** Pool size (ORCHESTRATOR_DB_POOL_MAX, default 10). */
  max: number;
  /** Server-side statement_timeout in ms (ORCHESTRATOR_STATEMENT_TIMEOUT_MS, default 30 s; 0 = none). */
  statementTimeoutMs: number;
  /** Server-side idle_in_transaction_session_timeout in ms (default 60 s; 0 = none). */
  idleInTransactionTimeoutMs: number;
  /** Seconds to wait for a new connection to be established (default 10). */
  connectTimeoutS: number;
  applicationName: string;
}

export const HUB_POOL_DEFAULTS: HubPoolOptions = {
  max: 10,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
  connectTimeoutS: 10,
  applicationName: 'orchestrator',
};

/** Opens the pool. A plain postgres.js client (not createDb): drizzle's wrapper turns timestamptz into strings. */
export function openHubPool(url: string, opts: Partial<HubPoolOptions> = {}): postgres.Sql {
  const o = { ...HUB_POOL_DEFAULTS, ...opts };
  return postgres(url, {
    max: o.max,
    idle_timeout: 20,
    connect_timeout: o.connectTimeoutS,
    onnotice: () => {},
    connection: {
      application_name: o.applicationName,
      statement_timeout: o.statementTimeoutMs,
      idle_in_transaction_session_timeout: o.idleInTransactionTimeoutMs,
    },
  });
}
