import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestDatabase, dbErrorOf, insertRegion, insertUserWithPlayer, type TestDatabase } from '@sw/testing';
import { hub, type HubDb } from './index.ts';

let t: TestDatabase<HubDb>;
let regionId: string;
let otherRegionId: string;
let voter: string;
let candidate: string;

beforeAll(async () => {
  t = await createTestDatabase();
  regionId = (await insertRegion(t.db)).id;
  otherRegionId = (await insertRegion(t.db)).id;
  voter = (await insertUserWithPlayer(t.db, { ageDays: 90 })).playerId;
  candidate = (await insertUserWithPlayer(t.db)).playerId;
});
afterAll(async () => {
  await t?.drop();
});

const HOUR = 3_600_000;

async function newElection() {
  const now = Date.now();
  const [e] = await t.db
    .insert(hub.regionalElections)
    .values({
      regionId,
      position: 'governor',
      candidates: [{ player_id: candidate }],
      votingOpensAt: new Date(now - HOUR),
      votingClosesAt: new Date(now + HOUR),
      status: 'active',
    })
    .returning();
  return e!;
}

async function newPolicy() {
  const [p] = await t.db
    .insert(hub.regionalPolicies)
    .values({
      regionId,
      policyType: 'tax_rate',
      title: 'Lower taxes',
      proposedChanges: { tax_rate: 0.08 },
      proposedBy: voter,
      votingClosesAt: new Date(Date.now() + 7 * 24 * HOUR),
    })
    .returning();
  return p!;
}

describe('votes', () => {
  it('refuses a second election vote by the same voter (one_vote_per_election)', async () => {
    const e = await newElection();
    await t.db.insert(hub.regionalVotes).values({ electionId: e.id, voterId: voter, candidateId: candidate, weight: 1.5 });
    const err = await dbErrorOf(
      t.db.insert(hub.regionalVotes).values({ electionId: e.id, voterId: voter, candidateId: candidate, weight: 1 }),
    );
    expect(err.code).toBe('23505');
    expect(err.constraint).toBe('one_vote_per_election');
  });

  it('refuses a second policy vote by the same voter (one_vote_per_policy)', async () => {
    const p = await newPolicy();
    await t.db.insert(hub.regionalPolicyVotes).values({ policyId: p.id, voterId: voter, support: true, weight: 1.5 });
    const err = await dbErrorOf(
      t.db.insert(hub.regionalPolicyVotes).values({ policyId: p.id, voterId: voter, support: false, weight: 1 }),
    );
    expect(err.constraint).toBe('one_vote_per_policy');
  });

  it.each([
    ['election vote weight 6', 'valid_vote_weight'],
    ['policy vote weight 6', 'valid_policy_vote_weight'],
    ['membership voting_power 6', 'valid_voting_power'],
  ])('refuses %s', async (label, constraint) => {
    const voter2 = (await insertUserWithPlayer(t.db)).playerId;
    const query = label.startsWith('election')
      ? t.db.insert(hub.regionalVotes).values({ electionId: (await newElection()).id, voterId: voter2, candidateId: candidate, weight: 6 })
      : label.startsWith('policy')
        ? t.db.insert(hub.regionalPolicyVotes).values({ policyId: (await newPolicy()).id, voterId: voter2, support: true, weight: 6 })
        : t.db.insert(hub.regionalMemberships).values({ playerId: voter2, regionId, membershipType: 'citizen', votingPower: 6 });
    const err = await dbErrorOf(query);
    expect(err.code).toBe('23514');
    expect(err.constraint).toBe(constraint);
  });

  it('stores decimal policy tallies exactly (original-defects #19) and refuses negative tallies', async () => {
    const p = await newPolicy();
    await t.db
      .update(hub.regionalPolicies)
      .set({ votesFor: sql`${hub.regionalPolicies.votesFor} + 1.5`, votesAgainst: sql`${hub.regionalPolicies.votesAgainst} + 2.5` })
      .where(eq(hub.regionalPolicies.id, p.id));
    const [after] = await t.db.select().from(hub.regionalPolicies).where(eq(hub.regionalPolicies.id, p.id));
    expect([after!.votesFor, after!.votesAgainst]).toEqual([1.5, 2.5]);
    const err = await dbErrorOf(
      t.db.update(hub.regionalPolicies).set({ votesAgainst: -1 }).where(eq(hub.regionalPolicies.id, p.id)),
    );
    expect(err.constraint).toBe('policy_votes_against_nonnegative');
  });

  it('refuses a policy whose voting closes before it was proposed and an election that closes before it opens', async () => {
    const now = Date.now();
    const policy = await dbErrorOf(
      t.db.insert(hub.regionalPolicies).values({
        regionId,
        policyType: 'cultural',
        title: 'x',
        proposedChanges: {},
        proposedAt: new Date(now),
        votingClosesAt: new Date(now - 1000),
      }),
    );
    expect(policy.constraint).toBe('valid_policy_voting_window');
    const election = await dbErrorOf(
      t.db.insert(hub.regionalElections).values({
        regionId,
        position: 'governor',
        votingOpensAt: new Date(now),
        votingClosesAt: new Date(now),
      }),
    );
    expect(election.constraint).toBe('valid_election_window');
  });

  it('refuses a second membership of the same player in the same region', async () => {
    const p = (await insertUserWithPlayer(t.db)).playerId;
    await t.db.insert(hub.regionalMemberships).values({ playerId: p, regionId, membershipType: 'citizen' });
    const err = await dbErrorOf(t.db.insert(hub.regionalMemberships).values({ playerId: p, regionId }));
    expect(err.constraint).toBe('unique_membership');
  });
});

