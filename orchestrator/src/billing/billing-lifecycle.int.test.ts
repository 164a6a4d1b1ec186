import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { ADMIN_SCOPES, DAY_MS, DomainError } from '@sw/domain';
import { insertRegion } from '@sw/testing';
import { billingCommands, unwrapBilling } from './billing-commands.ts';
import { runBillingSweep } from './billing-sweep.ts';
import { approveInEmulator, billEmulator, startBillingHarness, type BillingHarness } from './billing-test-harness.ts';

let h: BillingHarness;
beforeAll(async () => {
  h = await startBillingHarness();
});
afterAll(async () => {
  await h?.close();
});

const regionOf = async (paypalId: string) =>
  h.t.sql<Array<{ id: string } & Record<string, unknown>>>`SELECT id, name, display_name, region_type, owner_id, size_tier, total_sectors, status, desired_state, runtime_state,
      subscription_status, payment_failure_count, ${ms('suspended_at')}, ${ms('terminated_at')}, ${ms('scheduled_hard_delete_at')}, ${ms('evacuation_deadline_at')}
    FROM regions WHERE paypal_subscription_id = ${paypalId}`;
/** The hub client is drizzle-wrapped (timestamps come back as text): read them as epoch ms. */
function ms(col: string) {
  return h.t.sql.unsafe(`(extract(epoch from ${col}) * 1000)::float8 AS ${col}`);
}

