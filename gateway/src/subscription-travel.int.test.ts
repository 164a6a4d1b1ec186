/**
 * Travel live through the gateway: `travelFeed(regionId)` (FIFO) and `myJourney` (latest) from the real Region
 * subgraph over Redis, with cross-subgraph fields resolved per event by the planner bridge — the traveller's and the
 * regions' names (Region subgraph) and, for positions in the Nexus, the Sector from the Nexus subgraph. The journey is
 * started with a mutation through the gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { Redis } from 'ioredis';
import { signAccessToken } from '@sw/auth';
import { DEV_INTERNAL_SECRET } from '@sw/config';
import type { HubDb } from '@sw/db';
import { createRedisEventBus, type EventBus } from '@sw/events';
import { createTestDatabase, createTestRedisPrefix, type TestDatabase } from '@sw/testing';
import { startRegionSubgraph } from '@sw/subgraph-region';
import { startNexusSubgraph } from '@sw/subgraph-nexus';
import { addPlayerRegion, addTraveller, seedBaseGalaxy, type PlatformIds, type TestRegion, type Traveller } from '../../subgraphs/region/src/testing/travel-fixtures.ts';
import { startGateway, type RunningGateway } from './server.ts';
import { RawWsClient, type RawMessage } from './__fixtures__/raw-ws-client.ts';

const JWT_SECRET = 'gateway-travel-ws-test-jwt-secret-0123456789';
let t: TestDatabase<HubDb>;
let bus: EventBus;
let prefix: string;
let region: Awaited<ReturnType<typeof startRegionSubgraph>>;
let nexus: Awaited<ReturnType<typeof startNexusSubgraph>>;
let gw: RunningGateway;
let platform: PlatformIds;
let alpha: TestRegion;
let beta: TestRegion;
let traveller: Traveller;

beforeAll(async () => {
  t = await createTestDatabase();
  platform = await seedBaseGalaxy(t.sql);
  alpha = await addPlayerRegion(t.db, platform, { name: 'alpha-live', seed: 7n });
  beta = await addPlayerRegion(t.db, platform, { name: 'beta-live', seed: 11n });
  traveller = await addTraveller(t.db, { regionId: alpha.id, sector: alpha.capital }, { username: 'wanderer' });
  prefix = createTestRedisPrefix('gw-travel');
  bus = createRedisEventBus({ prefix });
  region = await startRegionSubgraph({ port: 0, databaseUrl: t.url, bus, travelLegTransit: 0, travelSweepMs: 0, dbPoolSize: 4 });
  nexus = await startNexusSubgraph({ port: 0, databaseUrl: t.url, eventsPrefix: prefix, dbPoolSize: 2 });
  gw = await startGateway({
    port: 0,
    host: '127.0.0.1',
    subgraphUrls: { region: region.url, nexus: nexus.url },
    jwtSecret: JWT_SECRET,
    internalSecret: DEV_INTERNAL_SECRET,
    logger: pino({ level: 'silent' }),
  });
}, 120_000);

afterAll(async () => {
  await gw?.stop();
  await nexus?.stop();
  await region?.stop();
  await bus?.close();
  await alpha?.close();
  await beta?.close();
  await t?.drop();
});

interface FeedEvent {
  seq: number;
  kind: string;
  region: { name: string };
  journey: { traveller: { name: string }; destination: { name: string }; state: string; position: { region: { name: string }; sectorNumber: number; sector: { sectorNumber: number; isNexusProtected: boolean } | null } };
}
interface Payload {
  data?: { travelFeed?: FeedEvent; myJourney?: { state: string; legs: { state: string }[]; position: { region: { name: string } } } };
  errors?: unknown[];
}
const payloadOf = (m: RawMessage) => m.payload as Payload;

describe('travel subscriptions through the gateway', () => {
  it('streams the Nexus feed with names and Nexus sectors, and the traveller\'s journey until it arrives', async () => {
    const adminToken = await signAccessToken({ sub: 'u-admin', username: 'admin', playerId: null, roles: ['player', 'admin'], scopes: [] }, { secret: JWT_SECRET });
    const token = await signAccessToken({ sub: traveller.userId, username: traveller.username, playerId: traveller.playerId, roles: ['player'], scopes: [] }, { secret: JWT_SECRET });
    // The Region subgraph's Redis channels under this test's prefix, before and after the two subscriptions: the
    // mutation below must not run before both streams really listen (a fixed sleep was too short on a loaded machine).
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
    await redis.connect();
    const channels = async () => ((await redis.pubsub('CHANNELS', `${prefix}*`)) as string[]).length;
    const channelsBefore = await channels();
    const watcher = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await watcher.init({ authorization: `Bearer ${adminToken}` })).type).toBe('connection_ack');
    watcher.subscribe(
      'feed',
      `subscription($r: ID!) { travelFeed(regionId: $r) { seq kind region { name } journey { traveller { name } destination { name } state
        position { region { name } sectorNumber sector { sectorNumber isNexusProtected } } } } }`,
      { r: platform.nexusId },
    );
    const me = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await me.init({ authorization: `Bearer ${token}` })).type).toBe('connection_ack');
    me.subscribe('mine', `subscription { myJourney { state legs { state } position { region { name } } } }`);
    const deadline = Date.now() + 15_000;
    while (gw.subscriptions.stats().upstreams < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const listening = Date.now() + 30_000;
    while ((await channels()) < channelsBefore + 2 && Date.now() < listening) await new Promise((r) => setTimeout(r, 20));
    redis.disconnect();
    expect(gw.subscriptions.stats().upstreams).toBeGreaterThanOrEqual(2);

    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($d: ID!) { startTravel(destinationRegionId: $d) { state } }', variables: { d: beta.id } }),
    });
    const started = (await res.json()) as { data?: { startTravel: { state: string } }; errors?: unknown[] };
    expect(started.errors).toBeUndefined();
    expect(started.data!.startTravel.state).toBe('IN_TRANSIT');

    const feed = (await watcher.take('feed', 2, 20_000)).map(payloadOf);
    for (const p of feed) expect(p.errors).toBeUndefined();
    const events = feed.map((p) => p.data!.travelFeed!);
    expect(events.map((e) => e.kind)).toEqual(['ARRIVED', 'DEPARTED']);
    expect(events[1]!.seq).toBeGreaterThan(events[0]!.seq);
    expect(events[0]!).toMatchObject({ region: { name: 'central-nexus' }, journey: { traveller: { name: 'wanderer' }, destination: { name: 'beta-live' } } });

    // latest-value delivery may coalesce intermediate states: wait for the final one
    const arrived = (m: RawMessage) => m.id === 'mine' && payloadOf(m).data?.myJourney?.state === 'ARRIVED';
    const until = Date.now() + 20_000;
    while (!me.messages.some(arrived) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const last = payloadOf(me.messages.find(arrived) ?? { type: 'none' });
    expect(me.messages.filter((m) => m.id === 'mine').every((m) => payloadOf(m).errors === undefined)).toBe(true);
    expect(last?.data?.myJourney).toEqual({ state: 'ARRIVED', legs: [{ state: 'DONE' }, { state: 'DONE' }, { state: 'DONE' }], position: { region: { name: 'beta-live' } } });

    // A journey that ends in the Nexus: its final position resolves its Sector in the Nexus subgraph, per event.
    const back = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($d: ID!) { startTravel(destinationRegionId: $d) { state } }', variables: { d: platform.nexusId } }),
    });
    expect(((await back.json()) as { errors?: unknown[] }).errors).toBeUndefined();
    const [arrival] = (await watcher.take('feed', 1, 20_000)).map(payloadOf);
    expect(arrival!.errors).toBeUndefined();
    expect(arrival!.data!.travelFeed).toMatchObject({
      kind: 'ARRIVED',
      journey: { state: 'ARRIVED', destination: { name: 'central-nexus' }, position: { region: { name: 'central-nexus' }, sectorNumber: 2251, sector: { sectorNumber: 2251, isNexusProtected: true } } },
    });
    watcher.close();
    me.close();
  }, 90_000);

  it('refuses a feed subscription to a stranger with a stable code before the stream starts', async () => {
    const stranger = await addTraveller(t.db, { regionId: alpha.id, sector: 1 }, { username: 'stranger_ws' });
    const token = await signAccessToken({ sub: stranger.userId, username: stranger.username, playerId: stranger.playerId, roles: ['player'], scopes: [] }, { secret: JWT_SECRET });
    const c = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await c.init({ authorization: `Bearer ${token}` })).type).toBe('connection_ack');
    c.subscribe('feed', `subscription($r: ID!) { travelFeed(regionId: $r) { seq } }`, { r: beta.id });
    const [m] = await c.take('feed', 1, 15_000);
    const errors = (m!.payload as { extensions?: { code?: string } }[] | { errors?: { extensions?: { code?: string } }[] });
    const codes = Array.isArray(errors) ? errors.map((e) => e.extensions?.code) : (errors.errors ?? []).map((e) => e.extensions?.code);
    expect(codes).toEqual(['ERR_FORBIDDEN']);
    c.close();
  }, 60_000);
});
