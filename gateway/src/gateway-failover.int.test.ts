/**
 * Three gateway processes behind nginx, built from the launcher's own GATEWAY_REPLICAS service specs
 * (packages/launcher/src/service-table.ts, gateway-nginx.ts), over the real orchestrator and region subgraphs, a fresh hub
 * database and Redis. Six users with five tabs each watch one region's `regionRuntimeChanged` (a fifo stream) while the
 * orchestrator's store records events continuously; one gateway is SIGKILLed mid-stream.
 *
 * "No lost FIFO events" across the kill means, for every client: the seqs it delivered to its application are exactly
 * the region's event log (region_events of that region, ascending) from the first seq it delivered up to the last event
 * recorded — no gap, no duplicate, no reordering — although its socket died and its next one landed on another gateway.
 * The client gets there by the resync rule (docs/rules/subscription-resync.md): hold the new subscription's events,
 * fetch `eventsAfter(lastDelivered)` once the first one arrived, deliver both deduplicated by seq.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { signAccessToken } from '@sw/auth';
import { DEV_INTERNAL_SECRET } from '@sw/config';
import { createRedisEventBus, type EventBus } from '@sw/events';
import { createTestDatabase, createTestRedisPrefix, freePort, insertRegion, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { recordRegionEvent, startOrchestrator } from '@sw/orchestrator';
import { startRegionSubgraph } from '@sw/subgraph-region';
import { REPO_ROOT, gatewayServices, spawnService, waitForHealthy, type ServiceSpec } from '@sw/launcher';
import { ResyncingClient } from './__fixtures__/resyncing-client.ts';

const JWT_SECRET = `failover-jwt-${randomUUID()}`;
const instance = `gwfail-${randomUUID().slice(0, 8)}`;
const HOUR = 3_600_000;
const USERS = 6;
const TABS = 5;

let t: TestDatabase<HubDb>;
let bus: EventBus;
let orch: Awaited<ReturnType<typeof startOrchestrator>>;
let region: Awaited<ReturnType<typeof startRegionSubgraph>>;
let regionId: string;
let nginxDir: string;
let backupDir: string;
let specs: ServiceSpec[];
const procs = new Map<string, ChildProcess>();
let publicUrl: string;

/** One gauge / counter value from a gateway's /metrics (summed over label sets). */
async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) sum += Number(line.split(' ').pop());
  return sum;
}

const replicas = () => specs.filter((s) => s.id.startsWith('gateway-'));
const alive = () => replicas().filter((s) => procs.get(s.id)?.exitCode === null && procs.get(s.id)?.signalCode === null);

beforeAll(async () => {
  t = await createTestDatabase();
  regionId = (await insertRegion(t.db, { name: `failover-${instance}`, desiredState: 'terminated', runtimeState: 'terminated' })).id;
  bus = createRedisEventBus({ prefix: createTestRedisPrefix('gw-failover') });
  backupDir = mkdtempSync(path.join(os.tmpdir(), 'sw-backups-'));
  orch = await startOrchestrator({
    port: 0, databaseUrl: t.url, instance, bus, backupDir, resyncMs: HOUR, healthPeriodMs: HOUR, autoscaleIntervalMs: HOUR, orphanSweepMs: HOUR,
  });
  region = await startRegionSubgraph({ port: 0, databaseUrl: t.url, dbPoolSize: 2 });

  nginxDir = mkdtempSync(path.join(os.tmpdir(), 'sw-nginx-'));
  const publicPort = await freePort();
  const ports = [await freePort(), await freePort(), await freePort()];
  specs = gatewayServices(
    {
      name: 'gateway',
      args: ['gateway/src/server.ts'],
      cwd: REPO_ROOT,
      port: publicPort,
      healthPath: '/health',
      env: { ORCHESTRATOR_URL: orch.url, REGION_URL: region.url, NEXUS_URL: 'http://127.0.0.1:9', GOVERNANCE_URL: 'http://127.0.0.1:9' },
    },
    { replicas: 3, replicaPorts: ports, prefix: nginxDir, listenHost: '127.0.0.1' },
  );
  const env = { ...process.env, JWT_SECRET, INTERNAL_CLAIMS_SECRET: DEV_INTERNAL_SECRET, LOG_LEVEL: 'warn', DEV_LOGIN: 'false' };
  // nginx after the gateways answer: a gateway it finds down while starting would sit out fail_timeout (5 s) and skew
  // the round-robin count below.
  const start = async (group: ServiceSpec[]) => {
    for (const spec of group) procs.set(spec.id, spawnService(spec, env, ['ignore', 'ignore', 'inherit']));
    await waitForHealthy(group, { timeoutMs: 120_000 });
  };
  await start(specs.filter((s) => s.id !== 'nginx'));
  await start(specs.filter((s) => s.id === 'nginx'));
  publicUrl = `http://127.0.0.1:${publicPort}/graphql`;
}, 180_000);

afterAll(async () => {
  await Promise.all(
    [...procs.values()].map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.exitCode !== null || p.signalCode !== null) return resolve();
          const force = setTimeout(() => p.kill('SIGKILL'), 5000);
          p.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          p.kill('SIGTERM');
        }),
    ),
  );
  await region?.stop();
  await orch?.stop();
  await bus?.close();
  await t?.drop();
  if (nginxDir) rmSync(nginxDir, { recursive: true, force: true });
  if (backupDir) rmSync(backupDir, { recursive: true, force: true });
});

