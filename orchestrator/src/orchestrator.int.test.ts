/**
 * End-to-end behaviour of one in-process orchestrator (process driver) against a fresh hub database:
 * provisioning to ready through REST, GraphQL with forwarded claims, events on Redis, scale, the
 * autoscaler, Nexus attach backoff, owner limits, termination with a verified backup.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeForwardedClaims, regionServerAuthHeaders, type Claims } from '@sw/auth';
import type { FormattedExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { channels, createRedisEventBus } from '@sw/events';
import { createTestDatabase, dataOf, errorCodes, postGraphql, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import type { ArchiveManifest } from './archive/archive-region.ts';
import type { RegionDetailBody, RegionListBody } from './api/rest-wire.ts';
import type { RuntimeView } from './api/runtime-view.ts';
import { startOrchestrator, type RunningOrchestrator } from './index.ts';
import { cleanupInstance, fetchJson, insertNexusFixture, restCall, userWithToken, waitFor } from './testing/fixtures.ts';
import type { RegionRuntimeMessage } from './store/region-events.ts';

/** Region-server bodies this file reads (region-server.ts answers them). */
interface WorldStatsBody { sectors: number; clusters: number; warps: number }
interface SectorBody { sectorNumber: number; warps: unknown; specialFeatures: unknown }
interface RegionRuntimeChanged { regionRuntimeChanged: { regionId: string; seq: number; event: { reason: string }; runtime: { spec: { maxPlayers: number } } } }

const instance = `orch-${randomUUID().slice(0, 8)}`;
const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
let tdb: TestDatabase<HubDb>;
let orch: RunningOrchestrator;
let admin: Awaited<ReturnType<typeof userWithToken>>;
let alice: Awaited<ReturnType<typeof userWithToken>>;
let bob: Awaited<ReturnType<typeof userWithToken>>;

const rest = <T = unknown>(method: string, p: string, token: string | null, body?: unknown) => restCall<T>(orch.url, method, p, token, body);

const gql = <T = unknown>(claims: Claims | null, query: string, variables: Record<string, unknown> = {}) => postGraphql<T>(orch.url, query, variables, claims);

const waitState = (name: string, states: string[], timeoutMs = 60_000) =>
  waitFor(`${name} in ${states.join('/')}`, async () => {
    const r = await rest<RegionDetailBody>('GET', `/regions/${name}`, admin.token);
    return states.includes(r.body.state) ? r.body : null;
  }, timeoutMs);

beforeAll(async () => {
  tdb = await createTestDatabase();
  admin = await userWithToken(tdb.sql, `admin_${instance}`, ['player', 'admin']);
  alice = await userWithToken(tdb.sql, `alice_${instance}`);
  bob = await userWithToken(tdb.sql, `bob_${instance}`);
  orch = await startOrchestrator({ port: 0, databaseUrl: tdb.url, instance, backupDir, resyncMs: 500, healthPeriodMs: 500, autoscaleIntervalMs: 3_600_000 });
});

afterAll(async () => {
  await orch?.stop();
  await cleanupInstance(tdb.url, instance);
  await tdb?.drop();
  rmSync(backupDir, { recursive: true, force: true });
});

