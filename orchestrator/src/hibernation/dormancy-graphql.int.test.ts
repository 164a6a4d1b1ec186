/**
 * The fleet's dormancy mutations through the orchestrator's GraphQL API (docs/rules/hibernation.md "Operator
 * commands"), on the process driver with a real region:
 * - hibernateRegion / wakeRegion / resurrectRegion carry the region through HIBERNATED → READY → TOMBSTONED → READY,
 *   each writing one audit_log row with the actor, the region and from → to;
 * - every refusal has its stable code and changes nothing: unknown region (ERR_REGION_NOT_FOUND), wake of a READY
 *   region (ERR_REGION_NOT_DORMANT), resurrect of a non-tombstoned one and wake of a gone one
 *   (ERR_REGION_NOT_WAKEABLE), hibernate of a tombstoned one (ERR_REGION_NOT_HIBERNATABLE);
 * - a player (even the owner) and an admin without fleet:manage are refused (ERR_ADMIN_REQUIRED), audited `denied`;
 * - capacity (fleetCapacity): the hibernated region keeps its place in Fleet.activeRegions, the tombstoned one frees it.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '@sw/auth';
import { createTestDatabase, dataOf, errorCodes, insertRegion, postGraphql, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { REPO_ROOT } from '../config.ts';
import { createProcessDriver } from '../drivers/process/process-driver.ts';
import { findLabelledProcesses } from '../drivers/process/proc-fs.ts';
import type { FleetMetricsBody } from '../api/rest-wire.ts';
import type { RuntimeView } from '../api/runtime-view.ts';
import { startOrchestrator, type RunningOrchestrator } from '../index.ts';
import { cleanupInstance, insertNexusFixture, restCall, userWithToken, waitFor } from '../testing/fixtures.ts';

const instance = `dorm-${randomUUID().slice(0, 8)}`;
const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
const NAME = 'dormant-dell';
let tdb: TestDatabase<HubDb>;
let orch: RunningOrchestrator;
let admin: Awaited<ReturnType<typeof userWithToken>>;
let owner: Awaited<ReturnType<typeof userWithToken>>;
let regionId: string;

const gql = <T = unknown>(claims: Claims | null, query: string, variables: Record<string, unknown> = {}) => postGraphql<T>(orch.url, query, variables, claims);
const MUTATION = { hibernate: 'hibernateRegion', wake: 'wakeRegion', resurrect: 'resurrectRegion' } as const;
const call = (claims: Claims, cmd: keyof typeof MUTATION, id: string) =>
  gql<Record<string, { regionId: string; state: string }>>(claims, `mutation($id: ID!) { ${MUTATION[cmd]}(regionId: $id) { regionId state } }`, { id });
const state = async (id = regionId) => (await tdb.sql<{ s: string }[]>`SELECT runtime_state AS s FROM regions WHERE id = ${id}`)[0]!.s;
const processes = () => findLabelledProcesses({ 'sw-instance': instance, 'sw-region-id': regionId });
const fleet = async () => dataOf(await gql<{ fleet: { activeRegions: number; liveRegions: number; utilization: number } }>(admin.claims, '{ fleet { activeRegions liveRegions utilization } }')).fleet;
const auditRows = (action: string) =>
  tdb.sql<{ actor: string | null; region: string | null; result: string; code: string | null; details: Record<string, unknown> }[]>`
    SELECT actor_user_id AS actor, region_id AS region, result, error_code AS code, details FROM audit_log WHERE action = ${action} ORDER BY at`;

/** One refusal: the stable code, nothing changed (state), and a `failed` / `denied` audit row with that code. */
async function expectRefused(claims: Claims, cmd: keyof typeof MUTATION, id: string, code: string, result: 'failed' | 'denied' = 'failed') {
  const before = await tdb.sql<{ s: string }[]>`SELECT runtime_state AS s FROM regions WHERE id = ${id}`;
  const rowsBefore = (await auditRows(`orchestrator.${MUTATION[cmd]}`)).length;
  const res = await call(claims, cmd, id);
  expect(errorCodes(res), `${cmd} ${id}`).toEqual([code]);
  expect(await tdb.sql<{ s: string }[]>`SELECT runtime_state AS s FROM regions WHERE id = ${id}`).toEqual(before);
  const rows = await auditRows(`orchestrator.${MUTATION[cmd]}`);
  expect(rows).toHaveLength(rowsBefore + 1);
  expect(rows.at(-1)).toMatchObject({ result, code });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await insertNexusFixture(tdb.sql);
  admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
  owner = await userWithToken(tdb.sql, `owner_${instance}`);
  const driver = createProcessDriver({ hubUrl: tdb.url, instance, stateDir: path.join(REPO_ROOT, 'var', 'region-runtime') });
  orch = await startOrchestrator({ port: 0, databaseUrl: tdb.url, instance, backupDir, driver, resyncMs: 60_000, healthPeriodMs: 500, autoscaleIntervalMs: 3_600_000, idleMinutes: 30, hibernationJobs: false });
  const r = await restCall<RuntimeView>(orch.url, 'POST', '/regions/provision', admin.token, { name: NAME, owner_id: owner.playerId, seed: '12' });
  expect(r.status).toBe(202);
  regionId = r.body.regionId;
  await waitFor(`${NAME} ready`, async () => (await state()) === 'ready', 120_000);
}, 180_000);

afterAll(async () => {
  await orch?.stop();
  await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
  rmSync(backupDir, { recursive: true, force: true });
});