describe('PayPal subscription → region desired state (end to end through the emulator)', () => {
  let alice: Awaited<ReturnType<BillingHarness['player']>>;
  let subId: string;

  it('create -> approve in the emulator -> signed webhook -> region row requested, owned by the payer', async () => {
    alice = await h.player('alice_b');
    const created = unwrapBilling(await billingCommands.createSubscription(h.deps, alice.claims, { plan: 'regional_owner', regionName: 'Orion-Reach', sizeTier: 'premium' }));
    subId = created.subscription.paypalSubscriptionId;
    expect(created.subscription).toMatchObject({ plan: 'regional_owner', amount: '$25.00/month', status: 'APPROVAL_PENDING', regionName: 'orion-reach', sizeTier: 'premium' });
    expect(created.approvalUrl).toBe(`${h.emulator.url}/approve/${subId}?ba_token=${new URL(created.approvalUrl).searchParams.get('ba_token')}`);
    await h.settle();
    expect(await regionOf(subId)).toHaveLength(0); // CREATED changes nothing

    await approveInEmulator(h.emulator, subId);
    await h.settle();
    const [region] = await regionOf(subId);
    expect(region).toMatchObject({
      name: 'orion-reach', display_name: 'Orion Reach', region_type: 'player_owned', owner_id: alice.playerId, size_tier: 'premium',
      total_sectors: 1400, status: 'pending', desired_state: 'running', runtime_state: 'requested', subscription_status: 'ACTIVE',
    });
    const [billing] = await h.t.sql`SELECT status, region_id FROM billing_subscriptions WHERE paypal_subscription_id = ${subId}`;
    expect(billing).toMatchObject({ status: 'ACTIVE', region_id: region!.id });
    const events = await h.t.sql`SELECT reason, data->>'source' AS source, data->>'paypalSubscriptionId' AS sub FROM region_events WHERE region_id_snapshot = ${region!.id}`;
    expect(events).toEqual([{ reason: 'ProvisionRequested', source: 'paypal', sub: subId }]);
    const processed = await h.t.sql<{ event_type: string }[]>`SELECT event_type FROM processed_webhook_events WHERE resource_id = ${subId} ORDER BY event_type`;
    expect(processed.map((p) => p.event_type)).toEqual(['BILLING.SUBSCRIPTION.ACTIVATED', 'BILLING.SUBSCRIPTION.CREATED', 'PAYMENT.SALE.COMPLETED']);
  });

  it('the same name cannot be bought twice (case-insensitive), reserved names are refused, 5 regions max', async () => {
    const bob = await h.player('bob_b');
    expect(await billingCommands.createSubscription(h.deps, bob.claims, { plan: 'regional_owner', regionName: 'ORION-REACH' })).toEqual({ kind: 'name_taken', name: 'orion-reach' });
    const reserved = await billingCommands.createSubscription(h.deps, bob.claims, { plan: 'regional_owner', regionName: 'Nexus' });
    expect(reserved).toMatchObject({ kind: 'invalid', code: 'ERR_REGION_NAME_INVALID' });
    expect(() => unwrapBilling(reserved)).toThrow(DomainError);
    expect(await billingCommands.createSubscription(h.deps, bob.claims, { plan: 'platinum' })).toEqual({ kind: 'unknown_plan', plan: 'platinum' });
    expect(await billingCommands.createSubscription(h.deps, null, { plan: 'galactic_citizen' })).toEqual({ kind: 'unauthenticated' });
    // A pending purchase by someone else blocks the name too.
    unwrapBilling(await billingCommands.createSubscription(h.deps, bob.claims, { plan: 'regional_owner', regionName: 'vega-prime' }));
    await h.settle();
    const carol = await h.player('carol_b');
    // Another buyer's fresh checkout for the name blocks it (the 3-hour approval window).
    expect(await billingCommands.createSubscription(h.deps, carol.claims, { plan: 'regional_owner', regionName: 'Vega-Prime' })).toEqual({ kind: 'name_taken', name: 'vega-prime' });
    await h.t.sql`UPDATE billing_subscriptions SET created_at = now() - interval '4 hours' WHERE region_name = 'vega-prime'`;
    expect((await billingCommands.createSubscription(h.deps, carol.claims, { plan: 'regional_owner', regionName: 'vega-prime' })).kind).toBe('ok');
    const e = await billingCommands.createSubscription(h.deps, carol.claims, { plan: 'regional_owner', regionName: 'x' });
    expect(() => unwrapBilling(e)).toThrow(expect.objectContaining({ code: 'ERR_REGION_NAME_INVALID' }));
    const erin = await h.player('erin_b');
    for (let i = 0; i < 5; i++) await insertRegion(h.t.db, { ownerId: erin.playerId, name: `erin-${i}` });
    expect(await billingCommands.createSubscription(h.deps, erin.claims, { plan: 'regional_owner', regionName: 'erin-six' })).toEqual({ kind: 'limit_reached', owned: 5, limit: 5 });
  });

  it('plans and name availability use the same rules as create', async () => {
    expect(billingCommands.listPlans(h.deps).map((p) => [p.plan, p.amount])).toEqual([['regional_owner', '$25.00/month'], ['galactic_citizen', '$5.00/month']]);
    const bob = await h.player('bob_avail');
    expect(await billingCommands.regionNameAvailability(h.t, bob.claims, 'Orion-Reach')).toMatchObject({ available: false, slug: 'orion-reach', reason: 'taken' });
    expect(await billingCommands.regionNameAvailability(h.t, bob.claims, 'admin')).toMatchObject({ available: false, reason: 'invalid' });
    expect(await billingCommands.regionNameAvailability(h.t, bob.claims, 'Fresh_Name')).toEqual({ available: true, slug: 'fresh_name' });
  });

  it('list / get / ownership', async () => {
    const list = unwrapBilling(await billingCommands.listSubscriptions(h.deps, alice.claims));
    expect(list.subscriptions).toHaveLength(1);
    expect(list.subscriptions[0]).toMatchObject({ paypalSubscriptionId: subId, status: 'ACTIVE', live: true });
    const got = unwrapBilling(await billingCommands.getSubscription(h.deps, alice.claims, { id: subId }));
    expect(got.paypal).toMatchObject({ id: subId, status: 'ACTIVE', plan_id: h.deps.config.planIds.regional_owner });
    const mallory = await h.player('mallory_b');
    expect(await billingCommands.getSubscription(h.deps, mallory.claims, { id: subId })).toEqual({ kind: 'not_owner' });
    expect(await billingCommands.cancelSubscription(h.deps, mallory.claims, { id: subId })).toEqual({ kind: 'not_owner' });
    expect(await billingCommands.getSubscription(h.deps, alice.claims, { id: 'I-DOESNOTEXIST' })).toEqual({ kind: 'not_found', id: 'I-DOESNOTEXIST' });
  });

  it('admins read any subscription only with billing:view; without it they may neither read nor cancel others\' subscriptions', async () => {
    const support = await h.player('support_b');
    const unscoped = await h.player('unscoped_b');
    const withScope: Claims = { ...support.claims, roles: ['player', 'admin'], scopes: ['billing:view'] };
    const withoutScope: Claims = { ...unscoped.claims, roles: ['player', 'admin'], scopes: ADMIN_SCOPES.filter((s) => s !== 'billing:view') };
    const got = unwrapBilling(await billingCommands.getSubscription(h.deps, withScope, { id: subId }));
    expect(got.subscription).toMatchObject({ paypalSubscriptionId: subId, playerId: alice.playerId });
    expect(await billingCommands.getSubscription(h.deps, withoutScope, { id: subId })).toEqual({ kind: 'not_owner' });
    expect(await billingCommands.cancelSubscription(h.deps, withoutScope, { id: subId })).toEqual({ kind: 'not_owner' });
    // The refused cancellation reached nothing: PayPal still bills the subscription.
    expect((await h.paypal.getSubscription(subId)).status).toBe('ACTIVE');
  });

  it('3 failed payments suspend (suspended_at stamped), a successful payment restores', async () => {
    await billEmulator(h.emulator, subId, 'failure');
    await billEmulator(h.emulator, subId, 'failure');
    await h.settle();
    expect((await regionOf(subId))[0]).toMatchObject({ status: 'pending', payment_failure_count: 2, suspended_at: null });
    await billEmulator(h.emulator, subId, 'failure');
    await h.settle();
    const [suspended] = await regionOf(subId);
    expect(suspended).toMatchObject({ status: 'suspended', payment_failure_count: 3, subscription_status: 'SUSPENDED' });
    expect(suspended!.suspended_at).toBeGreaterThan(Date.now() - 60_000);
    await billEmulator(h.emulator, subId, 'success');
    await h.settle();
    // Never became ready (no reconciler here) → back to pending, not active.
    expect((await regionOf(subId))[0]).toMatchObject({ status: 'pending', payment_failure_count: 0, suspended_at: null, subscription_status: 'ACTIVE' });
  });

  it('cancel -> suspended; sweep: grace at +7 d, terminated at +30 d from the first suspension (desired_state terminated)', async () => {
    unwrapBilling(await billingCommands.cancelSubscription(h.deps, alice.claims, { id: subId, reason: 'moving on' }));
    expect(await billingCommands.cancelSubscription(h.deps, alice.claims, { id: subId })).toEqual({ kind: 'not_cancellable', status: 'CANCELLED' });
    await h.settle();
    const [r] = await regionOf(subId);
    expect(r).toMatchObject({ status: 'suspended', subscription_status: 'CANCELLED', desired_state: 'running' });
    const suspendedAt = new Date(r!.suspended_at as number);

    expect((await runBillingSweep(h.t, new Date(suspendedAt.getTime() + 6 * DAY_MS))).graced).toBe(0);
    expect((await runBillingSweep(h.t, new Date(suspendedAt.getTime() + 7 * DAY_MS + 1000))).graced).toBe(1);
    expect((await regionOf(subId))[0]).toMatchObject({ status: 'grace', suspended_at: suspendedAt.getTime() });
    expect((await runBillingSweep(h.t, new Date(suspendedAt.getTime() + 29 * DAY_MS))).terminated).toEqual([]);
    const at = new Date(suspendedAt.getTime() + 30 * DAY_MS + 1000);
    // Two replicas at once: exactly one termination.
    const [a, b] = await Promise.all([runBillingSweep(h.t, at), runBillingSweep(h.t, at)]);
    expect(a.terminated.length + b.terminated.length).toBe(1);
    const [done] = await regionOf(subId);
    expect(done).toMatchObject({ status: 'terminated', desired_state: 'terminated', terminated_at: at.getTime(), evacuation_deadline_at: at.getTime() });
    expect((done!.scheduled_hard_delete_at as number) - (done!.terminated_at as number)).toBe(7 * DAY_MS);
    // Terminated is final: a late payment does not resurrect it.
    expect((await runBillingSweep(h.t, new Date(at.getTime() + DAY_MS))).terminated).toEqual([]);
  });
});

