/**
 * Invites through the Governance subgraph with gateway-signed claims against a real hub database: minting (owner
 * only, 1-10 uses, mandatory expiry in the future, at most 10 active per owner per region), listing (owner or
 * admin), revoking (owner, idempotent), every error code, and the audit rows of each owner action.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { createTestDatabase, errorCodes, insertRegion, insertUserWithPlayer, postGraphql, testClaims, type TestDatabase } from '@sw/testing';
import type { Claims } from '@sw/auth';
import { startGovernanceSubgraph, type RunningSubgraph } from '../start-governance-subgraph.ts';

let t: TestDatabase<HubDb>;
let svc: RunningSubgraph;
let owner: Claims;
let stranger: Claims;
let admin: Claims;
let regionId: string;

const MINT = `mutation($r: ID!, $m: Int, $e: String) { mintInvite(regionId: $r, maxUses: $m, expiresAt: $e) {
  id code maxUses uses status expiresAt createdBy { id } region { id } } }`;
const REVOKE = 'mutation($id: ID!) { revokeInvite(inviteId: $id) { id status revokedAt } }';
const LIST = 'query($r: ID!) { _entities(representations: [{ __typename: "Region", id: $r }]) { ... on Region { invites { id status } } } }';

interface InviteView {
  id: string;
  code: string;
  maxUses: number;
  uses: number;
  status: string;
  expiresAt: string;
  revokedAt: string | null;
  createdBy: { id: string } | null;
  region: { id: string };
}
/** The answers of the three operations above (each response carries one of them). */
interface Answers {
  mintInvite: InviteView;
  revokeInvite: InviteView;
  _entities: { invites: InviteView[] }[];
}

const gql = (claims: Claims | null, q: string, v: Record<string, unknown> = {}) => postGraphql<Answers>(svc.url, q, v, claims);

beforeAll(async () => {
  t = await createTestDatabase();
  const o = await insertUserWithPlayer(t.db, { username: 'inviter' });
  const s = await insertUserWithPlayer(t.db, { username: 'outsider' });
  const a = await insertUserWithPlayer(t.db, { username: 'overseer', roles: ['player', 'admin'] });
  owner = testClaims(o.userId, o.username, o.playerId);
  stranger = testClaims(s.userId, s.username, s.playerId);
  admin = testClaims(a.userId, a.username, a.playerId, true);
  regionId = (await insertRegion(t.db, { ownerId: o.playerId, capitalSectorNumber: 1 })).id;
  svc = await startGovernanceSubgraph({ port: 0, databaseUrl: t.url, dbPoolSize: 3 });
});
afterAll(async () => {
  await svc?.stop();
  await t?.drop();
});

