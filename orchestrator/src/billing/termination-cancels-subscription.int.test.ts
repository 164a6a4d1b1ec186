/**
 * End to end against the PayPal emulator and the real reconciler (process driver): a region bought through
 * PayPal and then terminated (admin, immediately) is archived AND its PayPal subscription is cancelled by
 * the orchestrator's own billing wiring — the owner stops paying for a region that no longer exists.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { startBillingOrchestrator, approveSubscription, type BillingOrchestrator } from '../testing/billing-orchestrator.ts';
import { cleanupInstance, insertNexusFixture, restCall, userWithToken, waitFor } from '../testing/fixtures.ts';
import { billingCommands, unwrapBilling } from './billing-commands.ts';

const instance = `cancel-${randomUUID().slice(0, 8)}`;
const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
let tdb: TestDatabase<HubDb>;
let bo: BillingOrchestrator;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await insertNexusFixture(tdb.sql);
  bo = await startBillingOrchestrator({ port: 0, databaseUrl: tdb.url, instance, backupDir, resyncMs: 250, healthPeriodMs: 500, autoscaleIntervalMs: 3_600_000 });
});

afterAll(async () => {
  await bo?.stop();
  if (tdb) await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
  rmSync(backupDir, { recursive: true, force: true });
});

describe('terminating a paid region', () => {
  it('archives it and cancels its PayPal subscription (recorded, with a region event)', async () => {
    const buyer = await userWithToken(tdb.sql, `buyer_${instance}`);
    const admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
    const c = unwrapBilling(await billingCommands.createSubscription(bo.orch.billing.commandDeps, buyer.claims, { plan: 'regional_owner', regionName: 'short-lived' }));
    const paypalId = c.subscription.paypalSubscriptionId;
    await approveSubscription(bo.emulator, paypalId);
    await waitFor('region ready', async () => {
      const [r] = await tdb.sql`SELECT runtime_state FROM regions WHERE paypal_subscription_id = ${paypalId}`;
      if (r?.runtime_state === 'error') throw new Error('region went to error');
      return r?.runtime_state === 'ready';
    }, 120_000, 100);

    const res = await restCall(bo.orch.url, 'DELETE', '/regions/short-lived?confirm=true&immediate=true', admin.token);
    expect(res.status).toBe(200);
    await waitFor('region archived', async () => {
      const [r] = await tdb.sql`SELECT runtime_state FROM regions WHERE paypal_subscription_id = ${paypalId}`;
      return r?.runtime_state === 'archived' || r?.runtime_state === 'terminated';
    }, 120_000, 100);
    const done = await waitFor('PayPal cancellation recorded', async () => {
      const [row] = await tdb.sql<{ outcome: string | null; reason: string }[]>`SELECT outcome, reason FROM billing_cancellations WHERE paypal_subscription_id = ${paypalId}`;
      return row?.outcome ? row : null;
    }, 60_000, 100);
    expect(done).toEqual({ outcome: 'cancelled', reason: 'region_terminated' });
    expect((await bo.orch.billing.paypal.getSubscription(paypalId)).status).toBe('CANCELLED');
    const events = await tdb.sql`SELECT e.reason FROM region_events e JOIN regions r ON r.id = e.region_id_snapshot WHERE r.paypal_subscription_id = ${paypalId} AND e.reason = 'SubscriptionCancelled'`;
    expect(events).toHaveLength(1);
  });
});
