import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { createTestDatabase, insertRegion, type TestDatabase } from '@sw/testing';
import { DEMO_USERNAMES, hub, seedDemoUsers, type HubDb } from './index.ts';

let t: TestDatabase<HubDb>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe('seedDemoUsers', () => {
  it('creates admin, alice, bob, carol with one player each; alice and bob are 90 days old', async () => {
    const now = new Date('2031-05-01T12:00:00Z');
    const rows = await seedDemoUsers(t.db, now);
    expect(rows.map((r) => r.username).sort()).toEqual(['admin', 'alice', 'bob', 'carol']);
    const users = await t.db.select().from(hub.users).where(inArray(hub.users.username, DEMO_USERNAMES));
    const byName = Object.fromEntries(users.map((u) => [u.username, u]));
    expect(byName.admin!.roles).toEqual(['player', 'admin']);
    expect(byName.carol!.roles).toEqual(['player']);
    expect(now.getTime() - byName.alice!.createdAt.getTime()).toBe(90 * 86_400_000);
    expect(now.getTime() - byName.bob!.createdAt.getTime()).toBe(90 * 86_400_000);
    expect(byName.carol!.createdAt.getTime()).toBe(now.getTime());
  });

  it('is idempotent and gives players Terran Space as home once it exists', async () => {
    const terran = await insertRegion(t.db, { name: 'terran-space', regionType: 'terran_space', totalSectors: 300 });
    const again = await seedDemoUsers(t.db);
    expect(again).toHaveLength(4);
    expect(await t.db.select().from(hub.users)).toHaveLength(4);
    expect(await t.db.select().from(hub.players)).toHaveLength(4);
    const players = await t.db.select().from(hub.players).where(eq(hub.players.homeRegionId, terran.id));
    expect(players).toHaveLength(4);
    expect(players.every((p) => p.currentRegionId === terran.id)).toBe(true);
  });
});
