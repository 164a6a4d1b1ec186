/**
 * Activation through the webhook path against the local PayPal emulator: a subscription on another plan
 * than it claims, a name that is invalid or taken by now, and an owner already at the 5-region limit are
 * all refused — no region, a recorded reason on the subscription, and a PayPal cancellation that the
 * outbox carries out (idempotent, retried while PayPal is unreachable, recorded).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_PAYPAL_PLAN_IDS, createPayPalClient } from '@sw/paypal';
import { insertRegion } from '@sw/testing';
import { billingCommands, unwrapBilling } from './billing-commands.ts';
import { approveInEmulator, startBillingHarness, type BillingHarness } from './billing-test-harness.ts';
import { buildCustomId } from './custom-id.ts';
import { requestRegionSubscriptionCancellation, runSubscriptionCancellations } from './subscription-cancellations.ts';
import type { RegionRuntimeDriver } from '../drivers/driver.ts';
import type { ReconcileContext } from '../reconciler/context.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { terminateStep } from '../steps/terminate.ts';
import { loadRegion } from '../store/region-row.ts';

let h: BillingHarness;
beforeAll(async () => {
  h = await startBillingHarness();
});
afterAll(async () => {
  await h?.close();
});

async function billingState(paypalId: string) {
  const [b] = await h.t.sql<{ status: string; region_id: string | null; activation_refused_reason: string | null; refused: boolean }[]>`
    SELECT status, region_id, activation_refused_reason, activation_refused_at IS NOT NULL AS refused FROM billing_subscriptions WHERE paypal_subscription_id = ${paypalId}`;
  const [c] = await h.t.sql<{ reason: string; outcome: string | null; attempts: number; last_error: string | null }[]>`
    SELECT reason, outcome, attempts, last_error FROM billing_cancellations WHERE paypal_subscription_id = ${paypalId}`;
  const regions = await h.t.sql`SELECT id FROM regions WHERE paypal_subscription_id = ${paypalId}`;
  return { billing: b ?? null, cancellation: c ?? null, regions: regions.length };
}

/** A subscription made directly at PayPal (not through our create command): the webhook adopts it from custom_id. */
async function subscribeDirectly(planId: string, customId: string): Promise<string> {
  const s = await h.paypal.createSubscription({ plan_id: planId, custom_id: customId });
  await approveInEmulator(h.emulator, s.id);
  await h.settle();
  return s.id;
}

async function expectRefused(paypalId: string, reason: string) {
  const st = await billingState(paypalId);
  expect(st.regions).toBe(0);
  expect(st.billing).toMatchObject({ status: 'ACTIVE', region_id: null, activation_refused_reason: reason, refused: true });
  expect(st.cancellation).toMatchObject({ reason: 'activation_refused', outcome: null });
  const applied = h.outcomes.filter((o) => o.kind === 'applied' && o.subscriptionId === paypalId);
  expect(applied.some((o) => o.kind === 'applied' && o.effects.includes(`activation_refused:${reason}`))).toBe(true);
}

