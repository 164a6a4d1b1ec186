/**
 * The planner bridge end to end with real subgraphs (service-kit) and Redis: cross-subgraph fields in subscription
 * events, deduplication, seq, latest/fifo delivery, slow clients, gap signal, lifetime, token expiry, reload, errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { signAccessToken } from '@sw/auth';
import type { Role } from '@sw/auth';
import { createRedisEventBus } from '@sw/events';
import type { EventBus } from '@sw/events';
import { startGateway } from './server.ts';
import type { RunningGateway, StartGatewayOptions } from './server.ts';
import { RawWsClient } from './__fixtures__/raw-ws-client.ts';
import type { RawMessage } from './__fixtures__/raw-ws-client.ts';
import { errorsOf, eventsDroppedOf, nextData, nextOf, seqOf } from './__fixtures__/ws-frames.ts';
import {
  FEED_DELIVERY_MODES,
  feedSupergraph,
  levelChannel,
  pingChannel,
  startFeedSubgraph,
  startNamesSubgraph,
} from './__fixtures__/subscription-subgraphs.ts';

const JWT_SECRET = 'gateway-bridge-test-jwt-secret-0123456789abcdef';
const INTERNAL_SECRET = 'gateway-bridge-test-internal-secret-0123456789';
const prefix = `t-bridge-${randomUUID()}:`;

let feed: Awaited<ReturnType<typeof startFeedSubgraph>>;
let names: Awaited<ReturnType<typeof startNamesSubgraph>>;
let publisher: EventBus; // a separate Redis connection, as another process would have
let supergraphSdl: string;
let gw: RunningGateway;
const extraGateways: RunningGateway[] = [];

function gatewayOptions(over: Partial<StartGatewayOptions['subscriptions']> = {}): StartGatewayOptions {
  return {
    port: 0,
    host: '127.0.0.1',
    supergraphSdl,
    jwtSecret: JWT_SECRET,
    internalSecret: INTERNAL_SECRET,
    logger: pino({ level: 'silent' }),
    subscriptions: { deliveryModes: FEED_DELIVERY_MODES, ...over },
  };
}

beforeAll(async () => {
  feed = await startFeedSubgraph({ internalClaimsSecret: INTERNAL_SECRET, prefix });
  names = await startNamesSubgraph({ internalClaimsSecret: INTERNAL_SECRET });
  publisher = createRedisEventBus({ prefix });
  supergraphSdl = feedSupergraph(feed.url, names.url);
  gw = await startGateway(gatewayOptions());
});

afterAll(async () => {
  for (const g of extraGateways) await g.stop();
  await gw?.stop();
  await feed?.stop();
  await names?.stop();
  await publisher?.close();
});

const wsUrlOf = (g: RunningGateway) => `${g.url.replace('http', 'ws')}/graphql`;

function token(username = 'alice', opts: { roles?: Role[]; ttlSeconds?: number } = {}) {
  return signAccessToken(
    { sub: `u-${username}`, username, playerId: `p-${username}`, roles: opts.roles ?? ['player'], scopes: [] },
    { secret: JWT_SECRET, ...(opts.ttlSeconds !== undefined ? { ttlSeconds: opts.ttlSeconds } : {}) },
  );
}

async function client(g: RunningGateway = gw, username: string | null = 'alice', ttlSeconds?: number): Promise<RawWsClient> {
  const c = await RawWsClient.open(wsUrlOf(g));
  const ack = await c.init(username ? { authorization: `Bearer ${await token(username, ttlSeconds !== undefined ? { ttlSeconds } : {})}` } : undefined);
  expect(ack.type).toBe('connection_ack');
  return c;
}

async function waitFor(cond: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Waits until the feed subgraph has served `n` more upstream subscribe calls than `base` (take `base` from
 * feed.counters.subscribeCalls before subscribing) and they reached Redis. Counting calls, not open streams, keeps a
 * previous test's upstream that is still closing from satisfying the wait.
 */
async function upstreamsReady(base: number, n = 1): Promise<void> {
  await waitFor(() => feed.counters.subscribeCalls >= base + n);
  await new Promise((r) => setTimeout(r, 150)); // SUBSCRIBE reaches Redis
}

const publishPing = (regionId: string, n: number, pad?: string) =>
  publisher.publish(pingChannel(regionId), { regionId, n, publishedAt: Date.now(), ...(pad ? { pad } : {}) });

const PINGS = 'subscription P($r: ID!) { regionPings(regionId: $r) { n viewer region { id name fetchedBy } } }';
/** The part of a regionPings / regionLevel event the assertions read by field. */
interface Pings { regionPings: { n: number } }
interface Level { regionLevel: { level: number } }

