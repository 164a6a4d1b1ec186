/**
 * THE permission grid (docs/decisions/permissions.md): every Mutation and Subscription field of the composed
 * supergraph, plus every query path that exposes private data, called as every role (anonymous, player, visitor,
 * resident, citizen, councillor, governor, owner, admin) against one fixture region, on the real subgraphs with
 * gateway-signed claims. A role the rule names must not be refused for who it is (no REFUSAL_CODES code; business
 * errors such as ERR_NEXUS_EXISTS are fine); every other role must get a refusal code — or, for a private entity
 * field that strangers see as null, null. A field without a rule fails before anything is called.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { GRID_ROLES, REFUSAL_CODES } from '@sw/auth';
import { ADMIN_SCOPES, type AdminScope } from '@sw/domain';
import { createRedisEventBus, type EventBus } from '@sw/events';
import { buildGridFixture, createTestDatabase, createTestRedisPrefix, dataOf, postGraphql, type GridFixture, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { startGovernanceSubgraph } from '@sw/subgraph-governance';
import { startNexusSubgraph } from '@sw/subgraph-nexus';
import { startRegionSubgraph } from '@sw/subgraph-region';
import { startOrchestrator } from '@sw/orchestrator';
import { SUPERGRAPH_PATH } from '../subgraph-list.ts';
import { collectRules } from './all-rules.ts';
import { planGrid } from './grid-plan.ts';
import { HIDDEN, runGridCall, type GridOutcome } from './grid-runner.ts';

const HOUR = 3_600_000;
const instance = `grid-${randomUUID().slice(0, 8)}`;
const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
const { rules, args, duplicates } = collectRules();
const plan = planGrid(readFileSync(SUPERGRAPH_PATH, 'utf8'), rules);

let t: TestDatabase<HubDb>;
let bus: EventBus;
let fx: GridFixture;
const stops: (() => Promise<void>)[] = [];
const urls: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  fx = await buildGridFixture(t.db, t.sql);
  const prefix = createTestRedisPrefix('grid');
  bus = createRedisEventBus({ prefix });
  // No governance sweeps during the run: the grid's subjects must stay exactly as their factories made them.
  const governance = await startGovernanceSubgraph({ port: 0, databaseUrl: t.url, eventsPrefix: prefix, runJobs: false, dbPoolSize: 3 });
  const nexus = await startNexusSubgraph({ port: 0, databaseUrl: t.url, eventsPrefix: prefix, dbPoolSize: 3 });
  const region = await startRegionSubgraph({ port: 0, databaseUrl: t.url, dbPoolSize: 3 });
  const orchestrator = await startOrchestrator({
    port: 0,
    databaseUrl: t.url,
    instance,
    bus,
    backupDir,
    resyncMs: HOUR,
    healthPeriodMs: HOUR,
    autoscaleIntervalMs: HOUR,
    orphanSweepMs: HOUR,
    billingSweepMs: HOUR,
    // No PayPal here: an allowed billing call fails with ERR_PAYPAL_UNAVAILABLE after its permission check.
    billingEnv: { PAYPAL_API_BASE: 'http://127.0.0.1:9' },
  });
  Object.assign(urls, { governance: governance.url, nexus: nexus.url, region: region.url, orchestrator: orchestrator.url });
  stops.push(() => orchestrator.stop(), () => region.stop(), () => nexus.stop(), () => governance.stop());
}, 120_000);

afterAll(async () => {
  for (const stop of stops) await stop().catch(() => undefined);
  await bus?.close();
  await t?.drop();
  rmSync(backupDir, { recursive: true, force: true });
});

describe('permission grid', () => {
  it('covers every Mutation and Subscription field with exactly one rule', () => {
    expect([...duplicates, ...plan.problems]).toEqual([]);
  });

  it('calls every entry as every role: named roles are not refused, the others get a refusal code', async () => {
    const wrong: string[] = [];
    const table: string[] = [];
    let calls = 0;
    for (const entry of plan.entries) {
      const row: string[] = [];
      for (const role of GRID_ROLES) {
        const outcome: GridOutcome = await runGridCall(entry, role, fx, args, urls);
        calls++;
        const refused = outcome.code !== null && (REFUSAL_CODES.includes(outcome.code) || outcome.code === HIDDEN);
        const allowed = entry.allowed.includes(role);
        if (allowed && refused) wrong.push(`${entry.key} as ${role}: refused with ${outcome.code} (${outcome.message ?? ''})`);
        if (!allowed && !refused) wrong.push(`${entry.key} as ${role}: expected a refusal, got ${outcome.code ?? 'success'} (${outcome.message ?? ''})`);
        row.push(`${role}=${outcome.code ?? 'ok'}`);
      }
      table.push(`${entry.key}: ${row.join(' ')}`);
    }
    if (wrong.length || process.env.GRID_PRINT) console.error(table.join('\n'));
    expect(wrong).toEqual([]);
    // Every entry was really called as every role: nothing is skipped or "pending".
    expect(calls).toBe(plan.entries.length * GRID_ROLES.length);
    expect(plan.entries.length).toBe(Object.keys(rules).length);
  });

  it('refuses an admin without the scope an entry needs, like a player (the grid\'s admin holds every scope)', async () => {
    const needs: Record<string, AdminScope> = {
      'Query.subscription': 'billing:view',
      'Mutation.cancelSubscription': 'billing:view',
      'Query.fleet': 'fleet:manage',
      'Query.regionMetricsRange': 'fleet:manage',
      'Mutation.provisionRegion': 'fleet:manage',
      'Mutation.hibernateRegion': 'fleet:manage',
      'Mutation.wakeRegion': 'fleet:manage',
      'Mutation.resurrectRegion': 'fleet:manage',
      'Mutation.generateNexus': 'galaxy:manage',
      'Query.auditLog': 'audit:view',
    };
    const wrong: string[] = [];
    for (const [key, scope] of Object.entries(needs)) {
      const entry = plan.entries.find((e) => e.key === key);
      if (!entry) {
        wrong.push(`${key}: not in the plan`);
        continue;
      }
      const admin = fx.claimsOf('admin')!;
      const unscoped: GridFixture = { ...fx, claimsOf: (role) => (role === 'admin' ? { ...admin, scopes: ADMIN_SCOPES.filter((s) => s !== scope) } : fx.claimsOf(role)) };
      const outcome = await runGridCall(entry, 'admin', unscoped, args, urls);
      if (outcome.code === null || !REFUSAL_CODES.includes(outcome.code)) wrong.push(`${key} without ${scope}: ${outcome.code ?? 'success'} (${outcome.message ?? ''})`);
    }
    expect(wrong).toEqual([]);
  });

  it('shows the fleet\'s billing figures only to an admin with billing:view (fleet:manage alone reads null)', async () => {
    type FleetBillingAnswer = { fleet: { totalRegions: number; billing: { activeSubscriptions: number } | null } };
    const query = '{ fleet { totalRegions billing { activeSubscriptions } } }';
    const admin = fx.claimsOf('admin')!;
    const full = await postGraphql<FleetBillingAnswer>(urls.orchestrator!, query, {}, admin);
    expect(dataOf(full).fleet.billing?.activeSubscriptions).toBeGreaterThanOrEqual(1);
    const fleetOnly = await postGraphql<FleetBillingAnswer>(urls.orchestrator!, query, {}, { ...admin, scopes: ['fleet:manage'] });
    expect(fleetOnly.errors).toBeUndefined();
    expect(dataOf(fleetOnly).fleet).toEqual({ totalRegions: dataOf(full).fleet.totalRegions, billing: null });
  });

  it('left an audit row for every admin / owner mutation it made, with who, what, target and result', async () => {
    const rows = await t.sql<{ action: string; result: string; actor_username: string | null; region_id: string | null; error_code: string | null }[]>`
      SELECT action, result, actor_username, region_id::text, error_code FROM audit_log`;
    const has = (action: string, result: string, username?: string) =>
      rows.some((r) => r.action === action && r.result === result && (username === undefined || r.actor_username === username));
    const owner = fx.claimsOf('owner')!.username;
    const admin = fx.claimsOf('admin')!.username;
    const player = fx.claimsOf('player')!.username;
    expect(has('orchestrator.scaleRegion', 'failed', owner)).toBe(true); // terminated region: ERR_VALIDATION
    expect(has('orchestrator.scaleRegion', 'denied', player)).toBe(true);
    expect(has('orchestrator.terminateRegion', 'ok', owner)).toBe(true);
    expect(has('orchestrator.provisionRegion', 'failed', admin)).toBe(true);
    expect(has('nexus.generateNexus', 'failed', admin)).toBe(true); // ERR_NEXUS_EXISTS
    expect(has('nexus.generateNexus', 'denied', player)).toBe(true);
    expect(has('nexus.regenerateCluster', 'failed', admin)).toBe(true);
    expect(has('governance.mintInvite', 'ok', owner)).toBe(true);
    expect(has('governance.revokeInvite', 'ok', owner)).toBe(true);
    expect(rows.find((r) => r.action === 'orchestrator.terminateRegion' && r.result === 'ok')?.region_id).toBe(fx.regionId);
    expect(rows.find((r) => r.action === 'nexus.generateNexus' && r.result === 'failed')?.error_code).toBe('ERR_NEXUS_EXISTS');
    // Every subgraph stores details as a JSON object (not a JSON string holding one).
    expect(await t.sql`SELECT action FROM audit_log WHERE jsonb_typeof(details) <> 'object'`).toEqual([]);
  });
});
