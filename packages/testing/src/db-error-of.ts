/** The fields of a Postgres error that tests assert on. */
export interface DbErrorInfo {
  /** SQLSTATE, e.g. 23514 check_violation, 23505 unique_violation, 23503 foreign_key_violation. */
  code: string | undefined;
  /** Violated constraint / index name (what makes a test fail if the constraint disappears). */
  constraint: string | undefined;
  message: string;
}

/**
 * Awaits a query that is expected to fail and returns its Postgres error fields, unwrapping drizzle's
 * DrizzleQueryError (`cause`). Throws if the query succeeded, so a vanished constraint fails the test.
 */
export async function dbErrorOf(query: PromiseLike<unknown>): Promise<DbErrorInfo> {
  let error: unknown;
  try {
    await query;
  } catch (err) {
    error = err;
  }
  if (error === undefined) throw new Error('expected the database to refuse the statement, but it succeeded');
  let pg = error as { code?: string; constraint_name?: string; message?: string; cause?: unknown };
  while (pg && pg.code === undefined && pg.cause) pg = pg.cause as typeof pg;
  return { code: pg?.code, constraint: pg?.constraint_name, message: String(pg?.message ?? error) };
}
