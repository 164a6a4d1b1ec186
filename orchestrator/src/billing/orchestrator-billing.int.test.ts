/**
 * Billing as the orchestrator service wires it (issue 7): the webhook router mounted in the service,
 * GraphQL queries / mutations with forwarded claims, the reconciler kicked by the ACTIVATED webhook, and
 * the one status rule — a region suspended by billing while still provisioning stays suspended when its
 * runtime reaches ready.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { createTestDatabase, dataOf, errorCodes, postGraphql, type GraphqlResponse, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { REPO_ROOT } from '../config.ts';
import type { RegionRuntimeDriver } from '../drivers/driver.ts';
import { createProcessDriver } from '../drivers/process/process-driver.ts';
import { approveSubscription, startBillingOrchestrator, type BillingOrchestrator } from '../testing/billing-orchestrator.ts';
import { cleanupInstance, insertNexusFixture, userWithToken, waitFor } from '../testing/fixtures.ts';
import { billingCommands, unwrapBilling } from './billing-commands.ts';

const instance = `orchbill-${randomUUID().slice(0, 8)}`;
const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
let tdb: TestDatabase<HubDb>;
let b: BillingOrchestrator;
let buyer: Awaited<ReturnType<typeof userWithToken>>;
let other: Awaited<ReturnType<typeof userWithToken>>;
/** Runs once, inside the reconciler's STACK_DEPLOYED step of the region with this name. */
const duringStackDeploy = new Map<string, () => Promise<void>>();

const gql = <T = unknown>(claims: Claims | null, query: string, variables: Record<string, unknown> = {}) => postGraphql<T>(b.orch.url, query, variables, claims);
interface NameAvailability { regionNameAvailability: { issues: unknown[] } }
interface Created { createSubscription: { approvalUrl: string; subscription: { id: string; paypalSubscriptionId: string; amount: string } } }
const codeOf = (r: GraphqlResponse) => errorCodes(r)[0];

const CREATE = `mutation($input: CreateSubscriptionInput!) { createSubscription(input: $input) {
  approvalUrl subscription { id paypalSubscriptionId status plan regionName sizeTier amount } } }`;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await insertNexusFixture(tdb.sql);
  buyer = await userWithToken(tdb.sql, `buyer_${instance}`);
  other = await userWithToken(tdb.sql, `other_${instance}`);
  // The real process driver, with a hook inside ensureStack (the reconciler is mid-provisioning there).
  const inner = createProcessDriver({ hubUrl: tdb.url, instance, stateDir: path.join(REPO_ROOT, 'var', 'region-runtime') });
  const driver: RegionRuntimeDriver = {
    ...inner,
    async ensureStack(spec, previous) {
      const hook = duringStackDeploy.get(spec.regionName);
      if (hook) {
        duringStackDeploy.delete(spec.regionName);
        await hook();
      }
      return inner.ensureStack(spec, previous);
    },
  };
  b = await startBillingOrchestrator({ port: 0, databaseUrl: tdb.url, instance, backupDir, driver, resyncMs: 5_000, healthPeriodMs: 500, autoscaleIntervalMs: 3_600_000 });
});

afterAll(async () => {
  await b?.stop();
  if (tdb) await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
  rmSync(backupDir, { recursive: true, force: true });
});

