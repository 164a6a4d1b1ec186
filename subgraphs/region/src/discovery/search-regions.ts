/**
 * Discovery search (docs/rules/region-config.md "Discovery"): filters, one of the sort orders, keyset (cursor) paging.
 * The cursor is the last row's (sort value, id) under a named sort, base64url JSON; a cursor of another sort or a
 * forged one is refused (ERR_INVALID_CURSOR). Population comes from the trigger-kept member counts, the tariff from
 * the stored rate clamped by the cached station count (the same cap steps as the domain's tariffCap).
 */
import { and, sql, type SQL } from 'drizzle-orm';
import type { HubDb } from '@sw/db';
import { DomainError, TARIFF_CAP_STEPS, type ValidationIssue } from '@sw/domain';

export const REGION_SORTS = ['NAME_ASC', 'NAME_DESC', 'POPULATION_DESC', 'POPULATION_ASC', 'TARIFF_ASC', 'TARIFF_DESC', 'GOVERNANCE_TYPE', 'SPECIALIZATION', 'IMMIGRATION_POLICY', 'STATUS', 'NEWEST'] as const;
export type RegionSort = (typeof REGION_SORTS)[number];

export interface RegionSearchFilter {
  text?: string | null;
  regionTypes?: string[] | null;
  governanceTypes?: string[] | null;
  specializations?: string[] | null;
  immigrationPolicies?: string[] | null;
  statuses?: string[] | null;
  minPopulation?: number | null;
  maxEffectiveTariff?: number | null;
}

const POPULATION = sql`(coalesce(mc.citizens, 0) + coalesce(mc.residents, 0) + coalesce(mc.visitors, 0))`;
const CAP = sql.raw(
  `(CASE ${[...TARIFF_CAP_STEPS].reverse().map((s) => `WHEN coalesce(ws.ports, 0) >= ${s.minStations} THEN ${s.cap}`).join(' ')} END)`,
);
const EFFECTIVE_TARIFF = sql`least(greatest(r.tariff_rate, 0), ${CAP})`;

const SORT_EXPR: Record<RegionSort, { expr: SQL; desc: boolean; numeric: boolean }> = {
  NAME_ASC: { expr: sql`lower(r.name)`, desc: false, numeric: false },
  NAME_DESC: { expr: sql`lower(r.name)`, desc: true, numeric: false },
  POPULATION_DESC: { expr: POPULATION, desc: true, numeric: true },
  POPULATION_ASC: { expr: POPULATION, desc: false, numeric: true },
  TARIFF_ASC: { expr: EFFECTIVE_TARIFF, desc: false, numeric: true },
  TARIFF_DESC: { expr: EFFECTIVE_TARIFF, desc: true, numeric: true },
  GOVERNANCE_TYPE: { expr: sql`(r.governance_type || ':' || lower(r.name))`, desc: false, numeric: false },
  SPECIALIZATION: { expr: sql`(coalesce(r.economic_specialization, '~') || ':' || lower(r.name))`, desc: false, numeric: false },
  IMMIGRATION_POLICY: { expr: sql`(r.immigration_policy || ':' || lower(r.name))`, desc: false, numeric: false },
  STATUS: { expr: sql`(r.status || ':' || lower(r.name))`, desc: false, numeric: false },
  NEWEST: { expr: sql`floor(extract(epoch from r.created_at) * 1000)`, desc: true, numeric: true },
};

interface Cursor {
  s: RegionSort;
  v: string | number;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(raw: string, sort: RegionSort): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    const numeric = SORT_EXPR[sort].numeric;
    if (c.s === sort && typeof c.id === 'string' && /^[0-9a-f-]{36}$/i.test(c.id) && typeof c.v === (numeric ? 'number' : 'string')) return c as Cursor;
  } catch {
    // fall through
  }
  throw new DomainError('ERR_INVALID_CURSOR', 'this cursor was not issued for this search order');
}

function anyOf(column: string, values: string[] | null | undefined): SQL | null {
  if (!values || values.length === 0) return null;
  return sql`${sql.raw(column)} = ANY(${`{${values.map((v) => v.toLowerCase().replace(/[{}",\\]/g, '')).join(',')}}`}::text[])`;
}

export interface SearchHitRow {
  regionId: string;
  population: number;
  effectiveTariff: number;
  sortValue: string | number;
}

export function validateSearch(first: number, filter: RegionSearchFilter | null | undefined): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(first) || first < 1 || first > 100) issues.push({ path: 'first', message: 'first must be an integer between 1 and 100' });
  if (filter?.text && filter.text.length > 100) issues.push({ path: 'filter.text', message: 'at most 100 characters' });
  if (filter?.minPopulation != null && filter.minPopulation < 0) issues.push({ path: 'filter.minPopulation', message: 'must be >= 0' });
  if (filter?.maxEffectiveTariff != null && (filter.maxEffectiveTariff < 0 || filter.maxEffectiveTariff > 1)) issues.push({ path: 'filter.maxEffectiveTariff', message: 'must be between 0 and 1' });
  return issues;
}

/** One page (plus one row to know whether another page follows). */
export async function searchRegions(db: HubDb, filter: RegionSearchFilter | null | undefined, sort: RegionSort, first: number, after: string | null | undefined): Promise<{ hits: SearchHitRow[]; hasNextPage: boolean }> {
  const { expr, desc, numeric } = SORT_EXPR[sort];
  const where: SQL[] = [];
  const f = filter ?? {};
  if (f.text) where.push(sql`(r.name ILIKE ${`%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} OR r.display_name ILIKE ${`%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`);
  for (const cond of [
    anyOf('r.region_type', f.regionTypes),
    anyOf('r.governance_type', f.governanceTypes),
    anyOf('r.economic_specialization', f.specializations),
    anyOf('r.immigration_policy', f.immigrationPolicies),
    anyOf('r.status', f.statuses),
  ]) if (cond) where.push(cond);
  if (!f.statuses?.length) where.push(sql`r.status <> 'terminated'`);
  if (f.minPopulation != null) where.push(sql`${POPULATION} >= ${f.minPopulation}`);
  if (f.maxEffectiveTariff != null) where.push(sql`${EFFECTIVE_TARIFF} <= ${f.maxEffectiveTariff}`);
  if (after) {
    const c = decodeCursor(after, sort);
    const v = numeric ? sql`${c.v}::numeric` : sql`${c.v}::text`;
    where.push(desc ? sql`(${expr}, r.id) < (${v}, ${c.id}::uuid)` : sql`(${expr}, r.id) > (${v}, ${c.id}::uuid)`);
  }
  const order = desc ? sql`${expr} DESC, r.id DESC` : sql`${expr} ASC, r.id ASC`;
  const rows = await db.execute<{ id: string; population: number; effective_tariff: string | number; sort_value: string | number }>(sql`
    SELECT r.id, ${POPULATION}::int AS population, ${EFFECTIVE_TARIFF} AS effective_tariff, ${expr} AS sort_value
      FROM regions r
      LEFT JOIN region_member_counts mc ON mc.region_id = r.id
      LEFT JOIN region_world_stats ws ON ws.region_id = r.id
     WHERE ${where.length ? and(...where) : sql`true`}
     ORDER BY ${order}
     LIMIT ${first + 1}`);
  const list = [...rows];
  const hits = list.slice(0, first).map((row) => ({
    regionId: row.id,
    population: Number(row.population),
    effectiveTariff: Number(row.effective_tariff),
    sortValue: numeric ? Number(row.sort_value) : String(row.sort_value),
  }));
  return { hits, hasNextPage: list.length > first };
}