describe('planner bridge: cross-subgraph fields', () => {
  it('resolves fields owned by another subgraph on every event, with the caller\'s claims on both legs', async () => {
    const c = await client(gw, 'alice');
    const region = `r-${randomUUID()}`;
    const base = feed.counters.subscribeCalls;
    c.subscribe('1', PINGS, { r: region }, 'P');
    await upstreamsReady(base);
    const fetchesBefore = names.counters.entityFetches;
    await publishPing(region, 1);
    await publishPing(region, 2);
    const msgs = await c.take('1', 2);
    expect(msgs.map((m) => m.payload)).toEqual([1, 2].map((n) => ({
      data: { regionPings: { n, viewer: 'alice', region: { id: region, name: `Region ${region}`, fetchedBy: 'alice' } } },
      extensions: { seq: n },
    })));
    expect(names.counters.entityFetches - fetchesBefore).toBe(2);
    c.close();
  });

  it('applies aliases, __typename and nested selection shaping exactly like queries', async () => {
    const c = await client(gw, 'alice');
    const region = `r-${randomUUID()}`;
    const base = feed.counters.subscribeCalls;
    c.subscribe('a', 'subscription { p: regionPings(regionId: "' + region + '") { __typename count: n region { label: name } } }');
    await upstreamsReady(base);
    await publishPing(region, 5);
    const [m] = await c.take('a', 1);
    expect(nextOf(m!).data).toEqual({ p: { __typename: 'RegionPing', count: 5, region: { label: `Region ${region}` } } });
    c.close();
  });

  it('forwards subgraph errors on subscribe as a graphql-ws error message with the stable code', async () => {
    const c = await client(gw, 'alice');
    // graphql-ws semantics for a subscribe resolver that throws: `next` with the errors, then `complete`
    c.subscribe('x', 'subscription { regionPings(regionId: "admin-only-1") { n } }');
    const [m, done] = await c.take('x', 2);
    expect(m!.type).toBe('next');
    expect(nextOf(m!).errors?.[0]?.extensions?.code).toBe('ERR_ADMIN_REQUIRED');
    expect(nextOf(m!).data).toBeUndefined();
    expect(done).toEqual({ id: 'x', type: 'complete' });
    c.close();
  });
});

describe('planner bridge: deduplication', () => {
  it('shares one upstream subscription and one execution per event between identical subscriptions of one scope', async () => {
    await waitFor(() => gw.subscriptions.stats().subscribers === 0 && gw.subscriptions.stats().connections === 0);
    const region = `r-${randomUUID()}`;
    const callsBefore = feed.counters.subscribeCalls;
    const a = await client(gw, 'alice');
    const b = await client(gw, 'alice'); // another connection, another token of the same user
    a.subscribe('1', PINGS, { r: region }, 'P');
    b.subscribe('z', PINGS, { r: region }, 'P');
    await waitFor(() => gw.subscriptions.stats().subscribers === 2);
    await upstreamsReady(callsBefore);
    expect(feed.counters.subscribeCalls - callsBefore).toBe(1);
    expect(gw.subscriptions.stats()).toMatchObject({ upstreams: 1, views: 1, subscribers: 2, connections: 2 });
    const execBefore = gw.subscriptions.stats().executions;
    const fetchesBefore = names.counters.entityFetches;
    for (let n = 1; n <= 3; n++) await publishPing(region, n);
    const [ma, mb] = await Promise.all([a.take('1', 3), b.take('z', 3)]);
    expect(ma.map((m) => m.payload)).toEqual(mb.map((m) => m.payload)); // same bytes, different ids
    expect(gw.subscriptions.stats().executions - execBefore).toBe(3);
    expect(names.counters.entityFetches - fetchesBefore).toBe(3);

    // a different user is a different auth scope → its own upstream
    const c = await client(gw, 'bob');
    c.subscribe('1', PINGS, { r: region }, 'P');
    await waitFor(() => gw.subscriptions.stats().upstreams === 2);
    // a different selection on the same primary shares the upstream but has its own view
    const d = await client(gw, 'alice');
    d.subscribe('1', 'subscription P($r: ID!) { regionPings(regionId: $r) { n viewer region { name } } }', { r: region }, 'P');
    await waitFor(() => gw.subscriptions.stats().views === 3);
    expect(gw.subscriptions.stats().upstreams).toBe(2);
    await upstreamsReady(callsBefore, 2);
    expect(feed.counters.subscribeCalls - callsBefore).toBe(2);
    await publishPing(region, 4);
    const [[mc], [md]] = await Promise.all([c.take('1', 1), d.take('1', 1)]);
    expect(nextData<Pings>(mc!).regionPings).toMatchObject({ n: 4, viewer: 'bob', region: { fetchedBy: 'bob' } });
    expect(nextData<Pings>(md!).regionPings).toEqual({ n: 4, viewer: 'alice', region: { name: `Region ${region}` } });

    // last subscriber of a key leaves → upstream closed
    for (const x of [a, b, c, d]) x.close();
    await waitFor(() => gw.subscriptions.stats().upstreams === 0 && feed.counters.active === 0);
  });
});