describe('activation guard (webhook path)', () => {
  it('refuses a regional_owner claim paid on another plan, then cancels it at PayPal', async () => {
    const p = await h.player();
    const id = await subscribeDirectly(DEV_PAYPAL_PLAN_IDS.galactic_citizen, buildCustomId({ plan: 'regional_owner', playerId: p.playerId, regionName: 'cheap-region', sizeTier: 'standard' }));
    await expectRefused(id, 'plan_mismatch');

    const run = await runSubscriptionCancellations({ sql: h.t.sql, paypal: h.paypal });
    expect(run.completed).toContainEqual({ paypalSubscriptionId: id, outcome: 'cancelled' });
    expect((await h.paypal.getSubscription(id)).status).toBe('CANCELLED');
    await h.settle(); // the CANCELLED webhook comes back: still no region
    const st = await billingState(id);
    expect(st).toMatchObject({ regions: 0, billing: { status: 'CANCELLED', activation_refused_reason: 'plan_mismatch' }, cancellation: { outcome: 'cancelled', attempts: 1 } });
    // Idempotent: asking again and running again change nothing.
    const again = await runSubscriptionCancellations({ sql: h.t.sql, paypal: h.paypal });
    expect(again.completed.map((c) => c.paypalSubscriptionId)).not.toContain(id);
  });

  it('refuses a Galactic Citizen claim paid on the other plan: no citizenship', async () => {
    const p = await h.player();
    const id = await subscribeDirectly(DEV_PAYPAL_PLAN_IDS.regional_owner, buildCustomId({ plan: 'galactic_citizen', playerId: p.playerId, regionName: null, sizeTier: null }));
    const st = await billingState(id);
    expect(st.billing).toMatchObject({ status: 'ACTIVE', activation_refused_reason: 'plan_mismatch' });
    expect(st.cancellation).toMatchObject({ reason: 'activation_refused' });
    const [player] = await h.t.sql`SELECT is_galactic_citizen FROM players WHERE id = ${p.playerId}`;
    expect(player!.is_galactic_citizen).toBe(false);
  });

  it('refuses a name that fails the validator', async () => {
    const p = await h.player();
    const id = await subscribeDirectly(DEV_PAYPAL_PLAN_IDS.regional_owner, buildCustomId({ plan: 'regional_owner', playerId: p.playerId, regionName: 'admin', sizeTier: 'standard' }));
    await expectRefused(id, 'name_invalid');
  });

  it('refuses a name that was taken between checkout and approval', async () => {
    const p = await h.player();
    const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'regional_owner', regionName: 'taken-meanwhile' }));
    await insertRegion(h.t.db, { name: 'taken-meanwhile' }); // e.g. an admin grant in the meantime
    await approveInEmulator(h.emulator, c.subscription.paypalSubscriptionId);
    await h.settle();
    await expectRefused(c.subscription.paypalSubscriptionId, 'name_taken');
  });

  it('refuses when the owner reached 5 regions between checkout and approval', async () => {
    const p = await h.player();
    const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'regional_owner', regionName: 'one-too-many' }));
    for (let i = 0; i < 5; i++) await insertRegion(h.t.db, { ownerId: p.playerId });
    await approveInEmulator(h.emulator, c.subscription.paypalSubscriptionId);
    await h.settle();
    await expectRefused(c.subscription.paypalSubscriptionId, 'limit_reached');
  });

  it('still creates the region when everything matches', async () => {
    const p = await h.player();
    const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'regional_owner', regionName: 'all-good-here' }));
    await approveInEmulator(h.emulator, c.subscription.paypalSubscriptionId);
    await h.settle();
    const st = await billingState(c.subscription.paypalSubscriptionId);
    expect(st).toMatchObject({ regions: 1, billing: { activation_refused_reason: null }, cancellation: null });
  });
});

