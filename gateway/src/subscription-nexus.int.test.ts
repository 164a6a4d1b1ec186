/**
 * The real nexus subgraph's `generationProgress(jobId)` through the gateway's graphql-ws endpoint over the checked-in
 * supergraph: admin-only (forwarded claims on the upstream socket), snapshot + live progress to SUCCEEDED, complete,
 * `extensions.seq`, and two admins sharing one upstream subscription.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { request } from 'undici';
import { signAccessToken } from '@sw/auth';
import { ADMIN_SCOPES } from '@sw/domain';
import { DEFAULT_REDIS_URL } from '@sw/config';
import { createTestDatabase, createTestRedisPrefix, dataOf, parseGraphqlBody } from '@sw/testing';
import type { TestDatabase } from '@sw/testing';
import { startNexusSubgraph } from '@sw/subgraph-nexus';
import type { RunningNexusSubgraph } from '@sw/subgraph-nexus';
import { startGateway } from './server.ts';
import type { RunningGateway } from './server.ts';
import { RawWsClient } from './__fixtures__/raw-ws-client.ts';
import type { RawMessage } from './__fixtures__/raw-ws-client.ts';
import { nextData, nextOf, seqOf } from './__fixtures__/ws-frames.ts';

/** The part of a generationProgress event the assertions read by field. */
interface Progress { generationProgress: { jobId: string; percent: number } }

const JWT_SECRET = 'gateway-nexus-ws-test-jwt-secret-0123456789';
const INTERNAL_SECRET = 'gateway-nexus-ws-test-internal-secret-012345';

let t: TestDatabase<unknown>;
let nexus: RunningNexusSubgraph;
let gw: RunningGateway;
let adminToken: string;
let playerToken: string;

beforeAll(async () => {
  t = await createTestDatabase();
  nexus = await startNexusSubgraph({
    port: 0,
    databaseUrl: t.url,
    redisUrl: process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
    eventsPrefix: createTestRedisPrefix('gw-ws-nexus'),
    internalClaimsSecret: INTERNAL_SECRET,
    dbPoolSize: 4,
  });
  gw = await startGateway({
    port: 0,
    host: '127.0.0.1',
    subgraphUrls: { nexus: nexus.url },
    jwtSecret: JWT_SECRET,
    internalSecret: INTERNAL_SECRET,
    logger: pino({ level: 'silent' }),
    fastPath: false,
  });
  adminToken = await signAccessToken({ sub: 'u-admin', username: 'admin', playerId: null, roles: ['player', 'admin'], scopes: [...ADMIN_SCOPES] }, { secret: JWT_SECRET });
  playerToken = await signAccessToken({ sub: 'u-alice', username: 'alice', playerId: 'p-a', roles: ['player'], scopes: [] }, { secret: JWT_SECRET });
});

afterAll(async () => {
  await gw?.stop();
  await nexus?.stop();
  await t?.drop();
});

async function client(tok: string): Promise<RawWsClient> {
  const c = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
  expect((await c.init({ authorization: `Bearer ${tok}` })).type).toBe('connection_ack');
  return c;
}

/** Reads messages of `id` until its complete/error (bounded). */
async function untilDone(c: RawWsClient, id: string, timeoutMs = 60_000): Promise<RawMessage[]> {
  const out: RawMessage[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = await c.next(Math.max(1, deadline - Date.now()));
    if (m.id !== id) continue;
    out.push(m);
    if (m.type === 'complete' || m.type === 'error') return out;
  }
}

const PROGRESS = 'subscription G($id: ID!) { generationProgress(jobId: $id) { jobId seq status stage percent errorCode } }';

describe('nexus generationProgress through the gateway', () => {
  it('refuses non-admins with the subgraph\'s ERR_ADMIN_REQUIRED', async () => {
    const c = await client(playerToken);
    c.subscribe('p', PROGRESS, { id: '00000000-0000-0000-0000-000000000000' }, 'G');
    const msgs = await untilDone(c, 'p', 10_000);
    expect(nextOf(msgs[0]!).errors?.[0]?.extensions?.code).toBe('ERR_ADMIN_REQUIRED');
    expect(msgs.at(-1)!.type).toBe('complete');
    c.close();
  });

  it('streams snapshot and progress to SUCCEEDED, then completes, for two admins at once', async () => {
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query: 'mutation { generateNexus(seed: "4242") { id status } }' }),
    });
    const body = parseGraphqlBody<{ generateNexus: { id: string } }>(await res.body.json());
    expect(body.errors).toBeUndefined();
    const jobId = dataOf(body).generateNexus.id;

    const a = await client(adminToken);
    const b = await client(adminToken);
    a.subscribe('a', PROGRESS, { id: jobId }, 'G');
    b.subscribe('b', PROGRESS, { id: jobId }, 'G');
    const [ma, mb] = await Promise.all([untilDone(a, 'a'), untilDone(b, 'b')]);
    for (const msgs of [ma, mb]) {
      expect(msgs.at(-1)!.type).toBe('complete');
      const nexts = msgs.filter((m) => m.type === 'next');
      expect(nexts.length).toBeGreaterThanOrEqual(1);
      for (const m of nexts) {
        expect(nextOf(m).errors).toBeUndefined();
        expect(nextData<Progress>(m).generationProgress.jobId).toBe(jobId);
      }
      const seqs = nexts.map(seqOf);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
      const percents = nexts.map((m) => nextData<Progress>(m).generationProgress.percent);
      for (let i = 1; i < percents.length; i++) expect(percents[i]!).toBeGreaterThanOrEqual(percents[i - 1]!);
      expect(nextData<Progress>(nexts.at(-1)!).generationProgress).toMatchObject({ status: 'SUCCEEDED', percent: 100, errorCode: null });
    }
    // both clients were served by one upstream subscription (the second joined it or found it finished)
    expect(gw.subscriptions.hub.eventsReceived).toBeGreaterThanOrEqual(1);
    expect(gw.subscriptions.stats()).toMatchObject({ upstreams: 0, subscribers: 0 });
    a.close();
    b.close();
  }, 90_000);
});
