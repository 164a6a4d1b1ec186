import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { ADMIN_SCOPES, type UserRole } from '@sw/domain';
import type { HubDb } from './client.ts';
import { players, regions, userAdminScopes, users } from './schema/hub/index.ts';

const DAY_MS = 86_400_000;

export interface DemoUser {
  id: string;
  playerId: string;
  username: string;
  displayName: string;
  roles: UserRole[];
  /** How far back created_at is set (alice/bob: 90 days, old enough to vote under the 60-day rule). */
  ageDays: number;
}

/** Demo accounts seeded in the embedded default (fixed ids so dev tokens stay valid across resets). */
export const DEMO_USERS: readonly DemoUser[] = [
  { id: '00000000-0000-4000-8000-000000000001', playerId: '00000000-0000-4000-9000-000000000001', username: 'admin', displayName: 'Admin', roles: ['player', 'admin'], ageDays: 0 },
  { id: '00000000-0000-4000-8000-000000000002', playerId: '00000000-0000-4000-9000-000000000002', username: 'alice', displayName: 'Alice', roles: ['player'], ageDays: 90 },
  { id: '00000000-0000-4000-8000-000000000003', playerId: '00000000-0000-4000-9000-000000000003', username: 'bob', displayName: 'Bob', roles: ['player'], ageDays: 90 },
  { id: '00000000-0000-4000-8000-000000000004', playerId: '00000000-0000-4000-9000-000000000004', username: 'carol', displayName: 'Carol', roles: ['player'], ageDays: 0 },
];

/** The demo usernames, e.g. for the dev-login picker. */
export const DEMO_USERNAMES = DEMO_USERS.map((u) => u.username);

/**
 * Inserts the demo users and their players; existing rows (by username / user id) are left untouched,
 * so it is safe to run on every start. Players without a home region get Terran Space when it exists.
 * Returns the stored (username → user id, player id) rows.
 */
export async function seedDemoUsers(
  db: HubDb,
  now: Date = new Date(),
): Promise<{ username: string; userId: string; playerId: string }[]> {
  await db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values(
        DEMO_USERS.map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          roles: [...u.roles],
          createdAt: new Date(now.getTime() - u.ageDays * DAY_MS),
        })),
      )
      .onConflictDoNothing();
    const stored = await tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(inArray(users.username, DEMO_USERNAMES));
    const byName = new Map(stored.map((r) => [r.username, r.id]));
    const playerRows = DEMO_USERS.flatMap((u) => {
      const userId = byName.get(u.username);
      return userId
        ? [{ id: u.playerId, userId, name: u.displayName, createdAt: new Date(now.getTime() - u.ageDays * DAY_MS) }]
        : [];
    });
    if (playerRows.length > 0) await tx.insert(players).values(playerRows).onConflictDoNothing();
    // Seeded admins hold every admin scope (real admin accounts get theirs from `pnpm accounts-cli create-admin`).
    const adminRows = DEMO_USERS.filter((u) => u.roles.includes('admin')).flatMap((u) => {
      const userId = byName.get(u.username);
      return userId ? ADMIN_SCOPES.map((scope) => ({ userId, scope })) : [];
    });
    if (adminRows.length > 0) await tx.insert(userAdminScopes).values(adminRows).onConflictDoNothing();
    const [terran] = await tx
      .select({ id: regions.id, capital: regions.capitalSectorNumber, credits: regions.startingCredits })
      .from(regions)
      .where(eq(regions.regionType, 'terran_space'));
    if (terran) {
      // Like a new sign-up: Terran Space at its capital with its starting credits (only for players not yet placed).
      await tx
        .update(players)
        .set({
          homeRegionId: terran.id,
          currentRegionId: sql`coalesce(${players.currentRegionId}, ${terran.id})`,
          currentSectorNumber: sql`coalesce(${players.currentSectorNumber}, ${terran.capital})`,
          credits: terran.credits,
        })
        .where(and(isNull(players.homeRegionId), inArray(players.userId, [...byName.values()])));
    }
  });
  return db
    .select({ username: users.username, userId: users.id, playerId: players.id })
    .from(users)
    .innerJoin(players, eq(players.userId, users.id))
    .where(inArray(users.username, DEMO_USERNAMES));
}
