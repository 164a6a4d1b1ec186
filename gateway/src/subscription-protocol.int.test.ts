/**
 * graphql-transport-ws contract of the gateway's /graphql WebSocket, asserted over raw sockets:
 * subprotocol negotiation, ack, 4401, 4403, 4408, 4409, 4429, ping/pong, complete, validation errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { signAccessToken } from '@sw/auth';
import { startGateway } from './server.ts';
import type { RunningGateway } from './server.ts';
import { RawWsClient, rawHandshake } from './__fixtures__/raw-ws-client.ts';
import { errorsOf } from './__fixtures__/ws-frames.ts';
import {
  FEED_DELIVERY_MODES,
  feedSupergraph,
  pingChannel,
  startFeedSubgraph,
  startNamesSubgraph,
} from './__fixtures__/subscription-subgraphs.ts';

const JWT_SECRET = 'gateway-ws-test-jwt-secret-0123456789abcdef';
const INTERNAL_SECRET = 'gateway-ws-test-internal-secret-0123456789';
const prefix = `t-proto-${randomUUID()}:`;

let feed: Awaited<ReturnType<typeof startFeedSubgraph>>;
let names: Awaited<ReturnType<typeof startNamesSubgraph>>;
let gw: RunningGateway;
let wsUrl: string;

beforeAll(async () => {
  feed = await startFeedSubgraph({ internalClaimsSecret: INTERNAL_SECRET, prefix });
  names = await startNamesSubgraph({ internalClaimsSecret: INTERNAL_SECRET });
  gw = await startGateway({
    port: 0,
    host: '127.0.0.1',
    supergraphSdl: feedSupergraph(feed.url, names.url),
    jwtSecret: JWT_SECRET,
    internalSecret: INTERNAL_SECRET,
    logger: pino({ level: 'silent' }),
    subscriptions: { connectionInitWaitTimeoutMs: 300, deliveryModes: FEED_DELIVERY_MODES },
  });
  wsUrl = `${gw.url.replace('http', 'ws')}/graphql`;
});

afterAll(async () => {
  await gw?.stop();
  await feed?.stop();
  await names?.stop();
});

const token = (ttlSeconds?: number) =>
  signAccessToken(
    { sub: 'u-1', username: 'alice', playerId: 'p-1', roles: ['player'], scopes: [] },
    { secret: JWT_SECRET, ...(ttlSeconds !== undefined ? { ttlSeconds } : {}) },
  );

const PINGS = 'subscription P($r: ID!) { regionPings(regionId: $r) { n region { id name } } }';

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('graphql-transport-ws protocol over raw sockets', () => {
  it('negotiates graphql-transport-ws and acknowledges connection_init', async () => {
    const c = await RawWsClient.open(wsUrl, ['graphql-ws', 'graphql-transport-ws']);
    expect(c.ws.protocol).toBe('graphql-transport-ws');
    expect(await c.init()).toEqual({ type: 'connection_ack' });
    c.close();
  });

  it('closes 4406 for an unknown or missing subprotocol', async () => {
    for (const proto of ['graphql-ws', 'something-else', undefined]) {
      const r = await rawHandshake(wsUrl, proto);
      expect(r).toEqual({ status: 101, protocol: null, closeCode: 4406 });
    }
    // the ws client itself refuses a handshake without the subprotocol it asked for
    await expect(RawWsClient.open(wsUrl, 'graphql-ws')).rejects.toThrow(/no subprotocol/);
  });

  it('closes 4401 when subscribing before the ack', async () => {
    const c = await RawWsClient.open(wsUrl);
    c.subscribe('1', PINGS, { r: 'a' });
    expect(await c.closed).toMatchObject({ code: 4401 });
  });

  it('closes 4403 for a bad, forged or expired token (authorization or token param)', async () => {
    const forged = await signAccessToken({ sub: 'x', username: 'x', playerId: null, roles: ['admin'], scopes: [] }, { secret: 'another-secret-0123456789abcdef' });
    const expired = await token(-30);
    for (const params of [{ authorization: 'Bearer nope' }, { token: forged }, { authorization: `Bearer ${expired}` }, { Authorization: 'Basic abc' }]) {
      const c = await RawWsClient.open(wsUrl);
      c.send({ type: 'connection_init', payload: params });
      expect((await c.closed).code).toBe(4403);
    }
  });

  it('accepts a valid token as authorization or token param, and anonymous connections', async () => {
    const t = await token();
    for (const params of [{ authorization: `Bearer ${t}` }, { token: t }, undefined]) {
      const c = await RawWsClient.open(wsUrl);
      expect((await c.init(params)).type).toBe('connection_ack');
      c.close();
    }
  });

  it('closes 4408 when connection_init does not arrive in time', async () => {
    const c = await RawWsClient.open(wsUrl);
    const started = Date.now();
    expect((await c.closed).code).toBe(4408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('closes 4429 on a second connection_init', async () => {
    const c = await RawWsClient.open(wsUrl);
    await c.init();
    c.send({ type: 'connection_init' });
    expect((await c.closed).code).toBe(4429);
  });

  it('closes 4409 when a subscription id is reused while active', async () => {
    const c = await RawWsClient.open(wsUrl);
    await c.init();
    c.subscribe('dup', PINGS, { r: 'dup' });
    await waitFor(() => gw.subscriptions.stats().subscribers >= 1);
    c.subscribe('dup', PINGS, { r: 'dup' });
    expect((await c.closed).code).toBe(4409);
  });

  it('answers ping with pong (echoing the payload)', async () => {
    const c = await RawWsClient.open(wsUrl);
    await c.init();
    c.send({ type: 'ping', payload: { at: 1 } });
    expect(await c.next()).toEqual({ type: 'pong', payload: { at: 1 } });
    c.send({ type: 'ping' });
    expect(await c.next()).toEqual({ type: 'pong' });
    c.close();
  });

  it('sends an error message for invalid documents, unknown fields, bad variables and non-subscriptions', async () => {
    const c = await RawWsClient.open(wsUrl);
    await c.init();
    c.subscribe('a', 'subscription { regionPings(', undefined);
    const parseErr = await c.next();
    expect(parseErr).toMatchObject({ id: 'a', type: 'error' });
    expect(errorsOf(parseErr)[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');

    c.subscribe('b', 'subscription { nope }');
    const invalid = await c.next();
    expect(invalid).toMatchObject({ id: 'b', type: 'error' });
    expect(errorsOf(invalid)[0]?.message).toMatch(/Cannot query field "nope" on type "Subscription"/);
    expect(errorsOf(invalid)[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    c.subscribe('c', PINGS, { r: 5 as unknown as string, extra: 1 });
    c.subscribe('d', PINGS, {});
    const badVar = await c.next();
    expect(badVar).toMatchObject({ id: 'd', type: 'error' });
    expect(errorsOf(badVar)[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    c.subscribe('e', '{ feedInfo }');
    const notSub = await c.next();
    expect(notSub).toMatchObject({ id: 'e', type: 'error' });
    expect(errorsOf(notSub)[0]?.extensions?.code).toBe('ERR_OPERATION_NOT_SUPPORTED');

    c.subscribe('f', 'subscription { a: regionPings(regionId: "1") { n } b: regionLevel(regionId: "1") { level } }');
    const twoRoots = await c.next();
    expect(twoRoots).toMatchObject({ id: 'f', type: 'error' });
    expect(errorsOf(twoRoots)[0]?.message).toMatch(/must select only one top level field/);
    // the connection stays usable after errors (id 'c' was a valid Int→ID coercion and is running)
    c.send({ type: 'ping' });
    expect(await c.next()).toEqual({ type: 'pong' });
    c.close();
  });

  it('delivers next frames with seq, stops after the client completes, and keeps the socket open', async () => {
    await waitFor(() => gw.subscriptions.stats().subscribers === 0); // earlier tests' sockets are gone
    const c = await RawWsClient.open(wsUrl);
    await c.init();
    const region = `r-${randomUUID()}`;
    const base = feed.counters.subscribeCalls;
    c.subscribe('s1', PINGS, { r: region });
    await waitFor(() => feed.counters.subscribeCalls > base && gw.subscriptions.stats().subscribers >= 1);
    await new Promise((r) => setTimeout(r, 100)); // upstream subscribe reaches Redis
    await feed.bus.publish(pingChannel(region), { regionId: region, n: 1, publishedAt: Date.now() });
    const first = await c.next();
    expect(first).toEqual({
      id: 's1',
      type: 'next',
      payload: { data: { regionPings: { n: 1, region: { id: region, name: `Region ${region}` } } }, extensions: { seq: 1 } },
    });
    c.send({ id: 's1', type: 'complete' });
    await waitFor(() => gw.subscriptions.stats().subscribers === 0);
    await feed.bus.publish(pingChannel(region), { regionId: region, n: 2, publishedAt: Date.now() });
    expect(await c.quiet(300)).toBe(true); // no next and no complete echo after a client complete
    c.send({ type: 'ping' });
    expect(await c.next()).toEqual({ type: 'pong' });
    // the id can be reused after completion
    c.subscribe('s1', PINGS, { r: region });
    await waitFor(() => gw.subscriptions.stats().subscribers === 1);
    c.close();
  });

  it('exposes graphql-ws gauges on /metrics', async () => {
    await waitFor(() => gw.subscriptions.stats().connections === 0);
    const c = await RawWsClient.open(wsUrl);
    await c.init();
    c.subscribe('m', PINGS, { r: `m-${randomUUID()}` });
    await waitFor(() => gw.subscriptions.stats().subscribers === 1);
    const text = await (await fetch(`${gw.url}/metrics`)).text();
    expect(text).toMatch(/^sw_gateway_ws_connections\{service="gateway"\} 1$/m);
    expect(text).toMatch(/^sw_gateway_ws_subscriptions\{service="gateway"\} 1$/m);
    expect(text).toMatch(/^sw_gateway_ws_upstream_subscriptions\{service="gateway"\} 1$/m);
    c.close();
  });

  it('closes the socket with 4400 on a malformed message', async () => {
    const c = await RawWsClient.open(wsUrl);
    await c.init();
    c.send('{"type":"subscribe"}');
    expect((await c.closed).code).toBe(4400);
  });
});