describe('invites', () => {
  const base = () => ({ regionId, code: Math.random().toString(36).slice(2, 18), expiresAt: new Date(Date.now() + 7 * 24 * HOUR) });

  it('refuses uses > max_uses, max_uses 0 or 11, and an unknown status', async () => {
    expect((await dbErrorOf(t.db.insert(hub.regionInvites).values({ ...base(), maxUses: 2, uses: 3 }))).constraint).toBe('valid_invite_uses');
    expect((await dbErrorOf(t.db.insert(hub.regionInvites).values({ ...base(), maxUses: 0 }))).constraint).toBe('valid_invite_max_uses');
    expect((await dbErrorOf(t.db.insert(hub.regionInvites).values({ ...base(), maxUses: 11 }))).constraint).toBe('valid_invite_max_uses');
    expect((await dbErrorOf(t.db.insert(hub.regionInvites).values({ ...base(), status: 'paused' }))).constraint).toBe('valid_invite_status');
  });

  it('refuses an increment past max_uses on a live invite and a duplicate code', async () => {
    const [inv] = await t.db.insert(hub.regionInvites).values({ ...base(), maxUses: 1 }).returning();
    await t.db.update(hub.regionInvites).set({ uses: 1, status: 'exhausted' }).where(eq(hub.regionInvites.id, inv!.id));
    const over = await dbErrorOf(
      t.db.update(hub.regionInvites).set({ uses: sql`${hub.regionInvites.uses} + 1` }).where(eq(hub.regionInvites.id, inv!.id)),
    );
    expect(over.constraint).toBe('valid_invite_uses');
    const dup = await dbErrorOf(t.db.insert(hub.regionInvites).values({ ...base(), code: inv!.code }));
    expect(dup.constraint).toBe('uq_region_invites_code');
  });
});