describe('orchestrator', () => {
  it('retries the Nexus attach with backoff while no Nexus exists, then becomes ready', async () => {
    const r = await rest<RuntimeView>('POST', '/regions/provision', admin.token, { name: 'early-bird', owner_id: alice.playerId, seed: '7' });
    expect(r.status).toBe(202);
    expect(r.body.state).toBe('REQUESTED');
    const pending = await waitFor('attach failure', async () => {
      const x = await rest<RegionDetailBody>('GET', '/regions/early-bird', admin.token);
      const c = x.body.conditions.find((c) => c.type === 'NEXUS_REGISTERED');
      return c!.status === 'False' ? x.body : null;
    });
    expect(pending.state).toBe('PROVISIONING');
    const [row] = await tdb.sql<{ n: number; at: Date | null }[]>`SELECT nexus_attach_attempt_count AS n, nexus_attach_next_retry_at AS at FROM regions WHERE name = 'early-bird'`;
    expect(row!.n).toBeGreaterThanOrEqual(1);
    expect(row!.at).not.toBeNull();
    await insertNexusFixture(tdb.sql);
    const ready = await waitState('early-bird', ['READY']);
    expect(ready.conditions.every((c) => c.status === 'True')).toBe(true);
    const tunnels = await tdb.sql<{ idempotency_key: string; to_sector_id: number; tunnel_type: string }[]>`SELECT idempotency_key, to_sector_id, tunnel_type FROM warp_tunnels WHERE from_region_id = ${ready.regionId}`;
    expect(tunnels).toHaveLength(1);
    expect(tunnels[0]!.to_sector_id).toBe(2251);
    expect(tunnels[0]!.idempotency_key).toMatch(new RegExp(`^${ready.regionId}:\\d+$`));
  });

  it('provisions a standard region to ready with its world, events and a Redis notification', async () => {
    const bus = createRedisEventBus();
    const seen: RegionRuntimeMessage[] = [];
    try {
      const r = await rest<RuntimeView>('POST', '/regions/provision', admin.token, { name: 'Alpha-Prime', displayName: 'Alpha Prime', owner_id: alice.playerId, cpu: 1, memory: 2 });
      expect(r.status).toBe(202);
      const sub = bus.subscribe<RegionRuntimeMessage>(channels.regionRuntime(r.body.regionId));
      await sub.ready;
      const reader = (async () => {
        for await (const m of sub) {
          seen.push(m);
          if (m.state === 'ready') break;
        }
      })();
      const ready = await waitState('alpha-prime', ['READY']);
      await Promise.race([reader, new Promise((res) => setTimeout(res, 5_000))]);
      sub.close();
      expect(ready).toMatchObject({ name: 'alpha-prime', displayName: 'Alpha Prime', status: 'active', driver: 'process', observedGeneration: 1 });
      expect(ready.spec).toEqual({ cpu: 1, memoryGb: 2, storageGb: 20, maxPlayers: 100 });
      const stats = await fetchJson<WorldStatsBody>(`${ready.endpoint}/world/stats`, { headers: regionServerAuthHeaders(ready.regionId) });
      expect(stats.sectors).toBeGreaterThanOrEqual(800);
      expect(stats.sectors).toBeLessThanOrEqual(1200);
      expect(stats.sectors).toBe(ready.totalSectors);
      const [reg] = await tdb.sql<{ sector_id_start: number; sector_id_end: number; c: Record<string, { row_count: number; hash: string }> }[]>`SELECT sector_id_start, sector_id_end, generation_phase_checksums AS c FROM regions WHERE id = ${ready.regionId}`;
      expect(reg!.sector_id_end - reg!.sector_id_start + 1).toBe(stats.sectors);
      expect(reg!.c.sectors!.row_count).toBe(stats.sectors);
      expect(reg!.c.sector_warps!.row_count).toBe(stats.warps);
      expect(reg!.c.galaxy!.hash).toMatch(/^[0-9a-f]+$/);
      const reasons = ready.recentEvents.map((e) => e.reason).reverse();
      expect(reasons).toEqual(expect.arrayContaining(['ProvisionRequested', 'Provisioning', 'DatabaseReady', 'WorldWritten', 'StackStarted', 'SpokeLinked', 'EndpointPublished', 'Ready']));
      expect(seen.map((m) => m.event.reason)).toContain('Ready');
      expect(seen.every((m, i) => i === 0 || m.seq > seen[i - 1]!.seq)).toBe(true);
      // Sector ids of different regions never overlap.
      const blocks = await tdb.sql<{ s: number; e: number }[]>`SELECT sector_id_start s, sector_id_end e FROM regions WHERE sector_id_start IS NOT NULL ORDER BY 1`;
      for (let i = 1; i < blocks.length; i++) expect(blocks[i]!.s).toBeGreaterThan(blocks[i - 1]!.e);
      // Region-server world routes.
      const sector = await fetchJson<SectorBody>(`${ready.endpoint}/world/sectors/1`, { headers: regionServerAuthHeaders(ready.regionId) });
      expect(sector.sectorNumber).toBe(1);
      expect(Array.isArray(sector.warps)).toBe(true);
      expect(Array.isArray(sector.specialFeatures)).toBe(true);
      const clusters = await fetchJson<unknown[]>(`${ready.endpoint}/world/clusters`, { headers: regionServerAuthHeaders(ready.regionId) });
      expect(clusters.length).toBe(stats.clusters);
      const missing = await fetch(`${ready.endpoint}/world/sectors/99999`, { headers: regionServerAuthHeaders(ready.regionId) });
      expect(missing.status).toBe(404);
      const enter = await fetch(`${ready.endpoint}/presence`, { method: 'POST', headers: { 'content-type': 'application/json', ...regionServerAuthHeaders(ready.regionId) }, body: JSON.stringify({ playerId: alice.playerId, action: 'enter', sectorNumber: 1 }) });
      expect(await enter.json()).toMatchObject({ playersOnline: 1 });
      const bad = await fetch(`${ready.endpoint}/presence`, { method: 'POST', headers: { 'content-type': 'application/json', ...regionServerAuthHeaders(ready.regionId) }, body: JSON.stringify({ playerId: 'x', action: 'dance' }) });
      expect(bad.status).toBe(400);
      const metrics = await (await fetch(`${ready.endpoint}/metrics`, { headers: regionServerAuthHeaders(ready.regionId) })).text();
      expect(metrics).toContain('sw_region_players_online');
    } finally {
      await bus.close();
    }
  });

  it('enforces auth: no token 401, other player 403, owner may view', async () => {
    expect((await rest('GET', '/regions', null)).status).toBe(401);
    expect((await rest('GET', '/regions', 'garbage')).error?.code).toBe('ERR_INVALID_TOKEN');
    const other = await rest('GET', '/regions/alpha-prime', bob.token);
    expect(other.status).toBe(403);
    expect(other.error?.code).toBe('ERR_NOT_REGION_OWNER');
    expect((await rest('GET', '/regions/alpha-prime', alice.token)).status).toBe(200);
    expect((await rest<RegionListBody>('GET', '/regions', bob.token)).body.regions).toEqual([]);
    const prov = await rest('POST', '/regions/provision', alice.token, { name: 'sneaky' });
    expect(prov.error?.code).toBe('ERR_ADMIN_REQUIRED');
    expect((await rest('GET', '/regions/nope-nope', admin.token)).error?.code).toBe('ERR_REGION_NOT_FOUND');
  });

  it('rejects bad provision requests with stable codes and changes nothing', async () => {
    const before = await tdb.sql<{ n: number }[]>`SELECT count(*)::int n FROM regions`;
    const cases: Array<[unknown, string]> = [
      [{ name: 'x' }, 'ERR_REGION_NAME_INVALID'],
      [{ name: 'admin' }, 'ERR_REGION_NAME_INVALID'],
      [{ name: 'alpha-prime' }, 'ERR_REGION_NAME_TAKEN'],
      [{ name: 'big-one', cpu: 9, memory: 1 }, 'ERR_SCALE_OUT_OF_RANGE'],
      [{ name: 'tiered', size_tier: 'giga' }, 'ERR_VALIDATION'],
    ];
    for (const [body, code] of cases) expect((await rest('POST', '/regions/provision', admin.token, body)).error?.code).toBe(code);
    const big = await rest('POST', '/regions/provision', admin.token, { name: 'big-one', cpu: 9, memory: 1 });
    expect(big.error?.details).toMatchObject({ issues: [{ path: 'cpu' }, { path: 'memoryGb' }] });
    expect((await tdb.sql<{ n: number }[]>`SELECT count(*)::int n FROM regions`)[0]!.n).toBe(before[0]!.n);
  });

  it('limits an owner to 5 regions (ERR_REGION_LIMIT_REACHED)', async () => {
    const carol = await userWithToken(tdb.sql, `carol_${instance}`);
    for (let i = 0; i < 5; i++) {
      await tdb.sql`INSERT INTO regions (name, display_name, owner_id, total_sectors, runtime_state, desired_state) VALUES (${`carol-${i}`}, ${`carol-${i}`}, ${carol.playerId}, 1000, 'error', 'running')`;
    }
    const r = await rest('POST', '/regions/provision', admin.token, { name: 'carol-6', owner_id: carol.playerId });
    expect(r.status).toBe(409);
    expect(r.error?.code).toBe('ERR_REGION_LIMIT_REACHED');
    await tdb.sql`DELETE FROM regions WHERE owner_id = ${carol.playerId}`;
  });

  it('serves the subgraph: regionRuntime, fleet, scaleRegion with forwarded claims', async () => {
    const q = `query($id: ID!) { regionRuntime(regionId: $id) { state driver spec { cpu memoryGb } conditions { type status } recentEvents(limit: 3) { reason } } }`;
    const [row] = await tdb.sql<{ id: string }[]>`SELECT id FROM regions WHERE name = 'alpha-prime'`;
    const mine = dataOf(await gql<{ regionRuntime: { state: string; conditions: unknown[]; recentEvents: unknown[] } }>(alice.claims, q, { id: row!.id }));
    expect(mine.regionRuntime.state).toBe('READY');
    expect(mine.regionRuntime.conditions).toHaveLength(6);
    expect(mine.regionRuntime.recentEvents).toHaveLength(3);
    const theirs = await gql(bob.claims, q, { id: row!.id });
    expect(errorCodes(theirs)[0]).toBe('ERR_NOT_REGION_OWNER');
    const fleet = dataOf(await gql<{ fleet: { liveRegions: number } }>(admin.claims, `{ fleet { totalRegions liveRegions softTarget utilization alert } }`));
    expect(fleet.fleet).toMatchObject({ softTarget: 50, alert: false });
    expect(fleet.fleet.liveRegions).toBeGreaterThanOrEqual(2);
    expect(errorCodes(await gql(alice.claims, `{ fleet { totalRegions } }`))[0]).toBe('ERR_ADMIN_REQUIRED');
    const bad = await gql(alice.claims, `mutation($id: ID!) { scaleRegion(regionId: $id, input: { cpu: 0.3, memoryGb: 99 }) { specGeneration } }`, { id: row!.id });
    expect(errorCodes(bad)[0]).toBe('ERR_SCALE_OUT_OF_RANGE');
    const ok = await gql<{ scaleRegion: unknown }>(alice.claims, `mutation($id: ID!) { scaleRegion(regionId: $id, input: { cpu: 1.5, memoryGb: 3 }) { specGeneration spec { cpu memoryGb } } }`, { id: row!.id });
    expect(dataOf(ok).scaleRegion).toEqual({ specGeneration: 2, spec: { cpu: 1.5, memoryGb: 3 } });
    const applied = await waitFor('spec applied', async () => {
      const x = await rest<RegionDetailBody>('GET', '/regions/alpha-prime', admin.token);
      return x.body.observedGeneration === 2 ? x.body : null;
    });
    expect(applied.recentEvents.map((e) => e.reason)).toContain('SpecApplied');
    const [obs] = await tdb.sql<{ o: { pendingLimits?: unknown } }[]>`SELECT runtime_observed o FROM regions WHERE id = ${row!.id}`;
    expect(obs!.o.pendingLimits).toMatchObject({ cpu: 1.5, memoryGb: 3, generation: 2 });
  });

  it('streams regionRuntimeChanged over graphql-ws to the owner', async () => {
    const [row] = await tdb.sql<{ id: string }[]>`SELECT id FROM regions WHERE name = 'alpha-prime'`;
    const client = createClient({ url: `${orch.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: encodeForwardedClaims(alice.claims), retryAttempts: 0 });
    try {
      const got: FormattedExecutionResult<RegionRuntimeChanged, unknown>[] = [];
      const done = new Promise<void>((resolve, reject) => {
        const unsubscribe = client.subscribe<RegionRuntimeChanged>(
          { query: `subscription($id: ID!) { regionRuntimeChanged(regionId: $id) { regionId seq event { reason } runtime { spec { maxPlayers } } } }`, variables: { id: row!.id } },
          {
            next: (v) => {
              got.push(v);
              if (v.data?.regionRuntimeChanged?.event?.reason === 'ScaleRequested') {
                unsubscribe();
                resolve();
              }
            },
            error: reject,
            complete: () => resolve(),
          },
        );
      });
      await new Promise((r) => setTimeout(r, 500)); // let the Redis subscription become active
      expect((await rest('POST', '/regions/alpha-prime/scale', alice.token, { maxPlayers: 250 })).status).toBe(200);
      await Promise.race([done, new Promise((_, rej) => setTimeout(() => rej(new Error('no subscription event')), 10_000))]);
      const last = dataOf(got.at(-1)!).regionRuntimeChanged;
      expect(last.regionId).toBe(row!.id);
      expect(last.seq).toBeGreaterThan(0);
      expect(last.runtime.spec.maxPlayers).toBe(250);
      const bobClient = createClient({ url: `${orch.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: encodeForwardedClaims(bob.claims), retryAttempts: 0 });
      const bobResult = await new Promise<unknown>((resolve) => {
        bobClient.subscribe({ query: `subscription($id: ID!) { regionRuntimeChanged(regionId: $id) { seq } }`, variables: { id: row!.id } }, { next: resolve, error: resolve, complete: () => resolve(null) });
      });
      await bobClient.dispose();
      expect(JSON.stringify(bobResult)).toContain('ERR_NOT_REGION_OWNER');
    } finally {
      await client.dispose();
    }
  });

  it('the autoscaler records a fail-static hold for a region without samples', async () => {
    const decisions = await orch.autoscaler.tick();
    expect(decisions.length).toBeGreaterThanOrEqual(1);
    expect(decisions.every((d) => d.decision.action === 'hold' && d.decision.reason === 'metrics_missing')).toBe(true);
    const rows = await tdb.sql`SELECT action, reason FROM autoscale_decisions`;
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows[0]).toMatchObject({ action: 'hold', reason: 'metrics_missing' });
  });

  it('terminate starts a 30-day notice that can be cancelled', async () => {
    const t = await rest<RuntimeView>('DELETE', '/regions/alpha-prime?confirm=true', alice.token);
    expect(t.status).toBe(200);
    const days = (Date.parse(t.body.evacuationDeadlineAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    await waitState('alpha-prime', ['DRAINING']);
    expect((await rest('DELETE', '/regions/alpha-prime?confirm=true&immediate=true', alice.token)).error?.code).toBe('ERR_ADMIN_REQUIRED');
    expect((await rest('DELETE', '/regions/alpha-prime', alice.token)).error?.code).toBe('ERR_VALIDATION');
    expect((await rest('POST', '/regions/alpha-prime/cancel-termination', alice.token)).status).toBe(200);
    const back = await waitState('alpha-prime', ['READY']);
    expect(back.evacuationDeadlineAt).toBeNull();
    expect((await rest('POST', '/regions/alpha-prime/cancel-termination', alice.token)).error?.code).toBe('ERR_TERMINATION_NOT_PENDING');
  });

  it('immediate termination archives a verified backup, then removes process, database and role', async () => {
    const before = await rest<RegionDetailBody>('GET', '/regions/alpha-prime', admin.token);
    const pid = (await tdb.sql<{ pid: string | null }[]>`SELECT runtime_observed->>'pid' AS pid FROM regions WHERE name = 'alpha-prime'`)[0]!.pid;
    const [dbrec] = await tdb.sql<{ db_name: string }[]>`SELECT db_name FROM region_databases WHERE region_id = ${before.body.regionId}`;
    const t = await rest('DELETE', '/regions/alpha-prime?confirm=true&immediate=true', admin.token);
    expect(t.status).toBe(200);
    const done = await waitState('alpha-prime', ['ARCHIVED'], 90_000);
    expect(done.status).toBe('terminated');
    expect(done.backupUri).toMatch(/^file:\/\//);
    const dumpFile = done.backupUri!.slice('file://'.length);
    const manifest = JSON.parse(readFileSync(path.join(path.dirname(dumpFile), 'manifest.json'), 'utf8')) as ArchiveManifest;
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.verified.tables.sectors).toBe(before.body.totalSectors);
    expect(existsSync(dumpFile)).toBe(true);
    const [dbs] = await tdb.sql<{ n: number }[]>`SELECT count(*)::int n FROM pg_database WHERE datname = ${dbrec!.db_name}`;
    expect(dbs!.n).toBe(0);
    const [roles] = await tdb.sql<{ n: number }[]>`SELECT count(*)::int n FROM pg_roles WHERE rolname = ${dbrec!.db_name}`;
    expect(roles!.n).toBe(0);
    expect(() => process.kill(Number(pid), 0)).toThrow();
    const reasons = (await tdb.sql<{ reason: string }[]>`SELECT reason FROM region_events WHERE region_id_snapshot = ${before.body.regionId}`).map((r) => r.reason);
    expect(reasons).toEqual(expect.arrayContaining(['TerminationRequested', 'Draining', 'Archiving', 'BackupVerified', 'Archived']));
    const [tun] = await tdb.sql<{ status: string }[]>`SELECT status FROM warp_tunnels WHERE from_region_id = ${before.body.regionId}`;
    expect(tun?.status ?? 'none').not.toBe('active');
  });

  it('Prometheus metrics expose the fleet gauges', async () => {
    const text = await (await fetch(`${orch.url}/metrics`)).text();
    expect(text).toMatch(/sw_fleet_live_regions(\{[^}]*\})? \d+/);
    expect(text).toMatch(/sw_fleet_alert(\{[^}]*\})? 0/);
  });
});