describe('mintInvite', () => {
  it('mints a code with one use and a 7-day expiry by default, and audits it', async () => {
    const before = Date.now();
    const r = await gql(owner, MINT, { r: regionId });
    expect(r.errors).toBeUndefined();
    const inv = r.data!.mintInvite;
    expect(inv).toMatchObject({ maxUses: 1, uses: 0, status: 'ACTIVE', createdBy: { id: owner.playerId }, region: { id: regionId } });
    expect(inv.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const ttl = Date.parse(inv.expiresAt) - before;
    expect(ttl).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(ttl).toBeLessThan(7 * 86_400_000 + 60_000);
    const [row] = await t.db.select().from(hub.auditLog).where(eq(hub.auditLog.targetId, inv.id));
    expect(row).toMatchObject({ action: 'governance.mintInvite', actorUserId: owner.sub, regionId, result: 'ok' });
  });

  it('refuses non-owners (ERR_NOT_REGION_OWNER, also for a missing region) and anonymous callers', async () => {
    expect(errorCodes(await gql(stranger, MINT, { r: regionId }))).toEqual(['ERR_NOT_REGION_OWNER']);
    expect(errorCodes(await gql(admin, MINT, { r: regionId }))).toEqual(['ERR_NOT_REGION_OWNER']);
    expect(errorCodes(await gql(owner, MINT, { r: '90000000-0000-4000-8000-0000000000ff' }))).toEqual(['ERR_NOT_REGION_OWNER']);
    expect(errorCodes(await gql(null, MINT, { r: regionId }))).toEqual(['ERR_UNAUTHENTICATED']);
    const denied = await t.db.select().from(hub.auditLog).where(eq(hub.auditLog.result, 'denied'));
    expect(denied.map((d) => d.actorUserId)).toEqual(expect.arrayContaining([stranger.sub, admin.sub]));
  });

  it('ERR_VALIDATION names every bad field and mints nothing', async () => {
    const before = await t.db.$count(hub.regionInvites);
    const r = await gql(owner, MINT, { r: regionId, m: 11, e: new Date(Date.now() - 1000).toISOString() });
    expect(errorCodes(r)).toEqual(['ERR_VALIDATION']);
    expect((r.errors![0] as unknown as { extensions: { details: { issues: { path: string }[] } } }).extensions.details.issues.map((i) => i.path)).toEqual(['maxUses', 'expiresAt']);
    expect(errorCodes(await gql(owner, MINT, { r: regionId, m: 0 }))).toEqual(['ERR_VALIDATION']);
    expect(errorCodes(await gql(owner, MINT, { r: regionId, e: new Date(Date.now() + 40 * 86_400_000).toISOString() }))).toEqual(['ERR_VALIDATION']);
    expect(await t.db.$count(hub.regionInvites)).toBe(before);
  });

  it('at most 10 active invites per owner per region; revoked ones free a slot; concurrent mints cannot overshoot', async () => {
    const fresh = (await insertRegion(t.db, { ownerId: owner.playerId!, capitalSectorNumber: 1 })).id;
    const results = await Promise.all(Array.from({ length: 12 }, () => gql(owner, MINT, { r: fresh, m: 10 })));
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(10);
    expect(results.filter((r) => r.errors).map((r) => errorCodes(r)[0])).toEqual(['ERR_INVITE_LIMIT_REACHED', 'ERR_INVITE_LIMIT_REACHED']);
    await gql(owner, REVOKE, { id: ok[0]!.data!.mintInvite.id });
    expect((await gql(owner, MINT, { r: fresh })).errors).toBeUndefined();
  });
});

describe('listing and revoking', () => {
  it('lists for the owner and admins only', async () => {
    const list = await gql(owner, LIST, { r: regionId });
    expect(list.errors).toBeUndefined();
    expect(list.data!._entities[0]!.invites.length).toBeGreaterThan(0);
    expect((await gql(admin, LIST, { r: regionId })).errors).toBeUndefined();
    expect(errorCodes(await gql(stranger, LIST, { r: regionId }))).toEqual(['ERR_NOT_REGION_OWNER']);
  });

  it('revokes idempotently; only the owner; unknown ids are ERR_INVITE_NOT_FOUND', async () => {
    const inv = (await gql(owner, MINT, { r: regionId })).data!.mintInvite;
    expect(errorCodes(await gql(stranger, REVOKE, { id: inv.id }))).toEqual(['ERR_NOT_REGION_OWNER']);
    const first = await gql(owner, REVOKE, { id: inv.id });
    expect(first.data!.revokeInvite).toMatchObject({ id: inv.id, status: 'REVOKED' });
    const second = await gql(owner, REVOKE, { id: inv.id });
    expect(second.data!.revokeInvite).toEqual(first.data!.revokeInvite);
    expect(errorCodes(await gql(owner, REVOKE, { id: '90000000-0000-4000-8000-0000000000ff' }))).toEqual(['ERR_INVITE_NOT_FOUND']);
    expect(errorCodes(await gql(owner, REVOKE, { id: 'nope' }))).toEqual(['ERR_INVITE_NOT_FOUND']);
    const audits = await t.db.select().from(hub.auditLog).where(eq(hub.auditLog.targetId, inv.id));
    expect(audits.filter((a) => a.action === 'governance.revokeInvite').map((a) => a.result).sort()).toEqual(['denied', 'ok']);
  });

  it('an expired invite reads EXPIRED', async () => {
    const inv = (await gql(owner, MINT, { r: regionId })).data!.mintInvite;
    await t.sql`UPDATE region_invites SET expires_at = now() - interval '1 minute', created_at = now() - interval '2 days' WHERE id = ${inv.id}`;
    const list = await gql(owner, LIST, { r: regionId });
    expect(list.data!._entities[0]!.invites.find((i) => i.id === inv.id)!.status).toBe('EXPIRED');
  });
});