describe('billing in the orchestrator service', () => {
  it('serves plans and region-name availability', async () => {
    const plans = await gql<{ plans: unknown }>(null, '{ plans { plan name amount priceCents currency paypalPlanId } }');
    expect(plans.errors).toBeUndefined();
    expect(dataOf(plans).plans).toEqual(expect.arrayContaining([
      expect.objectContaining({ plan: 'REGIONAL_OWNER', priceCents: 2500, currency: 'USD' }),
      expect.objectContaining({ plan: 'GALACTIC_CITIZEN', priceCents: 500, currency: 'USD' }),
    ]));
    const q = 'query($n: String!) { regionNameAvailability(name: $n) { name slug available reason issues { path message } } }';
    expect(dataOf(await gql<NameAvailability>(buyer.claims, q, { n: 'Fresh-Name' })).regionNameAvailability).toEqual({ name: 'Fresh-Name', slug: 'fresh-name', available: true, reason: null, issues: [] });
    const reserved = dataOf(await gql<NameAvailability>(buyer.claims, q, { n: 'nexus' })).regionNameAvailability;
    expect(reserved).toMatchObject({ available: false, reason: 'INVALID' });
    expect(reserved.issues.length).toBeGreaterThan(0);
    expect(dataOf(await gql<NameAvailability>(buyer.claims, q, { n: 'Central-Nexus' })).regionNameAvailability).toMatchObject({ available: false });
  });

  it('refuses bad purchases with stable codes and records nothing', async () => {
    const before = await tdb.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM billing_subscriptions`;
    expect(codeOf(await gql(null, CREATE, { input: { plan: 'REGIONAL_OWNER', regionName: 'anon-region' } }))).toBe('ERR_UNAUTHENTICATED');
    expect(codeOf(await gql(buyer.claims, CREATE, { input: { plan: 'REGIONAL_OWNER', regionName: 'x!' } }))).toBe('ERR_REGION_NAME_INVALID');
    expect(codeOf(await gql(buyer.claims, CREATE, { input: { plan: 'REGIONAL_OWNER' } }))).toBe('ERR_REGION_NAME_INVALID');
    expect(codeOf(await gql(buyer.claims, CREATE, { input: { plan: 'REGIONAL_OWNER', regionName: 'sized', sizeTier: 'gigantic' } }))).toBe('ERR_VALIDATION');
    expect(codeOf(await gql(buyer.claims, CREATE, { input: { plan: 'DIAMOND', regionName: 'sized' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await gql(buyer.claims, 'query { subscription(id: "I-NOPE") { id } }'))).toBe('ERR_SUBSCRIPTION_NOT_FOUND');
    expect(codeOf(await gql(null, '{ mySubscriptions { id } }'))).toBe('ERR_UNAUTHENTICATED');
    const after = await tdb.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM billing_subscriptions`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('createSubscription -> approve -> signed webhook through the mounted router -> region ready, owned; owner checks', async () => {
    const created = await gql<Created>(buyer.claims, CREATE, { input: { plan: 'REGIONAL_OWNER', regionName: 'Bought-Here' } });
    expect(created.errors).toBeUndefined();
    const { subscription: sub, approvalUrl } = dataOf(created).createSubscription;
    expect(sub).toMatchObject({ status: 'APPROVAL_PENDING', plan: 'REGIONAL_OWNER', regionName: 'bought-here', sizeTier: 'standard' });
    expect(sub.amount).toContain('25');
    expect(approvalUrl.startsWith(`${b.emulator.url}/approve/${sub.paypalSubscriptionId}`)).toBe(true);
    // The name is now held for this checkout: another buyer sees it taken.
    const held = await gql<{ regionNameAvailability: unknown }>(other.claims, 'query { regionNameAvailability(name: "bought-here") { available reason } }');
    expect(dataOf(held).regionNameAvailability).toEqual({ available: false, reason: 'TAKEN' });

    await approveSubscription(b.emulator, sub.paypalSubscriptionId);
    const ready = await waitFor('region ready', async () => {
      const [r] = await tdb.sql<{ id: string; runtime_state: string; status: string; owner_id: string | null; nexus_attach_completed_at: Date | null }[]>`SELECT id, runtime_state, status, owner_id, nexus_attach_completed_at FROM regions WHERE name = 'bought-here'`;
      if (r?.runtime_state === 'error') throw new Error('region went to error');
      return r?.runtime_state === 'ready' ? r : null;
    }, 120_000, 50);
    expect(ready).toMatchObject({ status: 'active', owner_id: buyer.playerId });
    expect(ready.nexus_attach_completed_at).not.toBeNull();
    // The webhook went through the orchestrator's own router: verified, accepted, applied, region created.
    expect(b.accepted.map((a) => a.event.event_type)).toContain('BILLING.SUBSCRIPTION.ACTIVATED');
    expect(b.processed.some((o) => o.kind === 'applied' && o.effects.includes(`region_created:${ready.id}`))).toBe(true);

    const mine = await gql<{ mySubscriptions: unknown[] }>(buyer.claims, '{ mySubscriptions { id status live region { id runtime { state } } } }');
    expect(mine.errors).toBeUndefined();
    expect(dataOf(mine).mySubscriptions).toContainEqual({ id: sub.id, status: 'ACTIVE', live: true, region: { id: ready.id, runtime: { state: 'READY' } } });
    const one = await gql<{ subscription: unknown }>(buyer.claims, 'query($id: ID!) { subscription(id: $id) { id paypalSubscriptionId status } }', { id: sub.paypalSubscriptionId });
    expect(dataOf(one).subscription).toEqual({ id: sub.id, paypalSubscriptionId: sub.paypalSubscriptionId, status: 'ACTIVE' });

    // Someone else may neither read nor cancel it; nothing changes.
    expect(codeOf(await gql(other.claims, 'query($id: ID!) { subscription(id: $id) { id } }', { id: sub.id }))).toBe('ERR_NOT_SUBSCRIPTION_OWNER');
    expect(codeOf(await gql(other.claims, 'mutation($id: ID!) { cancelSubscription(id: $id) { id } }', { id: sub.id }))).toBe('ERR_NOT_SUBSCRIPTION_OWNER');
    expect(dataOf(await gql<{ mySubscriptions: unknown[] }>(other.claims, '{ mySubscriptions { id } }')).mySubscriptions).toEqual([]);

    // The owner cancels: PayPal's CANCELLED webhook suspends the region; desired state stays running.
    const cancelled = await gql<{ cancelSubscription: unknown }>(buyer.claims, 'mutation($id: ID!) { cancelSubscription(id: $id, reason: "test") { id status } }', { id: sub.id });
    expect(dataOf(cancelled).cancelSubscription).toEqual({ id: sub.id, status: 'CANCELLED' });
    await b.settle();
    const [after] = await tdb.sql`SELECT status, subscription_status, desired_state FROM regions WHERE id = ${ready.id}`;
    expect(after).toEqual({ status: 'suspended', subscription_status: 'CANCELLED', desired_state: 'running' });
    expect(codeOf(await gql(buyer.claims, 'mutation($id: ID!) { cancelSubscription(id: $id) { id } }', { id: sub.id }))).toBe('ERR_SUBSCRIPTION_NOT_CANCELLABLE');
  });

  it('a region suspended by billing while still provisioning stays suspended when its runtime reaches ready', async () => {
    const c = unwrapBilling(await billingCommands.createSubscription(b.orch.billing.commandDeps, buyer.claims, { plan: 'regional_owner', regionName: 'suspended-early' }));
    let stateDuringHook: Record<string, unknown> | null = null;
    duringStackDeploy.set('suspended-early', async () => {
      // The buyer cancels while the reconciler is deploying the stack; the CANCELLED webhook lands now.
      unwrapBilling(await billingCommands.cancelSubscription(b.orch.billing.commandDeps, buyer.claims, { id: c.subscription.id }));
      await b.settle();
      const [r] = await tdb.sql`SELECT status, runtime_state FROM regions WHERE name = 'suspended-early'`;
      stateDuringHook = r ?? null;
    });
    await approveSubscription(b.emulator, c.subscription.paypalSubscriptionId);
    const ready = await waitFor('suspended-early ready', async () => {
      const [r] = await tdb.sql<{ id: string; runtime_state: string; status: string; subscription_status: string | null; suspended_at: Date | null }[]>`SELECT id, runtime_state, status, subscription_status, suspended_at FROM regions WHERE name = 'suspended-early'`;
      if (r?.runtime_state === 'error') throw new Error('region went to error');
      return r?.runtime_state === 'ready' ? r : null;
    }, 120_000, 50);
    expect(stateDuringHook).toEqual({ status: 'suspended', runtime_state: 'provisioning' });
    expect(ready).toMatchObject({ status: 'suspended', subscription_status: 'CANCELLED' });
    expect(ready.suspended_at).not.toBeNull();
    // Several reconcile / health cycles later it is still suspended.
    await new Promise((r) => setTimeout(r, 1_500));
    const [later] = await tdb.sql`SELECT status, runtime_state FROM regions WHERE id = ${ready.id}`;
    expect(later).toEqual({ status: 'suspended', runtime_state: 'ready' });
  });
});
