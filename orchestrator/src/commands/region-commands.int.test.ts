/**
 * The region commands against a real hub database (no reconciler running): scale decisions are made on
 * the locked row (no lost update against the autoscaler), an owner cannot scale a region billing holds
 * nor withdraw a termination started by billing or an admin, and admin provisioning applies the same
 * name / owner-limit rule as the PayPal purchase path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { DomainError } from '@sw/domain';
import { createTestDatabase, insertRegion, insertUserWithPlayer, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { runBillingSweep } from '../billing/billing-sweep.ts';
import { unwrap, type CommandOutcome } from './outcome.ts';
import { provisionRegion } from './provision-region.ts';
import { applyScale, scaleRegion } from './scale-region.ts';
import { cancelTermination, terminateRegion } from './terminate-region.ts';

let tdb: TestDatabase<HubDb>;
let deps: { sql: TestDatabase<HubDb>['sql']; bus: null };
let owner: Claims;
let admin: Claims;

// Admins act on regions with the fleet:manage scope (docs/decisions/auth.md).
const claims = (p: { userId: string; playerId: string; username: string }, roles: Claims['roles']): Claims => ({
  sub: p.userId,
  username: p.username,
  playerId: p.playerId,
  roles,
  scopes: roles.includes('admin') ? ['fleet:manage'] : [],
  exp: 9e9,
});

function codeOf(o: CommandOutcome): string {
  try {
    unwrap(o);
    return 'ok';
  } catch (err) {
    return (err as DomainError).code;
  }
}

const generation = async (id: string) => (await tdb.sql<{ g: number }[]>`SELECT spec_generation AS g FROM regions WHERE id = ${id}`)[0]!.g;
const eventCount = async (id: string, reason: string) => (await tdb.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM region_events WHERE region_id_snapshot = ${id} AND reason = ${reason}`)[0]!.n;

beforeAll(async () => {
  tdb = await createTestDatabase({ max: 12 });
  deps = { sql: tdb.sql, bus: null };
  owner = claims(await insertUserWithPlayer(tdb.db), ['player']);
  admin = claims(await insertUserWithPlayer(tdb.db, { roles: ['player', 'admin'] }), ['player', 'admin']);
});

afterAll(async () => {
  await tdb?.drop();
});

describe('scaleRegion', () => {
  it('never loses a spec_generation bump when scales race (autoscaler against operators)', async () => {
    const r = await insertRegion(tdb.db, { ownerId: owner.playerId, runtimeState: 'ready' });
    const before = await generation(r.id);
    await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => applyScale(deps, r.id, { memoryGb: 2 + (i % 2) }, 'autoscaler: test')),
      ...Array.from({ length: 4 }, () => scaleRegion(deps, owner, r.id, { maxPlayers: 200 })),
    ]);
    expect(await generation(r.id)).toBe(before + 12);
    expect(await eventCount(r.id, 'ScaleRequested')).toBe(12);
  });

  it.each(['suspended', 'grace'] as const)('refuses the owner while the region is %s (ERR_REGION_SUSPENDED, nothing written); an admin may', async (status) => {
    const r = await insertRegion(tdb.db, { ownerId: owner.playerId, runtimeState: 'ready', status });
    const before = await generation(r.id);
    expect(codeOf(await scaleRegion(deps, owner, r.id, { cpu: 2 }))).toBe('ERR_REGION_SUSPENDED');
    expect(await generation(r.id)).toBe(before);
    expect(await eventCount(r.id, 'ScaleRequested')).toBe(0);
    expect(codeOf(await scaleRegion(deps, admin, r.id, { cpu: 2 }))).toBe('ok');
    expect(await generation(r.id)).toBe(before + 1);
  });
});

describe('cancelTermination', () => {
  it('lets the owner withdraw the termination they started', async () => {
    const r = await insertRegion(tdb.db, { ownerId: owner.playerId, runtimeState: 'ready' });
    expect(codeOf(await terminateRegion(deps, owner, r.id))).toBe('ok');
    const [row] = await tdb.sql`SELECT termination_origin FROM regions WHERE id = ${r.id}`;
    expect(row!.termination_origin).toBe('owner');
    expect(codeOf(await cancelTermination(deps, owner, r.id))).toBe('ok');
    const [after] = await tdb.sql`SELECT desired_state, termination_origin FROM regions WHERE id = ${r.id}`;
    expect(after).toEqual({ desired_state: 'running', termination_origin: null });
  });

  it('refuses the owner for a termination an admin started (ERR_TERMINATION_NOT_OWNERS); the admin may withdraw it', async () => {
    const r = await insertRegion(tdb.db, { ownerId: owner.playerId, runtimeState: 'ready' });
    expect(codeOf(await terminateRegion(deps, admin, r.id))).toBe('ok');
    expect(codeOf(await cancelTermination(deps, owner, r.id))).toBe('ERR_TERMINATION_NOT_OWNERS');
    const [row] = await tdb.sql`SELECT desired_state FROM regions WHERE id = ${r.id}`;
    expect(row!.desired_state).toBe('terminated');
    expect(await eventCount(r.id, 'TerminationCancelled')).toBe(0);
    expect(codeOf(await cancelTermination(deps, admin, r.id))).toBe('ok');
  });

  it('refuses the owner for a termination the billing sweep started', async () => {
    const r = await insertRegion(tdb.db, { ownerId: owner.playerId, runtimeState: 'ready', status: 'suspended', suspendedAt: new Date(Date.now() - 31 * 86_400_000) });
    const sweep = await runBillingSweep({ sql: tdb.sql });
    expect(sweep.terminated).toContain(r.id);
    const [row] = await tdb.sql`SELECT desired_state, termination_origin FROM regions WHERE id = ${r.id}`;
    expect(row).toEqual({ desired_state: 'terminated', termination_origin: 'billing' });
    expect(codeOf(await cancelTermination(deps, owner, r.id))).toBe('ERR_TERMINATION_NOT_OWNERS');
    // An owner's own "terminate" afterwards does not turn billing's termination into one they may withdraw.
    expect(codeOf(await terminateRegion(deps, owner, r.id))).toBe('ok');
    expect(codeOf(await cancelTermination(deps, owner, r.id))).toBe('ERR_TERMINATION_NOT_OWNERS');
  });
});

describe('an admin without fleet:manage who owns a region acts as its owner', () => {
  it('cannot scale it while billing holds it, and the termination they start is an owner\'s', async () => {
    const p = await insertUserWithPlayer(tdb.db, { roles: ['player', 'admin'] });
    const ownerAdmin: Claims = { ...claims(p, ['player', 'admin']), scopes: ['billing:view', 'galaxy:manage'] };
    const held = await insertRegion(tdb.db, { ownerId: p.playerId, runtimeState: 'ready', status: 'suspended' });
    expect(codeOf(await scaleRegion(deps, ownerAdmin, held.id, { cpu: 2 }))).toBe('ERR_REGION_SUSPENDED');
    const r = await insertRegion(tdb.db, { ownerId: p.playerId, runtimeState: 'ready' });
    expect(codeOf(await terminateRegion(deps, ownerAdmin, r.id))).toBe('ok');
    const [row] = await tdb.sql`SELECT termination_origin FROM regions WHERE id = ${r.id}`;
    expect(row!.termination_origin).toBe('owner');
  });

  it('cannot withdraw a termination the billing sweep started', async () => {
    const p = await insertUserWithPlayer(tdb.db, { roles: ['player', 'admin'] });
    const ownerAdmin: Claims = { ...claims(p, ['player', 'admin']), scopes: [] };
    const r = await insertRegion(tdb.db, { ownerId: p.playerId, runtimeState: 'ready', status: 'suspended', suspendedAt: new Date(Date.now() - 31 * 86_400_000) });
    expect((await runBillingSweep({ sql: tdb.sql })).terminated).toContain(r.id);
    expect(codeOf(await cancelTermination(deps, ownerAdmin, r.id))).toBe('ERR_TERMINATION_NOT_OWNERS');
    expect(codeOf(await cancelTermination(deps, admin, r.id))).toBe('ok');
  });
});

describe('provisionRegion uses the one name / owner-limit rule', () => {
  it('treats a name paid for through PayPal (region not created yet) as taken', async () => {
    const buyer = await insertUserWithPlayer(tdb.db);
    await tdb.sql`INSERT INTO billing_subscriptions (paypal_subscription_id, plan, player_id, region_name, size_tier, status)
      VALUES ('I-PAID-NAME', 'regional_owner', ${buyer.playerId}, 'paid-for-name', 'standard', 'ACTIVE')`;
    expect(codeOf(await provisionRegion(deps, admin, { name: 'paid-for-name', ownerPlayerId: owner.playerId }))).toBe('ERR_REGION_NAME_TAKEN');
  });

  it('counts paid, not yet created regions toward the owner limit', async () => {
    const p = await insertUserWithPlayer(tdb.db);
    for (let i = 0; i < 4; i++) await insertRegion(tdb.db, { ownerId: p.playerId, runtimeState: 'ready' });
    await tdb.sql`INSERT INTO billing_subscriptions (paypal_subscription_id, plan, player_id, region_name, size_tier, status)
      VALUES ('I-FIFTH', 'regional_owner', ${p.playerId}, 'fifth-region', 'standard', 'APPROVED')`;
    expect(codeOf(await provisionRegion(deps, admin, { name: 'sixth-region', ownerPlayerId: p.playerId }))).toBe('ERR_REGION_LIMIT_REACHED');
  });
});
