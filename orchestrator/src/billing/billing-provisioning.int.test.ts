/**
 * The whole purchase loop against the real reconciler (process driver): PayPal emulator approval →
 * signed ACTIVATED webhook → region desired state → orchestrator provisions it to ready, owned by the
 * payer; then a cancellation suspends it without the reconciler undoing the suspension.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrchestrator, type RunningOrchestrator } from '../index.ts';
import { cleanupInstance, insertNexusFixture, waitFor } from '../testing/fixtures.ts';
import { billingCommands, unwrapBilling } from './billing-commands.ts';
import { approveInEmulator, startBillingHarness, type BillingHarness } from './billing-test-harness.ts';

const instance = `billing-${randomUUID().slice(0, 8)}`;
const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
let h: BillingHarness;
let orch: RunningOrchestrator;

beforeAll(async () => {
  h = await startBillingHarness();
  await insertNexusFixture(h.t.sql);
  orch = await startOrchestrator({ port: 0, databaseUrl: h.t.url, instance, backupDir, resyncMs: 250, healthPeriodMs: 500, autoscaleIntervalMs: 3_600_000 });
});

afterAll(async () => {
  await orch?.stop();
  if (h) await cleanupInstance(h.t.url, instance);
  await h?.close();
  rmSync(backupDir, { recursive: true, force: true });
});

describe('paying for a region provisions it', () => {
  it('approve in the emulator -> webhook -> reconciler -> ready, owned by the payer; cancel -> suspended', async () => {
    const buyer = await h.player('buyer_prov');
    const c = unwrapBilling(await billingCommands.createSubscription(h.deps, buyer.claims, { plan: 'regional_owner', regionName: 'Paid-Region' }));
    await h.settle();
    const t0 = Date.now();
    await approveInEmulator(h.emulator, c.subscription.paypalSubscriptionId);
    const ready = await waitFor('region ready', async () => {
      const [r] = await h.t.sql<{ id: string; runtime_state: string; status: string; owner_id: string | null; name: string; runtime_endpoint: string | null }[]>`SELECT id, runtime_state, status, owner_id, name, runtime_endpoint FROM regions WHERE paypal_subscription_id = ${c.subscription.paypalSubscriptionId}`;
      if (r?.runtime_state === 'error') throw new Error('region went to error');
      return r?.runtime_state === 'ready' ? r : null;
    }, 120_000, 50);
    const approveToReadyMs = Date.now() - t0;
    console.log(JSON.stringify({ approve_to_ready_ms: approveToReadyMs }));
    expect(ready).toMatchObject({ status: 'active', owner_id: buyer.playerId, name: 'paid-region' });
    const health = (await (await fetch(`${ready.runtime_endpoint}/health`)).json()) as { status: string; regionId: string };
    expect(health).toMatchObject({ status: 'ok', regionId: ready.id });

    unwrapBilling(await billingCommands.cancelSubscription(h.deps, buyer.claims, { id: c.subscription.id }));
    await h.settle();
    await new Promise((r) => setTimeout(r, 1_500)); // several reconcile / health cycles
    const [after] = await h.t.sql`SELECT status, subscription_status, runtime_state, desired_state FROM regions WHERE id = ${ready.id}`;
    expect(after).toMatchObject({ status: 'suspended', subscription_status: 'CANCELLED', desired_state: 'running' });
  });
});
