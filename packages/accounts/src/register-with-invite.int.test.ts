/**
 * Invite codes at sign-up (docs/rules/invites.md), against a real hub database: a good code makes the new player a
 * citizen (voting power 1.5) at the region's capital with its starting credits, counts the use and records the
 * redemption; every kind of bad code still creates the account in Terran Space with a notice; the weekly limit of an
 * owner holds under concurrent sign-ups; a failure inside the invite part never fails the sign-up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { INVITE_MAX_REDEMPTIONS_PER_OWNER } from '@sw/domain';
import { createTestDatabase, insertRegion, insertUserWithPlayer, type TestDatabase } from '@sw/testing';
import { registerAccount } from './register-account.ts';
import { createPasswordHasher } from './password-hasher.ts';
import type { AccountsDeps } from './accounts-deps.ts';

let t: TestDatabase<HubDb>;
let deps: AccountsDeps;
let terranId: string;
let ownerPlayerId: string;
let regionId: string;
let n = 0;

// Cheap argon2id parameters: these tests are about invites, not hashing cost.
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

beforeAll(async () => {
  t = await createTestDatabase();
  terranId = (await insertRegion(t.db, { name: 'terran-space', regionType: 'terran_space', totalSectors: 300, capitalSectorNumber: 1, startingCredits: 1000 })).id;
  ownerPlayerId = (await insertUserWithPlayer(t.db, { username: 'founder' })).playerId;
  regionId = (await insertRegion(t.db, { ownerId: ownerPlayerId, capitalSectorNumber: 42, startingCredits: 7500 })).id;
  deps = { db: t.db, hasher, sessions: { accessTtlSeconds: 900, refreshTtlSeconds: 86_400, sessionMaxSeconds: 86_400 * 2, jwtSecret: 'invite-test-secret-0123456789abcdef' } };
});
afterAll(async () => {
  await t?.drop();
});

async function invite(over: Partial<typeof hub.regionInvites.$inferInsert> = {}) {
  const [row] = await t.db
    .insert(hub.regionInvites)
    .values({ code: randomBytes(16).toString('base64url'), regionId, createdBy: ownerPlayerId, maxUses: 1, expiresAt: new Date(Date.now() + 86_400_000), status: 'active', ...over })
    .returning();
  return row!;
}

function signUp(inviteCode: string | undefined) {
  n += 1;
  return registerAccount(deps, {
    username: `invitee${n}`,
    email: `invitee${n}@example.org`,
    password: 'a perfectly fine passphrase',
    ...(inviteCode !== undefined ? { inviteCode } : {}),
    deviceId: `device-${n}-xxxx`,
    deviceLabel: null,
    address: '203.0.113.7',
  });
}

describe('registration with an invite code', () => {
  it('makes the player a citizen at the capital with the region starting credits, in the same transaction', async () => {
    const inv = await invite({ maxUses: 2 });
    const out = await signUp(inv.code);
    if (out.kind !== 'ok') throw new Error(out.kind);
    expect(out.inviteNotice).toBeNull();
    expect(out.citizenOf).toBe(regionId);
    expect(out.placement).toMatchObject({ regionId, sectorNumber: 42, startingCredits: 7500 });
    const [player] = await t.db.select().from(hub.players).where(eq(hub.players.id, out.playerId));
    expect(player).toMatchObject({ homeRegionId: regionId, currentRegionId: regionId, currentSectorNumber: 42, credits: 7500 });
    const [m] = await t.db.select().from(hub.regionalMemberships).where(eq(hub.regionalMemberships.playerId, out.playerId));
    expect(m).toMatchObject({ regionId, membershipType: 'citizen', votingPower: 1.5 });
    const [after] = await t.db.select().from(hub.regionInvites).where(eq(hub.regionInvites.id, inv.id));
    expect(after).toMatchObject({ uses: 1, status: 'active' });
    const [red] = await t.db.select().from(hub.regionInviteRedemptions).where(eq(hub.regionInviteRedemptions.inviteId, inv.id));
    expect(red!.redeemedByPlayerId).toBe(out.playerId);
    expect(red!.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(red!.ipHash).not.toContain('203.0.113.7');
  });

  it('the last use exhausts the invite', async () => {
    const inv = await invite({ maxUses: 1 });
    expect((await signUp(inv.code)).kind).toBe('ok');
    const [after] = await t.db.select().from(hub.regionInvites).where(eq(hub.regionInvites.id, inv.id));
    expect(after).toMatchObject({ uses: 1, status: 'exhausted' });
  });

  it.each([
    ['unknown code', async () => 'no-such-code-at-all', 'ERR_INVITE_INVALID'],
    ['revoked', async () => (await invite({ status: 'revoked', revokedAt: new Date() })).code, 'ERR_INVITE_REVOKED'],
    ['used up', async () => (await invite({ uses: 1, maxUses: 1, status: 'exhausted' })).code, 'ERR_INVITE_EXHAUSTED'],
    ['expired', async () => (await invite({ expiresAt: new Date(Date.now() - 1000), createdAt: new Date(Date.now() - 86_400_000) })).code, 'ERR_INVITE_EXPIRED'],
    [
      'owner changed',
      async () => {
        const other = await insertUserWithPlayer(t.db);
        const r = await insertRegion(t.db, { ownerId: other.playerId, capitalSectorNumber: 1 });
        return (await invite({ regionId: r.id })).code;
      },
      'ERR_INVITE_REGION_UNAVAILABLE',
    ],
    [
      'region suspended',
      async () => {
        const r = await insertRegion(t.db, { ownerId: ownerPlayerId, capitalSectorNumber: 1, status: 'suspended' });
        return (await invite({ regionId: r.id })).code;
      },
      'ERR_INVITE_REGION_UNAVAILABLE',
    ],
  ])('%s: the account is still created, in Terran Space, with a notice and nothing else changed', async (_name, make, code) => {
    const c = await make();
    const invitesBefore = await t.db.select().from(hub.regionInvites).where(eq(hub.regionInvites.code, c));
    const out = await signUp(c);
    if (out.kind !== 'ok') throw new Error(out.kind);
    expect(out.inviteNotice?.code).toBe(code);
    expect(out.citizenOf).toBeNull();
    expect(out.placement).toMatchObject({ regionId: terranId, sectorNumber: 1, startingCredits: 1000 });
    expect(await t.db.$count(hub.regionalMemberships, eq(hub.regionalMemberships.playerId, out.playerId))).toBe(0);
    expect(await t.db.select().from(hub.regionInvites).where(eq(hub.regionInvites.code, c))).toEqual(invitesBefore);
  });

  it('a database failure inside the invite part falls back to Terran Space with a notice (never a 500)', async () => {
    const inv = await invite({ maxUses: 3 });
    // Make the membership insert fail: a trigger stands in for any unexpected error in the invite savepoint.
    await t.sql.unsafe(`CREATE FUNCTION fail_membership() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END; $$;
      CREATE TRIGGER trg_fail_membership BEFORE INSERT ON regional_memberships FOR EACH ROW EXECUTE FUNCTION fail_membership();`);
    try {
      const out = await signUp(inv.code);
      if (out.kind !== 'ok') throw new Error(out.kind);
      expect(out.inviteNotice?.code).toBe('ERR_INVITE_INVALID');
      expect(out.placement.regionId).toBe(terranId);
      const [player] = await t.db.select().from(hub.players).where(eq(hub.players.id, out.playerId));
      expect(player).toMatchObject({ homeRegionId: terranId, credits: 1000 });
      const [after] = await t.db.select().from(hub.regionInvites).where(eq(hub.regionInvites.id, inv.id));
      expect(after!.uses).toBe(0);
    } finally {
      await t.sql.unsafe('DROP TRIGGER trg_fail_membership ON regional_memberships; DROP FUNCTION fail_membership();');
    }
  });

  it(`the owner's invites are redeemed at most ${INVITE_MAX_REDEMPTIONS_PER_OWNER} times per rolling 7 days, also under concurrent sign-ups`, async () => {
    const founder = await insertUserWithPlayer(t.db, { username: 'busy_founder' });
    const r = await insertRegion(t.db, { ownerId: founder.playerId, capitalSectorNumber: 3 });
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await invite({ regionId: r.id, createdBy: founder.playerId, maxUses: 10 })).code);
    // 17 redemptions already this week (an old one from 8 days ago does not count).
    const [old] = await t.db.select().from(hub.regionInvites).where(eq(hub.regionInvites.code, codes[0]!));
    await t.db.insert(hub.regionInviteRedemptions).values([
      ...Array.from({ length: 17 }, () => ({ inviteId: old!.id, redeemedAt: new Date(Date.now() - 86_400_000) })),
      { inviteId: old!.id, redeemedAt: new Date(Date.now() - 8 * 86_400_000) },
    ]);
    const outs = await Promise.all(Array.from({ length: 6 }, (_, i) => signUp(codes[i % 3])));
    const kinds = outs.map((o) => (o.kind === 'ok' ? (o.inviteNotice?.code ?? 'citizen') : o.kind));
    expect(kinds.filter((k) => k === 'citizen')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'ERR_INVITE_REDEMPTION_LIMIT')).toHaveLength(3);
  });
});
