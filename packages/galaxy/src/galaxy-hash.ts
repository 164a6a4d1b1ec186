/**
 * Canonical hash of a generated region: sha256 over a canonical serialization (object keys sorted
 * recursively, arrays in their canonical row order as produced by assembleRegion) → hex.
 * Two regions with the same hash are identical row for row; a golden hash in the tests pins the generator.
 */
import { createHash } from 'node:crypto';
import type { GeneratedRegion } from './galaxy-types.ts';

/** JSON with recursively sorted object keys (undefined members dropped, like JSON.stringify). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function galaxyHash(region: GeneratedRegion): string {
  const h = createHash('sha256');
  const { sectors, warps, stations, planets, ...head } = region;
  h.update(canonicalJson(head));
  // Rows are streamed one by one. Fast path: a flat row whose own keys match the previous row's is
  // serialised with JSON.stringify and the cached sorted key list (same output as canonicalJson).
  for (const [name, rows] of [['sectors', sectors], ['warps', warps], ['stations', stations], ['planets', planets]] as const) {
    h.update(`|${name}:${rows.length}|`);
    let keys: string[] = [];
    let sorted: string[] = [];
    for (const row of rows as unknown as readonly Record<string, unknown>[]) {
      const own = Object.keys(row);
      if (!sameKeys(own, keys)) {
        keys = own;
        sorted = own.slice().sort();
      }
      h.update(isFlat(row, own) ? JSON.stringify(row, sorted) : canonicalJson(row));
    }
  }
  return h.digest('hex');
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when every member is a primitive or an array of primitives (no nested objects, no undefined). */
function isFlat(row: Record<string, unknown>, keys: string[]): boolean {
  for (const k of keys) {
    const v = row[k];
    if (v === undefined) return false;
    if (v !== null && typeof v === 'object') {
      if (!Array.isArray(v)) return false;
      for (const x of v) if (x === undefined || (x !== null && typeof x === 'object')) return false;
    }
  }
  return true;
}
