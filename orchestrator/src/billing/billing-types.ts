import type postgres from 'postgres';

/** Database access for billing: the raw postgres.js client (same as the orchestrator's StoreDeps.sql). */
export interface BillingDb {
  sql: postgres.Sql;
}

/** pino-compatible subset used by billing (pass the service logger; defaults to silent). */
export interface BillingLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: BillingLogger = { info() {}, warn() {}, error() {} };
