/**
 * A client that resets its TCP socket (RST) while the gateway is writing to it is a disconnect, not an internal error
 * (graphql-ws-adapter.ts, docs/decisions/subscription-fanout.md "Reset sockets"): no error-level log, no
 * console.error from graphql-ws, and every other subscriber of the same shared upstream keeps receiving every event.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type net from 'node:net';
import pino from 'pino';
import { signAccessToken } from '@sw/auth';
import { waitFor } from '@sw/testing';
import { createRedisEventBus, type EventBus } from '@sw/events';
import { startGateway, type RunningGateway } from './server.ts';
import { RawWsClient } from './__fixtures__/raw-ws-client.ts';
import { FEED_DELIVERY_MODES, feedSupergraph, pingChannel, startFeedSubgraph, startNamesSubgraph } from './__fixtures__/subscription-subgraphs.ts';

const JWT_SECRET = 'gateway-reset-test-jwt-secret-0123456789abcdef';
const INTERNAL_SECRET = 'gateway-reset-test-internal-secret-0123456789';
const prefix = `t-reset-${randomUUID()}:`;

const logLines: Array<{ level: number; msg?: string }> = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, cb) {
    for (const line of chunk.toString().split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as { level: number; msg?: string });
    cb();
  },
});

let feed: Awaited<ReturnType<typeof startFeedSubgraph>>;
let names: Awaited<ReturnType<typeof startNamesSubgraph>>;
let publisher: EventBus;
let gw: RunningGateway;

beforeAll(async () => {
  feed = await startFeedSubgraph({ internalClaimsSecret: INTERNAL_SECRET, prefix });
  names = await startNamesSubgraph({ internalClaimsSecret: INTERNAL_SECRET });
  publisher = createRedisEventBus({ prefix });
  gw = await startGateway({
    port: 0,
    host: '127.0.0.1',
    supergraphSdl: feedSupergraph(feed.url, names.url),
    jwtSecret: JWT_SECRET,
    internalSecret: INTERNAL_SECRET,
    logger: pino({ level: 'debug' }, sink),
    rateLimits: { enabled: false },
    subscriptions: { deliveryModes: FEED_DELIVERY_MODES },
  });
});

afterAll(async () => {
  await gw?.stop();
  await feed?.stop();
  await names?.stop();
  await publisher?.close();
});

const PINGS = 'subscription P($r: ID!) { regionPings(regionId: $r) { n region { id name } } }';
const wsUrl = () => `${gw.url.replace('http', 'ws')}/graphql`;

async function client(): Promise<RawWsClient> {
  const c = await RawWsClient.open(wsUrl());
  const token = await signAccessToken({ sub: 'u-alice', username: 'alice', playerId: 'p-alice', roles: ['player'], scopes: [] }, { secret: JWT_SECRET });
  const ack = await c.init({ authorization: `Bearer ${token}` });
  expect(ack.type).toBe('connection_ack');
  return c;
}

/** Sends RST instead of FIN: the gateway's next write on this connection fails with ECONNRESET / EPIPE. */
function reset(c: RawWsClient): void {
  (c.ws as unknown as { _socket: net.Socket })._socket.resetAndDestroy();
}

describe('reset sockets', () => {
  it('a socket reset mid-delivery logs nothing at error level and the other subscribers receive every event', async () => {
    const consoleError = vi.spyOn(console, 'error');
    try {
      const region = `r-${randomUUID()}`;
      const clients = await Promise.all(Array.from({ length: 6 }, () => client()));
      const base = feed.counters.subscribeCalls;
      for (const c of clients) c.subscribe('1', PINGS, { r: region }, 'P');
      await waitFor('the upstream subscription', async () => feed.counters.subscribeCalls >= base + 1, 8000, 10);
      await new Promise((r) => setTimeout(r, 150)); // SUBSCRIBE reaches Redis
      const pad = 'x'.repeat(64 * 1024); // big frames: the kernel buffers fill, writes are in flight when the peers reset
      await publisher.publish(pingChannel(region), { regionId: region, n: 1, publishedAt: Date.now(), pad });
      for (const c of clients) expect((await c.take('1', 1)).length).toBe(1);

      const [doomedA, doomedB, ...alive] = clients as [RawWsClient, RawWsClient, ...RawWsClient[]];
      // A message whose answer the gateway writes right away (an `error` for an invalid subscribe), then RST in the
      // same tick: the gateway reads the message before it sees the reset, and its answer hits a reset connection.
      doomedA.subscribe('bad', 'subscription { nope }');
      reset(doomedA);
      // The other one resets while events are being written to it.
      const publishing = (async () => {
        for (let n = 2; n <= 11; n++) await publisher.publish(pingChannel(region), { regionId: region, n, publishedAt: Date.now(), pad });
      })();
      await new Promise((r) => setTimeout(r, 5));
      reset(doomedB);
      await publishing;

      for (const c of alive) {
        const got = await c.take('1', 10);
        expect(got.map((m) => (m.payload as { data: { regionPings: { n: number } } }).data.regionPings.n)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      }
      await waitFor('the reset sockets closed', async () => gw.subscriptions.stats().connections === alive.length, 8000, 10);
      expect(logLines.filter((l) => l.level >= 50)).toEqual([]);
      expect(consoleError).not.toHaveBeenCalled();
      for (const c of alive) c.close();
    } finally {
      consoleError.mockRestore();
    }
  });
});
