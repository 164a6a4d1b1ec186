import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { REGION_COLUMNS, type RegionRow } from './map-region.ts';

/**
 * Read queries of the Region subgraph against the hub database. Each function is one SQL round trip;
 * the per-request loaders (loaders.ts) call the *ByIds variants once per batch of keys.
 */

/** Region list filter in DATABASE spelling (lower-case enum strings). */
export interface RegionListFilter {
  regionType?: string;
  status?: string;
  ownerId?: string;
}

/** One page of regions, newest first (created_at DESC, id DESC as a stable tie-break). */
export async function listRegions(db: HubDb, filter: RegionListFilter, first: number, offset: number): Promise<RegionRow[]> {
  const r = hub.regions;
  const conditions: SQL[] = [];
  if (filter.regionType) conditions.push(eq(r.regionType, filter.regionType));
  if (filter.status) conditions.push(eq(r.status, filter.status));
  if (filter.ownerId) conditions.push(eq(r.ownerId, filter.ownerId));
  return db
    .select(REGION_COLUMNS)
    .from(r)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(r.createdAt), desc(r.id))
    .limit(first)
    .offset(offset);
}

/** Regions by id (any order; missing ids are simply absent). */
export async function regionsByIds(db: HubDb, ids: readonly string[]): Promise<RegionRow[]> {
  if (ids.length === 0) return [];
  return db.select(REGION_COLUMNS).from(hub.regions).where(inArray(hub.regions.id, [...ids]));
}

/** A region by slug, case-insensitive (names are unique on lower(name)). */
export async function regionByName(db: HubDb, name: string): Promise<RegionRow | undefined> {
  const rows = await db
    .select(REGION_COLUMNS)
    .from(hub.regions)
    .where(sql`lower(${hub.regions.name}) = lower(${name})`)
    .limit(1);
  return rows[0];
}

/** Regions owned by any of the given players, newest first within each owner. */
export async function regionsByOwnerIds(db: HubDb, ownerIds: readonly string[]): Promise<RegionRow[]> {
  if (ownerIds.length === 0) return [];
  return db
    .select(REGION_COLUMNS)
    .from(hub.regions)
    .where(inArray(hub.regions.ownerId, [...ownerIds]))
    .orderBy(desc(hub.regions.createdAt), desc(hub.regions.id));
}

/** Membership and population counters of one region (GraphQL RegionCounts). */
export interface RegionCountsRow {
  members: number;
  citizens: number;
  residents: number;
  visitors: number;
  homePlayers: number;
  presentPlayers: number;
}

export const ZERO_COUNTS: RegionCountsRow = Object.freeze({
  members: 0,
  citizens: 0,
  residents: 0,
  visitors: 0,
  homePlayers: 0,
  presentPlayers: 0,
});

/** A uuid[] parameter sent as ONE bind value (the ids are uuids checked by the caller or read from the DB). */
function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/**
 * Counters for a batch of regions in ONE statement: membership tiers grouped by region, plus players
 * whose home / current region it is. Regions without any row get zeros.
 */
export async function regionCountsByIds(db: HubDb, ids: readonly string[]): Promise<Map<string, RegionCountsRow>> {
  const out = new Map<string, RegionCountsRow>();
  if (ids.length === 0) return out;
  const arr = uuidArray(ids);
  const rows = await db.execute<{
    region_id: string;
    members: number;
    citizens: number;
    residents: number;
    visitors: number;
    home_players: number;
    present_players: number;
  }>(sql`
    SELECT region_id,
           count(*)::int AS members,
           (count(*) FILTER (WHERE membership_type = 'citizen'))::int AS citizens,
           (count(*) FILTER (WHERE membership_type = 'resident'))::int AS residents,
           (count(*) FILTER (WHERE membership_type = 'visitor'))::int AS visitors,
           0 AS home_players, 0 AS present_players
      FROM regional_memberships WHERE region_id = ANY(${arr}) GROUP BY region_id
    UNION ALL
    SELECT home_region_id, 0, 0, 0, 0, count(*)::int, 0
      FROM players WHERE home_region_id = ANY(${arr}) GROUP BY home_region_id
    UNION ALL
    SELECT current_region_id, 0, 0, 0, 0, 0, count(*)::int
      FROM players WHERE current_region_id = ANY(${arr}) GROUP BY current_region_id`);
  for (const row of rows) {
    const acc = out.get(row.region_id) ?? { ...ZERO_COUNTS };
    acc.members += Number(row.members);
    acc.citizens += Number(row.citizens);
    acc.residents += Number(row.residents);
    acc.visitors += Number(row.visitors);
    acc.homePlayers += Number(row.home_players);
    acc.presentPlayers += Number(row.present_players);
    out.set(row.region_id, acc);
  }
  return out;
}

export type PlayerRow = typeof hub.players.$inferSelect;
export type UserRow = typeof hub.users.$inferSelect;
export type MembershipRow = typeof hub.regionalMemberships.$inferSelect;

/** Players by id. */
export async function playersByIds(db: HubDb, ids: readonly string[]): Promise<PlayerRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(hub.players).where(inArray(hub.players.id, [...ids]));
}

/** The user row and its (single) player for `me`; undefined when the user no longer exists. */
export async function userWithPlayer(
  db: HubDb,
  userId: string,
): Promise<{ user: UserRow; player: PlayerRow | null } | undefined> {
  const rows = await db
    .select({ user: hub.users, player: hub.players })
    .from(hub.users)
    .leftJoin(hub.players, eq(hub.players.userId, hub.users.id))
    .where(eq(hub.users.id, userId))
    .limit(1);
  const row = rows[0];
  return row ? { user: row.user, player: row.player } : undefined;
}

/** Memberships of a batch of players, oldest first (join order). */
export async function membershipsByPlayerIds(db: HubDb, playerIds: readonly string[]): Promise<MembershipRow[]> {
  if (playerIds.length === 0) return [];
  const m = hub.regionalMemberships;
  return db
    .select()
    .from(m)
    .where(inArray(m.playerId, [...playerIds]))
    .orderBy(asc(m.joinedAt), asc(m.id));
}