describe('PayPal cancellation of a terminated region', () => {
  it('is requested when archiving starts (terminate step) and carried out against PayPal', async () => {
    const p = await h.player();
    const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'regional_owner', regionName: 'archived-soon' }));
    const paypalId = c.subscription.paypalSubscriptionId;
    await approveInEmulator(h.emulator, paypalId);
    await h.settle();
    const [region] = await h.t.sql<{ id: string }[]>`
      UPDATE regions SET desired_state = 'terminated', runtime_state = 'archiving', termination_origin = 'owner' WHERE paypal_subscription_id = ${paypalId} RETURNING id`;
    // Nothing was ever deployed for this row: the driver only has to stop (nothing) and the step finishes.
    const driver = { name: 'process', stopStack: () => Promise.resolve({ stopped: false }) } as unknown as RegionRuntimeDriver;
    let kicked = 0;
    const ctx: ReconcileContext = {
      sql: h.t.sql, hubUrl: h.t.url, bus: null, driver, secrets: createSecretBox(randomBytes(32)), log: { info() {}, warn() {}, error() {} }, now: () => new Date(), crashAfter: null, backupDir: '/nonexistent',
      onSubscriptionCancellationRequested: () => void kicked++,
    };
    await terminateStep(ctx, (await loadRegion(h.t.sql, region!.id))!);
    expect(kicked).toBe(1);
    expect((await loadRegion(h.t.sql, region!.id))!.runtimeState).toBe('terminated');
    expect((await billingState(paypalId)).cancellation).toMatchObject({ reason: 'region_terminated', outcome: null });
    const run = await runSubscriptionCancellations({ sql: h.t.sql, paypal: h.paypal });
    expect(run.completed).toContainEqual({ paypalSubscriptionId: paypalId, outcome: 'cancelled' });
    expect((await h.paypal.getSubscription(paypalId)).status).toBe('CANCELLED');
  });

  it('is requested once, retried while PayPal is unreachable, then recorded with a region event', async () => {
    const p = await h.player();
    const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'regional_owner', regionName: 'closing-down' }));
    const paypalId = c.subscription.paypalSubscriptionId;
    await approveInEmulator(h.emulator, paypalId);
    await h.settle();
    const [region] = await h.t.sql<{ id: string }[]>`SELECT id FROM regions WHERE paypal_subscription_id = ${paypalId}`;
    expect(await requestRegionSubscriptionCancellation(h.t.sql, region!.id)).toBe(true);
    expect(await requestRegionSubscriptionCancellation(h.t.sql, region!.id)).toBe(false);

    const down = createPayPalClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 500 });
    const now = new Date();
    const failed = await runSubscriptionCancellations({ sql: h.t.sql, paypal: down }, now);
    expect(failed.failed.map((f) => f.paypalSubscriptionId)).toContain(paypalId);
    let st = await billingState(paypalId);
    expect(st.cancellation).toMatchObject({ reason: 'region_terminated', outcome: null, attempts: 1 });
    expect(st.cancellation!.last_error).toMatch(/unreachable/);
    // Not due again before its backoff ...
    expect((await runSubscriptionCancellations({ sql: h.t.sql, paypal: h.paypal }, now)).completed.map((x) => x.paypalSubscriptionId)).not.toContain(paypalId);
    // ... and done once it is.
    const later = await runSubscriptionCancellations({ sql: h.t.sql, paypal: h.paypal }, new Date(now.getTime() + 61_000));
    expect(later.completed).toContainEqual({ paypalSubscriptionId: paypalId, outcome: 'cancelled' });
    expect((await h.paypal.getSubscription(paypalId)).status).toBe('CANCELLED');
    st = await billingState(paypalId);
    expect(st.cancellation).toMatchObject({ outcome: 'cancelled', attempts: 2, last_error: null });
    const events = await h.t.sql`SELECT reason, data->>'outcome' AS outcome FROM region_events WHERE region_id_snapshot = ${region!.id} AND reason = 'SubscriptionCancelled'`;
    expect(events).toEqual([{ reason: 'SubscriptionCancelled', outcome: 'cancelled' }]);
  });

  it('records an already cancelled subscription as already_inactive', async () => {
    const p = await h.player();
    const c = unwrapBilling(await billingCommands.createSubscription(h.deps, p.claims, { plan: 'regional_owner', regionName: 'cancelled-first' }));
    const paypalId = c.subscription.paypalSubscriptionId;
    await approveInEmulator(h.emulator, paypalId);
    await h.settle();
    await h.paypal.cancelSubscription(paypalId, 'owner cancelled at PayPal');
    const [region] = await h.t.sql<{ id: string }[]>`SELECT id FROM regions WHERE paypal_subscription_id = ${paypalId}`;
    await requestRegionSubscriptionCancellation(h.t.sql, region!.id);
    const run = await runSubscriptionCancellations({ sql: h.t.sql, paypal: h.paypal });
    expect(run.completed).toContainEqual({ paypalSubscriptionId: paypalId, outcome: 'already_inactive' });
  });
});