describe('Galactic Citizen', () => {
  it('granted on activation; a cancellation leaves a 7-day lapse; the sweep ends it', async () => {
    const dave = await h.player('dave_b');
    const c = unwrapBilling(await billingCommands.createSubscription(h.deps, dave.claims, { plan: 'galactic_citizen' }));
    expect(c.subscription.amount).toBe('$5.00/month');
    await approveInEmulator(h.emulator, c.subscription.paypalSubscriptionId);
    await h.settle();
    const player = async () => (await h.t.sql`SELECT p.is_galactic_citizen, ${ms('gc_lapsed_at')}, u.subscription_status, u.subscription_tier, u.paypal_subscription_id FROM players p JOIN users u ON u.id = p.user_id WHERE p.id = ${dave.playerId}`)[0]!;
    expect(await player()).toMatchObject({ is_galactic_citizen: true, gc_lapsed_at: null, subscription_status: 'ACTIVE', subscription_tier: 'galactic_citizen', paypal_subscription_id: c.subscription.paypalSubscriptionId });
    expect(await billingCommands.createSubscription(h.deps, dave.claims, { plan: 'galactic_citizen' })).toEqual({ kind: 'already_subscribed', plan: 'galactic_citizen' });
    unwrapBilling(await billingCommands.cancelSubscription(h.deps, dave.claims, { id: c.subscription.id }));
    await h.settle();
    const lapsing = await player();
    expect(lapsing).toMatchObject({ is_galactic_citizen: true, subscription_status: 'CANCELLED', paypal_subscription_id: null });
    const lapsedAt = new Date(lapsing.gc_lapsed_at as number);
    expect(lapsedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect((await runBillingSweep(h.t, new Date(lapsedAt.getTime() + 6 * DAY_MS))).citizenshipsEnded).toBe(0);
    expect((await runBillingSweep(h.t, new Date(lapsedAt.getTime() + 7 * DAY_MS))).citizenshipsEnded).toBe(1);
    expect(await player()).toMatchObject({ is_galactic_citizen: false });
  });
});
