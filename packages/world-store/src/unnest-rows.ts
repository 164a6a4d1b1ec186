/**
 * The alternative bulk-load path: ONE `INSERT ... SELECT FROM unnest($1::text[], ...)` statement per table, every
 * column sent as a text array and cast server-side. One round trip and a single socket write per statement, so
 * it never pays the TCP delayed-ACK stall that ends every COPY on a non-NODELAY socket (see copy-rows.ts); the
 * benchmark measures both paths (bench/generation.bench.ts) and persistWorld uses the faster one.
 */
import type postgres from 'postgres';
import { textArrayLiteral, type CopyValue } from './copy-rows.ts';
import { COLUMN_TYPES } from './world-rows.ts';

function asText(value: CopyValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? textArrayLiteral(value as readonly string[]) : JSON.stringify(value);
}

/** Inserts `rows` into `table` with one unnest statement on `sql` (the caller's transaction). Returns the row count. */
export async function unnestRows(
  sql: postgres.Sql | postgres.TransactionSql,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const arrays = columns.map((_, i) => rows.map((row) => asText(row[i]!)));
  const casts = columns.map((c, i) => {
    const type = COLUMN_TYPES[c];
    if (!type) throw new Error(`no column type for ${table}.${c}`);
    return `u.c${i}::${type}`;
  });
  const text = `insert into ${table} (${columns.join(', ')}) select ${casts.join(', ')} from unnest(${columns
    .map((_, i) => `$${i + 1}::text[]`)
    .join(', ')}) as u(${columns.map((_, i) => `c${i}`).join(', ')})`;
  const result = await sql.unsafe(text, arrays as never);
  return result.count;
}