describe('treaties', () => {
  it('refuses a treaty of a region with itself, an unknown type, and a duplicate (a, b, type)', async () => {
    const self = await dbErrorOf(
      t.db.insert(hub.regionalTreaties).values({ regionAId: regionId, regionBId: regionId, treatyType: 'trade_agreement' }),
    );
    expect(self.constraint).toBe('treaty_distinct_regions');
    const type = await dbErrorOf(
      t.db.insert(hub.regionalTreaties).values({ regionAId: regionId, regionBId: otherRegionId, treatyType: 'alliance' }),
    );
    expect(type.constraint).toBe('valid_treaty_type');
    await t.db.insert(hub.regionalTreaties).values({ regionAId: regionId, regionBId: otherRegionId, treatyType: 'defense_pact' });
    const dup = await dbErrorOf(
      t.db.insert(hub.regionalTreaties).values({ regionAId: regionId, regionBId: otherRegionId, treatyType: 'defense_pact' }),
    );
    expect(dup.constraint).toBe('unique_treaty');
  });

  it('allows one live (proposed or active) treaty per pair, in either direction and of any type', async () => {
    await t.db.update(hub.regionalTreaties).set({ status: 'terminated', acceptedAt: new Date() }).where(eq(hub.regionalTreaties.regionAId, regionId));
    const [live] = await t.db.insert(hub.regionalTreaties).values({ regionAId: regionId, regionBId: otherRegionId, treatyType: 'trade_agreement' }).returning();
    const reverse = await dbErrorOf(
      t.db.insert(hub.regionalTreaties).values({ regionAId: otherRegionId, regionBId: regionId, treatyType: 'open_borders' }),
    );
    expect(reverse.constraint).toBe('uq_treaties_one_live_per_pair');
    await t.db.update(hub.regionalTreaties).set({ status: 'rejected' }).where(eq(hub.regionalTreaties.id, live!.id));
  });

  it('needs accepted_at to become active, and signed_at always equals accepted_at (original-defects #28)', async () => {
    const [tr] = await t.db
      .insert(hub.regionalTreaties)
      .values({ regionAId: otherRegionId, regionBId: regionId, treatyType: 'non_aggression' })
      .returning();
    expect(tr!.status).toBe('proposed');
    expect(tr!.signedAt).toBeNull();
    const noAccept = await dbErrorOf(
      t.db.update(hub.regionalTreaties).set({ status: 'active' }).where(eq(hub.regionalTreaties.id, tr!.id)),
    );
    expect(noAccept.constraint).toBe('treaty_accepted_at_when_accepted');
    const acceptedAt = new Date('2030-01-02T03:04:05Z');
    const [active] = await t.db
      .update(hub.regionalTreaties)
      .set({ status: 'active', acceptedAt })
      .where(eq(hub.regionalTreaties.id, tr!.id))
      .returning();
    expect(active!.signedAt?.toISOString()).toBe(acceptedAt.toISOString());
  });
});

describe('treasury ledger', () => {
  async function entry(before: number, delta: number, after = before + delta) {
    return t.db
      .insert(hub.regionalTreasuryEntries)
      .values({ regionId, beforeBalance: before, delta, afterBalance: after, causeType: 'tax_collection', reason: 'test' })
      .returning();
  }

  it('refuses a negative balance and wrong arithmetic, accepts a consistent entry', async () => {
    expect((await dbErrorOf(entry(100, -150))).constraint).toBe('treasury_entry_nonnegative');
    expect((await dbErrorOf(entry(100, 50, 200))).constraint).toBe('treasury_entry_balance_arithmetic');
    const bad = await dbErrorOf(
      t.sql`INSERT INTO regional_treasury_entries (region_id, before_balance, after_balance, delta, cause_type)
            VALUES (${regionId}, 0, 1, 1, 'lottery')`,
    );
    expect(bad.code).toBe('22P02'); // not a region_treasury_cause_type value
    const [ok] = await entry(0, 500);
    expect(ok!.afterBalance).toBe(500);
    const neg = await dbErrorOf(t.db.update(hub.regions).set({ treasuryBalance: -1 }).where(eq(hub.regions.id, regionId)));
    expect(neg.constraint).toBe('regions_treasury_nonnegative');
  });

  it('rejects UPDATE and DELETE on ledger rows (append-only trigger)', async () => {
    const [row] = await entry(500, 25);
    const upd = await dbErrorOf(
      t.db.update(hub.regionalTreasuryEntries).set({ reason: 'edited' }).where(eq(hub.regionalTreasuryEntries.id, row!.id)),
    );
    expect(upd.constraint).toBe('treasury_ledger_append_only');
    expect(upd.message).toMatch(/append-only: UPDATE/);
    const del = await dbErrorOf(t.db.delete(hub.regionalTreasuryEntries).where(eq(hub.regionalTreasuryEntries.id, row!.id)));
    expect(del.constraint).toBe('treasury_ledger_append_only');
    expect(del.message).toMatch(/append-only: DELETE/);
    const [still] = await t.db.select().from(hub.regionalTreasuryEntries).where(eq(hub.regionalTreasuryEntries.id, row!.id));
    expect(still!.reason).toBe('test');
  });

  it('lets ledger rows go only together with their region (cascade)', async () => {
    const doomed = await insertRegion(t.db);
    await t.db
      .insert(hub.regionalTreasuryEntries)
      .values({ regionId: doomed.id, beforeBalance: 0, delta: 10, afterBalance: 10, causeType: 'transfer_in' });
    await t.db.delete(hub.regions).where(eq(hub.regions.id, doomed.id));
    const left = await t.db.select().from(hub.regionalTreasuryEntries).where(eq(hub.regionalTreasuryEntries.regionId, doomed.id));
    expect(left).toHaveLength(0);
  });
});