describe('gateways behind nginx', () => {
  it('spreads queries round-robin over every gateway', async () => {
    const before = await Promise.all(replicas().map((s) => metric(s.port, 'sw_gateway_graphql_request_duration_seconds_count')));
    for (let i = 0; i < 30; i++) {
      const res = await fetch(publicUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(res.status).toBe(200);
      await res.body?.cancel();
    }
    const after = await Promise.all(replicas().map((s) => metric(s.port, 'sw_gateway_graphql_request_duration_seconds_count')));
    expect(after.map((a, i) => a - before[i]!)).toEqual([10, 10, 10]);
  });

  it('keeps every socket of a user on one gateway, and after one is killed its clients resync on another without losing an event', async () => {
    const tokens = await Promise.all(
      Array.from({ length: USERS }, (_, u) =>
        signAccessToken({ sub: `user-${u}`, username: `user${u}`, playerId: null, roles: ['player', 'admin'], scopes: ['fleet:manage'] }, { secret: JWT_SECRET, ttlSeconds: 3600 }),
      ),
    );
    const clients = tokens.flatMap((token, u) =>
      Array.from({ length: TABS }, () => new ResyncingClient({ wsUrl: publicUrl.replace('http', 'ws'), httpUrl: publicUrl, token, affinity: `user-${u}`, regionId })),
    );
    for (const c of clients) c.start();
    const subscriptions = async () => Promise.all(alive().map(async (s) => ({ id: s.id, subs: await metric(s.port, 'sw_gateway_ws_subscriptions'), ups: await metric(s.port, 'sw_gateway_ws_upstream_subscriptions') })));
    const deadline = Date.now() + 60_000;
    let placement = await subscriptions();
    while (placement.reduce((a, p) => a + p.subs, 0) < clients.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      placement = await subscriptions();
    }
    // Consistent hash on the user: one upstream subscription per user in the whole fleet (a user's tabs never split).
    const firstErrors = JSON.stringify(clients.flatMap((c) => c.errors).slice(0, 3));
    expect(placement.reduce((a, p) => a + p.subs, 0), firstErrors).toBe(clients.length);
    expect(placement.reduce((a, p) => a + p.ups, 0)).toBe(USERS);
    for (const p of placement) expect(p.subs % TABS).toBe(0);

    let published = 0;
    let publishing = true;
    const publisher = (async () => {
      while (publishing) {
        await recordRegionEvent({ sql: t.sql, bus }, regionId, { type: 'Normal', reason: 'FailoverLoad', message: String(++published) });
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // Every client is receiving before the kill.
    await Promise.all(clients.map((c) => c.until(() => c.delivered.length >= 5, 'first events')));

    const victim = placement.reduce((a, b) => (b.subs > a.subs ? b : a));
    const victimPid = procs.get(victim.id)!.pid!;
    const deliveredAtKill = published;
    process.kill(victimPid, 'SIGKILL');
    await new Promise<void>((resolve) => procs.get(victim.id)!.once('exit', () => resolve()));

    // Keep publishing while the killed gateway's clients reconnect (through nginx to a live gateway) and resync.
    while (published < deliveredAtKill + 150) await new Promise((r) => setTimeout(r, 50));
    publishing = false;
    await publisher;
    const log = (await t.sql<{ id: string }[]>`SELECT id FROM region_events WHERE region_id_snapshot = ${regionId} ORDER BY id`).map((r) => Number(r.id));
    const lastSeq = log[log.length - 1]!;
    await Promise.all(clients.map((c) => c.until(() => c.last === lastSeq, `last seq ${lastSeq}`, 60_000)));

    const moved = clients.filter((c) => c.acks > 1);
    expect(moved.length).toBe(victim.subs);
    for (const c of clients) {
      const first = c.delivered[0]!;
      expect(c.delivered, 'the exact log from the first delivered event').toEqual(log.filter((s) => s >= first));
      expect(c.errors.filter((e) => !e.startsWith('socket:'))).toEqual([]);
    }
    for (const c of moved) expect(c.resync.stats.resyncs).toBeGreaterThanOrEqual(1);
    // The outage was filled from the snapshot query (events recorded while those clients had no live subscription).
    expect(moved.reduce((a, c) => a + c.resync.stats.fromSnapshot, 0)).toBeGreaterThan(0);
    // Clients of the surviving gateways never noticed.
    for (const c of clients.filter((x) => x.acks === 1)) expect(c.resync.stats).toMatchObject({ resyncs: 0, transportGaps: 0, fromSnapshot: 0 });

    // After the failover: every client is on a live gateway and each user still has exactly one upstream subscription.
    const after = await subscriptions();
    expect(after.map((p) => p.id)).not.toContain(victim.id);
    expect(after.reduce((a, p) => a + p.subs, 0)).toBe(clients.length);
    expect(after.reduce((a, p) => a + p.ups, 0)).toBe(USERS);

    for (const c of clients) c.stop();
    // nginx's route log: the killed gateway's sockets, then the same affinity keys on another upstream.
    const routes = readFileSync(path.join(nginxDir, 'access.log'), 'utf8');
    const victimAddr = `127.0.0.1:${replicas().find((s) => s.id === victim.id)!.port}`;
    expect(routes).toContain(`upstream=${victimAddr}`);
  }, 240_000);
});
