import { randomBytes } from 'node:crypto';
import { hub, type HubDb } from '@sw/db';

type NewRegion = typeof hub.regions.$inferInsert;
type Region = typeof hub.regions.$inferSelect;
type NewUser = typeof hub.users.$inferInsert;
type NewPlayer = typeof hub.players.$inferInsert;

function suffix(): string {
  return randomBytes(4).toString('hex');
}

/**
 * Inserts a valid player-owned region (unique slug, 1000 sectors, status active) with the given
 * overrides and returns the stored row. Use in tests that need "some region".
 */
export async function insertRegion(db: HubDb, overrides: Partial<NewRegion> = {}): Promise<Region> {
  const name = overrides.name ?? `test-region-${suffix()}`;
  const [row] = await db
    .insert(hub.regions)
    .values({ name, displayName: name, regionType: 'player_owned', totalSectors: 1000, status: 'active', ...overrides })
    .returning();
  return row!;
}

/**
 * Inserts a user and its player (unique names). `ageDays` backdates both created_at values (the
 * 60-day voting rule reads users.created_at). Returns both ids.
 */
export async function insertUserWithPlayer(
  db: HubDb,
  opts: { username?: string; ageDays?: number; roles?: string[]; user?: Partial<NewUser>; player?: Partial<NewPlayer> } = {},
): Promise<{ userId: string; playerId: string; username: string }> {
  const username = opts.username ?? `user_${suffix()}`;
  const createdAt = new Date(Date.now() - (opts.ageDays ?? 0) * 86_400_000);
  const [user] = await db
    .insert(hub.users)
    .values({ username, displayName: username, roles: opts.roles ?? ['player'], createdAt, ...opts.user })
    .returning({ id: hub.users.id });
  const [player] = await db
    .insert(hub.players)
    .values({ userId: user!.id, name: username, createdAt, ...opts.player })
    .returning({ id: hub.players.id });
  return { userId: user!.id, playerId: player!.id, username };
}