describe('planner bridge: ordering, seq, latest and fifo delivery', () => {
  it('delivers every fifo event in order with a strictly increasing seq', async () => {
    const c = await client(gw);
    const region = `r-${randomUUID()}`;
    const base = feed.counters.subscribeCalls;
    c.subscribe('s', PINGS, { r: region }, 'P');
    await upstreamsReady(base);
    const passesBefore = gw.subscriptions.stats().deliveryPasses;
    for (let n = 1; n <= 40; n++) void publishPing(region, n);
    const msgs = await c.take('s', 40);
    expect(msgs.map((m) => nextData<Pings>(m).regionPings.n)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Events that queued up while an earlier one's entity fetch ran went out together (one writev per socket per pass).
    expect(gw.subscriptions.stats().deliveryPasses - passesBefore).toBeLessThan(40);
    const seqs = msgs.map(seqOf);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
    c.close();
  });

  it('latest-only streams give a late joiner the current value at once', async () => {
    const region = `r-${randomUUID()}`;
    const q = 'subscription L($r: ID!) { regionLevel(regionId: $r) { level } }';
    const a = await client(gw);
    const base = feed.counters.subscribeCalls;
    a.subscribe('l', q, { r: region });
    await upstreamsReady(base);
    for (let level = 1; level <= 3; level++) await publisher.publish(levelChannel(region), { regionId: region, level });
    // latest-only: intermediate values may be coalesced, the newest always arrives, in increasing order
    const levels: number[] = [];
    while (levels.at(-1) !== 3) levels.push(...(await a.take('l', 1)).map((m) => nextData<Level>(m).regionLevel.level));
    expect([...levels].sort()).toEqual(levels);
    expect(levels.at(-1)).toBe(3);
    const b = await client(gw);
    b.subscribe('l2', q, { r: region });
    const [late] = await b.take('l2', 1, 3000);
    expect(late!.payload).toEqual({ data: { regionLevel: { level: 3 } }, extensions: { seq: 3 } });
    a.close();
    b.close();
  });

  it('a slow client never stalls others; it gets a gap signal and the newest events when it reads again', async () => {
    const g = await startGateway(gatewayOptions({ limits: { highWaterBytes: 64 * 1024, fifoCapacity: 4 } }));
    extraGateways.push(g);
    const region = `r-${randomUUID()}`;
    const fast = await client(g);
    const slow = await client(g);
    const withPad = 'subscription P($r: ID!) { regionPings(regionId: $r) { n pad region { name } } }';
    const base = feed.counters.subscribeCalls;
    fast.subscribe('f', withPad, { r: region }, 'P');
    slow.subscribe('s', withPad, { r: region }, 'P');
    await waitFor(() => g.subscriptions.stats().subscribers === 2);
    await upstreamsReady(base);
    slow.ws.pause(); // stops reading the socket: the kernel buffers fill, then the gateway's bufferedAmount grows
    // more bytes than the loopback socket buffers can absorb (tcp_rmem max is 32 MiB here)
    const pad = 'x'.repeat(128 * 1024);
    const total = 200;
    for (let n = 1; n <= total; n++) await publishPing(region, n, pad);
    const fastMsgs = await fast.take('f', total, 30_000);
    expect(fastMsgs.map((m) => nextData<Pings>(m).regionPings.n)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    slow.ws.resume();
    // the slow client receives what fit in the socket buffers, a gap signal, then the last 4 events
    const seen: RawMessage[] = [];
    await waitFor(() => {
      seen.push(...slow.messages.splice(0));
      return seen.some((m) => m.type === 'next' && nextOf<Pings>(m).data?.regionPings?.n === total);
    }, 20_000);
    const gap = seen.find((m) => eventsDroppedOf(m) !== undefined);
    expect(gap).toBeDefined();
    expect(gap!.type).toBe('next');
    const { missed, fromSeq, toSeq } = eventsDroppedOf(gap!)!;
    const delivered = seen.filter((m) => m.type === 'next' && nextOf(m).data).map((m) => nextData<Pings>(m).regionPings.n);
    expect(missed).toBeGreaterThan(0);
    expect(delivered.length + missed!).toBe(total);
    expect(delivered.slice(-4)).toEqual([total - 3, total - 2, total - 1, total]);
    const after = delivered.filter((n) => n > fromSeq!);
    expect(after[0]).toBe(toSeq! + 1);
    fast.close();
    slow.close();
  }, 90_000);
});

describe('connection lifetime, token expiry, reload and shutdown', () => {
  it('closes a connection at the maximum lifetime with code 4000', async () => {
    const g = await startGateway(gatewayOptions({ maxLifetimeMs: 400 }));
    extraGateways.push(g);
    const c = await client(g);
    const started = Date.now();
    c.subscribe('1', PINGS, { r: 'life' }, 'P');
    expect(await c.closed).toEqual({ code: 4000, reason: 'Connection lifetime exceeded' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await waitFor(() => g.subscriptions.stats().subscribers === 0);
  });

  it('closes with 4403 when the access token expires while connected', async () => {
    const c = await client(gw, 'alice', 1);
    expect(await c.closed).toEqual({ code: 4403, reason: 'Access token expired' });
  });

  it('ends running subscriptions with SUBSCRIPTION_SCHEMA_RELOAD on reloadSupergraph and plans new ones on the new supergraph', async () => {
    const g = await startGateway(gatewayOptions());
    extraGateways.push(g);
    const c = await client(g);
    const region = `r-${randomUUID()}`;
    c.subscribe('1', PINGS, { r: region }, 'P');
    await waitFor(() => g.subscriptions.stats().subscribers === 1);
    await expect(g.reloadSupergraph('not a supergraph')).rejects.toThrow();
    expect(g.subscriptions.stats().subscribers).toBe(1); // an invalid supergraph changes nothing
    await g.reloadSupergraph(supergraphSdl);
    const [m] = await c.take('1', 1);
    expect(m).toMatchObject({ id: '1', type: 'error' });
    expect(errorsOf(m!)[0]?.extensions?.code).toBe('SUBSCRIPTION_SCHEMA_RELOAD');
    const base = feed.counters.subscribeCalls;
    c.subscribe('1', PINGS, { r: region }, 'P');
    await upstreamsReady(base);
    await waitFor(() => g.subscriptions.stats().upstreams === 1);
    await publishPing(region, 9);
    const [n] = await c.take('1', 1);
    expect(nextData<Pings>(n!).regionPings.n).toBe(9);
    // shutdown ends the rest with an explicit code too
    const stopping = g.stop();
    const [e] = await c.take('1', 1);
    expect(errorsOf(e!)[0]?.extensions?.code).toBe('SUBSCRIPTION_SERVER_SHUTDOWN');
    await stopping;
    expect((await c.closed).code).toBe(1001);
  });
});

describe('upstream reconnect', () => {
  it('re-subscribes after the owning subgraph restarts and tells clients to resync (UPSTREAM_RECONNECTED)', async () => {
    const own = await startFeedSubgraph({ internalClaimsSecret: INTERNAL_SECRET, prefix });
    let restarted: Awaited<ReturnType<typeof startFeedSubgraph>> | undefined;
    try {
      const g = await startGateway({ ...gatewayOptions(), supergraphSdl: feedSupergraph(own.url, names.url) });
      extraGateways.push(g);
      const region = `r-${randomUUID()}`;
      const c = await client(g);
      c.subscribe('1', PINGS, { r: region }, 'P');
      await waitFor(() => own.counters.active === 1);
      await new Promise((r) => setTimeout(r, 150));
      await publishPing(region, 1);
      expect(nextData<Pings>((await c.take('1', 1))[0]!).regionPings.n).toBe(1);

      await own.stop(); // drops the gateway's upstream socket
      restarted = await startFeedSubgraph({ internalClaimsSecret: INTERNAL_SECRET, prefix, port: own.port });
      const [gap] = await c.take('1', 1, 20_000); // graphql-ws client backoff, then re-subscribe
      expect(nextOf(gap!).errors?.[0]?.extensions).toMatchObject({ code: 'SUBSCRIPTION_EVENTS_DROPPED', missed: null, reason: 'UPSTREAM_RECONNECTED' });
      const fresh = restarted;
      await waitFor(() => fresh.counters.active === 1);
      await new Promise((r) => setTimeout(r, 150));
      await publishPing(region, 2);
      const [m] = await c.take('1', 1);
      expect(nextData<Pings>(m!).regionPings).toMatchObject({ n: 2, region: { name: `Region ${region}` } });
      expect(seqOf(m!)).toBe(2);
      c.close();
    } finally {
      await restarted?.stop();
    }
  }, 60_000);
});
