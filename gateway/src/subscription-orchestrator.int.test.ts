/**
 * The real orchestrator subgraph's `regionRuntimeChanged(regionId)` through the gateway with the cross-subgraph field
 * `region { name }` resolved by the real region subgraph (planner bridge), over Redis and a fresh
 * hub database. The region is terminated/terminated so the reconciler has nothing to do; the runtime message is published on
 * the orchestrator's Redis channel the way its store does after a commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { signAccessToken } from '@sw/auth';
import { ADMIN_SCOPES } from '@sw/domain';
import { DEV_INTERNAL_SECRET } from '@sw/config';
import { channels, createRedisEventBus } from '@sw/events';
import type { EventBus } from '@sw/events';
import { createTestDatabase, createTestRedisPrefix, insertRegion } from '@sw/testing';
import type { TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { recordRegionEvent, startOrchestrator } from '@sw/orchestrator';
import { startRegionSubgraph } from '@sw/subgraph-region';
import { startGateway } from './server.ts';
import type { RunningGateway } from './server.ts';
import { RawWsClient } from './__fixtures__/raw-ws-client.ts';
import { nextData, nextOf, seqOf } from './__fixtures__/ws-frames.ts';

/** The part of a regionRuntimeChanged event the assertions read by field. */
interface RuntimeChanged { regionRuntimeChanged: { seq: number; event: { reason: string }; region: unknown } }

const JWT_SECRET = 'gateway-orch-ws-test-jwt-secret-0123456789';
const instance = `gwws-${randomUUID().slice(0, 8)}`;
const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
const HOUR = 3_600_000;

let t: TestDatabase<HubDb>;
let bus: EventBus;
let orch: Awaited<ReturnType<typeof startOrchestrator>>;
let region: Awaited<ReturnType<typeof startRegionSubgraph>>;
let gw: RunningGateway;
let regionRow: { id: string; name: string };

beforeAll(async () => {
  t = await createTestDatabase();
  regionRow = await insertRegion(t.db, { name: `bridge-${instance}`, desiredState: 'terminated', runtimeState: 'terminated' } as never);
  bus = createRedisEventBus({ prefix: createTestRedisPrefix('gw-ws-orch') });
  orch = await startOrchestrator({
    port: 0,
    databaseUrl: t.url,
    instance,
    bus,
    backupDir,
    resyncMs: HOUR,
    healthPeriodMs: HOUR,
    autoscaleIntervalMs: HOUR,
    orphanSweepMs: HOUR,
  });
  region = await startRegionSubgraph({ port: 0, databaseUrl: t.url, dbPoolSize: 2 });
  gw = await startGateway({
    port: 0,
    host: '127.0.0.1',
    subgraphUrls: { orchestrator: orch.url, region: region.url },
    jwtSecret: JWT_SECRET,
    internalSecret: DEV_INTERNAL_SECRET, // the subgraphs read INTERNAL_CLAIMS_SECRET (dev default in tests)
    logger: pino({ level: 'silent' }),
  });
}, 120_000);

afterAll(async () => {
  await gw?.stop();
  await region?.stop();
  await orch?.stop();
  await bus?.close();
  await t?.drop();
  rmSync(backupDir, { recursive: true, force: true });
});

describe('orchestrator regionRuntimeChanged through the gateway', () => {
  it('resolves region { name } from the region subgraph on every runtime event', async () => {
    const token = await signAccessToken({ sub: 'u-admin', username: 'admin', playerId: null, roles: ['player', 'admin'], scopes: [...ADMIN_SCOPES] }, { secret: JWT_SECRET });
    const c = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await c.init({ authorization: `Bearer ${token}` })).type).toBe('connection_ack');
    c.subscribe(
      'r',
      'subscription R($id: ID!) { regionRuntimeChanged(regionId: $id) { regionId seq event { type reason } region { id name } } }',
      { id: regionRow.id },
      'R',
    );
    const deadline = Date.now() + 10_000;
    while (gw.subscriptions.stats().upstreams < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 400)); // the orchestrator's permission check + Redis SUBSCRIBE
    for (const seq of [101, 102]) {
      await bus.publish(channels.regionRuntime(regionRow.id), {
        regionId: regionRow.id,
        seq,
        state: 'terminated',
        desiredState: 'terminated',
        event: { type: 'Normal', reason: 'BridgeTest', message: null, at: new Date().toISOString() },
      });
    }
    const msgs = (await c.take('r', 2, 15_000)).filter((m) => m.type === 'next' && nextOf<RuntimeChanged>(m).data?.regionRuntimeChanged?.event?.reason === 'BridgeTest');
    expect(msgs.map((m) => nextData<RuntimeChanged>(m).regionRuntimeChanged.seq)).toEqual([101, 102]);
    for (const m of msgs) {
      expect(nextOf(m).errors).toBeUndefined();
      expect(nextData<RuntimeChanged>(m).regionRuntimeChanged.region).toEqual({ id: regionRow.id, name: regionRow.name });
    }
    expect(seqOf(msgs[1]!)).toBeGreaterThan(seqOf(msgs[0]!));
    c.close();
  }, 60_000);
});

describe('orchestrator galaxyChanged through the gateway', () => {
  it('tells an anonymous client which region changed, from the store\'s own publish after the commit', async () => {
    const c = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await c.init({})).type).toBe('connection_ack');
    const upstreamsBefore = gw.subscriptions.stats().upstreams;
    c.subscribe('g', 'subscription G { galaxyChanged { regionId state at } }', {}, 'G');
    const deadline = Date.now() + 10_000;
    while (gw.subscriptions.stats().upstreams <= upstreamsBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 400)); // the orchestrator's Redis SUBSCRIBE
    await recordRegionEvent({ sql: t.sql, bus }, regionRow.id, { type: 'Normal', reason: 'GalaxyTest', message: 'map test' });
    const [m] = await c.take('g', 1, 15_000);
    expect(nextOf(m!).errors).toBeUndefined();
    expect(nextData<{ galaxyChanged: { regionId: string; state: string; at: string } }>(m!).galaxyChanged).toMatchObject({ regionId: regionRow.id, state: 'TERMINATED' });
    c.close();
  }, 60_000);
});
