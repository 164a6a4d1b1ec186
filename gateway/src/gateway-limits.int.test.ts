/**
 * The gateway's limits end to end: introspection is bounded apart from the data limits over HTTP, subscriptions get the
 * same bytes / depth / complexity limits at subscribe, and the graphql-ws endpoint caps connections and subscriptions
 * per connection (gateway-limits.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { getIntrospectionQuery } from 'graphql';
import { startGateway } from './server.ts';
import type { RunningGateway } from './server.ts';
import { RawWsClient } from './__fixtures__/raw-ws-client.ts';
import { FEED_DELIVERY_MODES, feedSupergraph, startFeedSubgraph, startNamesSubgraph } from './__fixtures__/subscription-subgraphs.ts';

const JWT_SECRET = 'gateway-limits-test-jwt-secret-0123456789abcdef';
const INTERNAL_SECRET = 'gateway-limits-test-internal-secret-0123456789';
const prefix = `t-limits-${randomUUID()}:`;

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
    // Data limits far below what the standard introspection query needs (depth 15, ~230 selections).
    limits: { maxDepth: 2, maxComplexity: 10, maxBytes: 4096 },
    subscriptions: { deliveryModes: FEED_DELIVERY_MODES, maxConnections: 3, maxSubscriptionsPerConnection: 2 },
  });
  wsUrl = `${gw.url.replace('http', 'ws')}/graphql`;
});

afterAll(async () => {
  await gw?.stop();
  await feed?.stop();
  await names?.stop();
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface GraphQLBody {
  data?: { __schema?: { queryType: { name: string }; types: { name: string }[] }; feedInfo?: string };
  errors?: { message: string; extensions: { code: string } }[];
}

async function post(query: string): Promise<{ status: number; body: GraphQLBody }> {
  const res = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as GraphQLBody };
}

const pings = (region: string, selection = 'n') => `subscription { regionPings(regionId: "${region}") { ${selection} } }`;

describe('introspection over HTTP', () => {
  it('answers the standard introspection query (graphql-js getIntrospectionQuery) with the schema', async () => {
    const r = await post(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(r.body.errors).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.data?.__schema?.queryType.name).toBe('Query');
    expect(r.body.data?.__schema?.types.map((t) => t.name)).toEqual(expect.arrayContaining(['RegionPing', 'Region', '__Schema']));
  });

  it('still holds data fields mixed into an introspection operation to the data limits', async () => {
    const ok = await post('{ __schema { queryType { name } } feedInfo }');
    expect(ok.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } }, feedInfo: 'feed' } });
    const aliases = Array.from({ length: 11 }, (_, i) => `f${i}: feedInfo`).join(' ');
    const wide = await post(`{ __schema { queryType { name } } ${aliases} }`);
    expect(wide.status).toBe(400);
    expect(wide.body.errors?.[0]?.extensions.code).toBe('ERR_QUERY_TOO_COMPLEX');
  });
});

describe('subscriptions get the query limits at subscribe', () => {
  it('refuses too deep, too complex and too large subscriptions with coded errors, and keeps the connection', async () => {
    const c = await RawWsClient.open(wsUrl);
    await c.init();
    const region = `r-${randomUUID()}`;
    c.subscribe('deep', pings(region, 'region { id }'));
    expect(await c.next()).toMatchObject({ id: 'deep', type: 'error', payload: [{ extensions: { code: 'ERR_QUERY_TOO_DEEP' } }] });
    c.subscribe('wide', pings(region, Array.from({ length: 10 }, (_, i) => `n${i}: n`).join(' ')));
    expect(await c.next()).toMatchObject({ id: 'wide', type: 'error', payload: [{ extensions: { code: 'ERR_QUERY_TOO_COMPLEX' } }] });
    c.subscribe('large', `${pings(region)}\n#${'x'.repeat(5000)}`);
    expect(await c.next()).toMatchObject({ id: 'large', type: 'error', payload: [{ extensions: { code: 'ERR_QUERY_TOO_LARGE' } }] });
    expect(gw.subscriptions.stats().subscribers).toBe(0);
    c.subscribe('fine', pings(region));
    await waitFor(() => gw.subscriptions.stats().subscribers === 1);
    c.close();
    await c.closed;
    await waitFor(() => gw.subscriptions.stats().subscribers === 0);
  });
});

describe('graphql-ws caps', () => {
  it('refuses a subscription over the per-connection cap with ERR_TOO_MANY_SUBSCRIPTIONS and accepts one after a complete', async () => {
    const c = await RawWsClient.open(wsUrl);
    await c.init();
    c.subscribe('a', pings(`r-${randomUUID()}`));
    c.subscribe('b', pings(`r-${randomUUID()}`));
    await waitFor(() => gw.subscriptions.stats().subscribers === 2);
    c.subscribe('c', pings(`r-${randomUUID()}`));
    expect(await c.next()).toMatchObject({ id: 'c', type: 'error', payload: [{ extensions: { code: 'ERR_TOO_MANY_SUBSCRIPTIONS' } }] });
    expect(gw.subscriptions.stats().subscribers).toBe(2);
    c.send({ id: 'a', type: 'complete' });
    await waitFor(() => gw.subscriptions.stats().subscribers === 1);
    c.subscribe('d', pings(`r-${randomUUID()}`));
    await waitFor(() => gw.subscriptions.stats().subscribers === 2);
    expect(c.messages.filter((m) => m.type === 'error').map((m) => m.id)).toEqual(['c']);
    c.close();
    await c.closed;
    await waitFor(() => gw.subscriptions.stats().subscribers === 0);
  });

  it('closes a connection over GATEWAY_WS_MAX_CONNECTIONS with 1013 "Too many connections"', async () => {
    await waitFor(() => gw.subscriptions.stats().connections === 0);
    const open = await Promise.all([RawWsClient.open(wsUrl), RawWsClient.open(wsUrl), RawWsClient.open(wsUrl)]);
    for (const c of open) expect(await c.init()).toEqual({ type: 'connection_ack' });
    const extra = new RawWsClient(wsUrl);
    expect(await extra.closed).toEqual({ code: 1013, reason: 'Too many connections' });
    // The cap counts open connections: once one closes, a new one is accepted.
    open[0]!.close();
    await open[0]!.closed;
    await waitFor(() => gw.subscriptions.stats().connections === 2);
    const again = await RawWsClient.open(wsUrl);
    expect(await again.init()).toEqual({ type: 'connection_ack' });
    for (const c of [...open, again]) c.close();
  });
});