describe('fleet dormancy mutations (GraphQL, fleet:manage)', () => {
  it('refuses a player, the owner and an admin without fleet:manage (ERR_ADMIN_REQUIRED), nothing changed', async () => {
    const unscoped: Claims = { ...admin.claims, scopes: admin.claims.scopes.filter((s) => s !== 'fleet:manage') };
    for (const cmd of ['hibernate', 'wake', 'resurrect'] as const) {
      await expectRefused(owner.claims, cmd, regionId, 'ERR_ADMIN_REQUIRED', 'denied');
      await expectRefused(unscoped, cmd, regionId, 'ERR_ADMIN_REQUIRED', 'denied');
    }
    expect(processes()).toHaveLength(1);
  });

  it('unknown region → ERR_REGION_NOT_FOUND; wake / resurrect of a READY region → ERR_REGION_NOT_DORMANT / ERR_REGION_NOT_WAKEABLE', async () => {
    for (const cmd of ['hibernate', 'wake', 'resurrect'] as const) await expectRefused(admin.claims, cmd, randomUUID(), 'ERR_REGION_NOT_FOUND');
    await expectRefused(admin.claims, 'wake', regionId, 'ERR_REGION_NOT_DORMANT');
    await expectRefused(admin.claims, 'resurrect', regionId, 'ERR_REGION_NOT_WAKEABLE');
    const gone = await insertRegion(tdb.db, { runtimeState: 'archived', ownerId: owner.playerId });
    await expectRefused(admin.claims, 'wake', gone.id, 'ERR_REGION_NOT_WAKEABLE');
    await expectRefused(admin.claims, 'hibernate', gone.id, 'ERR_REGION_NOT_HIBERNATABLE');
    expect(await state()).toBe('ready');
  });

  it('hibernateRegion → HIBERNATED (no process, still an active region); wakeRegion → READY; both audited from → to', async () => {
    const before = await fleet();
    const h = await call(admin.claims, 'hibernate', regionId);
    expect(h.errors).toBeUndefined();
    expect(dataOf(h).hibernateRegion).toEqual({ regionId, state: 'HIBERNATED' });
    expect(processes()).toEqual([]);
    const asleep = await fleet();
    expect(asleep.activeRegions).toBe(before.activeRegions); // a hibernated region keeps its place
    expect(asleep.liveRegions).toBe(before.liveRegions - 1);
    expect((await auditRows('orchestrator.hibernateRegion')).at(-1)).toMatchObject({ actor: admin.userId, region: regionId, result: 'ok', code: null, details: { via: 'graphql', from: 'ready', to: 'hibernated', state: 'hibernated' } });
    await expectRefused(admin.claims, 'hibernate', regionId, 'ERR_REGION_NOT_HIBERNATABLE');
    await expectRefused(admin.claims, 'resurrect', regionId, 'ERR_REGION_NOT_WAKEABLE');

    const w = await call(admin.claims, 'wake', regionId);
    expect(w.errors).toBeUndefined();
    expect(['HIBERNATED', 'WAKING', 'READY']).toContain(dataOf(w).wakeRegion!.state);
    await waitFor('woken', async () => (await state()) === 'ready', 15_000, 50);
    expect(processes()).toHaveLength(1);
    expect((await auditRows('orchestrator.wakeRegion')).at(-1)).toMatchObject({ actor: admin.userId, region: regionId, result: 'ok', details: { via: 'graphql', from: 'hibernated', to: 'ready' } });
  });

  it('a tombstoned region leaves the active count; hibernate refuses it; resurrectRegion brings it back, audited', async () => {
    expect(dataOf(await call(admin.claims, 'hibernate', regionId)).hibernateRegion!.state).toBe('HIBERNATED');
    const hibernated = await fleet();
    await tdb.sql`UPDATE regions SET created_at = now() - interval '1 year', last_activity_at = now() - interval '7 months' WHERE id = ${regionId}`;
    expect((await orch.hibernation.runArchivalSweep()).tombstoned).toEqual([regionId]);
    const tomb = await fleet();
    expect(tomb.activeRegions).toBe(hibernated.activeRegions - 1); // the slot is free again
    expect(tomb.liveRegions).toBe(hibernated.liveRegions);
    const metrics = await restCall<FleetMetricsBody>(orch.url, 'GET', '/api/v1/region-manager/metrics', admin.token);
    expect(metrics.body).toMatchObject({ activeRegions: tomb.activeRegions, liveRegions: tomb.liveRegions, utilization: tomb.utilization });

    await expectRefused(admin.claims, 'hibernate', regionId, 'ERR_REGION_NOT_HIBERNATABLE');
    const r = await call(admin.claims, 'resurrect', regionId);
    expect(r.errors).toBeUndefined();
    await waitFor('resurrected', async () => (await state()) === 'ready', 15_000, 50);
    expect(processes()).toHaveLength(1);
    expect((await tdb.sql<{ s: string }[]>`SELECT status AS s FROM warp_tunnels WHERE from_region_id = ${regionId}`).map((x) => x.s)).toEqual(['active']);
    expect((await fleet()).activeRegions).toBe(hibernated.activeRegions);
    expect((await auditRows('orchestrator.resurrectRegion')).at(-1)).toMatchObject({ actor: admin.userId, region: regionId, result: 'ok', details: { via: 'graphql', from: 'tombstoned', to: 'ready' } });
  });
});