describe('travel, billing, world links', () => {
  it('refuses travel to the same region and a negative cost', async () => {
    const same = await dbErrorOf(
      t.db.insert(hub.interRegionalTravels).values({ playerId: voter, sourceRegionId: regionId, destinationRegionId: regionId, travelMethod: 'platform_gate', originSectorNumber: 1 }),
    );
    expect(same.constraint).toBe('travel_distinct_regions');
    const cost = await dbErrorOf(
      t.db.insert(hub.interRegionalTravels).values({ playerId: voter, sourceRegionId: regionId, destinationRegionId: otherRegionId, travelMethod: 'platform_gate', originSectorNumber: 1, travelCost: -5 }),
    );
    expect(cost.constraint).toBe('travel_cost_nonnegative');
  });

  it('refuses an unknown billing plan/status and a duplicate PayPal subscription id', async () => {
    const base = { playerId: voter, plan: 'galactic_citizen' };
    expect((await dbErrorOf(t.db.insert(hub.billingSubscriptions).values({ ...base, paypalSubscriptionId: 'I-1', plan: 'nexus_premium' }))).constraint).toBe('valid_billing_plan');
    expect((await dbErrorOf(t.db.insert(hub.billingSubscriptions).values({ ...base, paypalSubscriptionId: 'I-2', status: 'active' }))).constraint).toBe('valid_billing_status');
    await t.db.insert(hub.billingSubscriptions).values({ ...base, paypalSubscriptionId: 'I-3', status: 'ACTIVE' });
    expect((await dbErrorOf(t.db.insert(hub.billingSubscriptions).values({ ...base, paypalSubscriptionId: 'I-3' }))).constraint).toBe('uq_billing_subscriptions_paypal_id');
  });

  it('refuses a webhook event id seen before (idempotency key)', async () => {
    await t.db.insert(hub.processedWebhookEvents).values({ eventId: 'WH-1', eventType: 'BILLING.SUBSCRIPTION.ACTIVATED' });
    const dup = await dbErrorOf(t.db.insert(hub.processedWebhookEvents).values({ eventId: 'WH-1', eventType: 'x' }));
    expect(dup.constraint).toBe('processed_webhook_events_pkey');
  });

  it('refuses a duplicate tunnel idempotency key and an unknown tunnel type', async () => {
    const tunnel = { fromRegionId: regionId, fromSectorId: 10, toRegionId: otherRegionId, toSectorId: 2251 };
    await t.db.insert(hub.warpTunnels).values({ ...tunnel, idempotencyKey: `${regionId}:1` });
    const dup = await dbErrorOf(t.db.insert(hub.warpTunnels).values({ ...tunnel, idempotencyKey: `${regionId}:1` }));
    expect(dup.constraint).toBe('uq_warp_tunnels_idempotency_key');
    const type = await dbErrorOf(t.db.insert(hub.warpTunnels).values({ ...tunnel, tunnelType: 'QUANTUM' }));
    expect(type.constraint).toBe('valid_tunnel_type');
  });

  it('refuses a second player for the same user and negative credits', async () => {
    const u = await insertUserWithPlayer(t.db);
    const second = await dbErrorOf(t.db.insert(hub.players).values({ userId: u.userId, name: `${u.username}-alt` }));
    expect(second.constraint).toBe('uq_players_user_id');
    const credits = await dbErrorOf(t.db.update(hub.players).set({ credits: -1 }).where(eq(hub.players.id, u.playerId)));
    expect(credits.constraint).toBe('players_credits_nonnegative');
    const role = await dbErrorOf(t.db.update(hub.users).set({ roles: ['player', 'root'] }).where(eq(hub.users.id, u.userId)));
    expect(role.constraint).toBe('users_roles_valid');
  });
});
