/**
 * Bulk loading with `COPY <table> (<columns>) FROM STDIN` in PostgreSQL's text format: rows are encoded to
 * tab-separated lines in ~256 KB chunks and streamed through postgres.js's writable COPY stream, with
 * back-pressure. Measured in bench/generation.bench.ts it is the SLOWER path here (5000-sector Nexus ~750 ms vs
 * ~360 ms for unnest-rows.ts): postgres.js does not set TCP_NODELAY, so the small CopyDone message written after
 * the data waits for the server's delayed ACK (~40 ms) at the end of every COPY, six times per world. Kept as
 * `persistWorld({ method: 'copy' })` so the benchmark keeps comparing both.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';

/** One COPY field: null → NULL, booleans → t/f, string[] → text[] literal, objects → JSON (for jsonb). */
export type CopyValue = string | number | boolean | null | readonly string[] | Record<string, unknown>;

const CHUNK_CHARS = 256 * 1024;

/** Escapes a string for the COPY text format (backslash, tab, newline, carriage return). */
export function escapeCopyText(value: string): string {
  // Fast path: most generated strings (names, enum values) contain nothing to escape.
  if (!/[\\\t\n\r]/.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** Postgres array literal of text elements, every element double-quoted (so commas, braces and spaces are safe). */
export function textArrayLiteral(items: readonly string[]): string {
  if (items.length === 0) return '{}';
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/** Encodes one field of a COPY text row. */
export function encodeCopyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  switch (typeof value) {
    case 'boolean':
      return value ? 't' : 'f';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`COPY value must be finite, got ${value}`);
      return String(value);
    case 'string':
      return escapeCopyText(value);
    default:
      return escapeCopyText(Array.isArray(value) ? textArrayLiteral(value as readonly string[]) : JSON.stringify(value));
  }
}

function* encodeRows(rows: Iterable<readonly CopyValue[]>, width: number): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    if (row.length !== width) throw new RangeError(`COPY row has ${row.length} fields, expected ${width}`);
    let line = '';
    for (let i = 0; i < width; i++) line += (i === 0 ? '' : '\t') + encodeCopyValue(row[i]!);
    chunk += line + '\n';
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Streams `rows` into `table` with COPY FROM STDIN on the caller's connection (inside its transaction when
 * `sql` is a transaction). Resolves with the number of rows sent once Postgres has accepted them; rejects
 * (leaving the transaction aborted) on any constraint or type error.
 */
export async function copyRows(
  sql: postgres.Sql | postgres.TransactionSql,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const writable = await sql`copy ${sql(table)} (${sql(columns as string[])}) from stdin`.writable();
  await pipeline(Readable.from(encodeRows(rows, columns.length), { objectMode: false }), writable);
  return rows.length;
}
