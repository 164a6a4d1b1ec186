/**
 * The galaxy-generation budget (5 per hour by default) on the real supergraph and the real Nexus subgraph: every
 * generateNexus / regenerateCluster operation spends one unit before any subgraph is called; over budget the gateway
 * answers 429 ERR_RATE_LIMITED with Retry-After, while ordinary queries of the same caller still pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { createTestDatabase, createTestRedisPrefix, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { startNexusSubgraph } from '@sw/subgraph-nexus';
import { startGateway, type RunningGateway } from '../server.ts';
import { SUPERGRAPH_PATH } from '../subgraph-list.ts';

let t: TestDatabase<HubDb>;
let nexus: Awaited<ReturnType<typeof startNexusSubgraph>>;
let gw: RunningGateway;

beforeAll(async () => {
  t = await createTestDatabase();
  const prefix = createTestRedisPrefix('gen-limit');
  nexus = await startNexusSubgraph({ port: 0, databaseUrl: t.url, eventsPrefix: prefix, dbPoolSize: 2 });
  gw = await startGateway({
    port: 0,
    host: '127.0.0.1',
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: { nexus: nexus.url },
    databaseUrl: t.url,
    logger: pino({ level: 'silent' }),
    env: {},
    rateLimits: { enabled: true, keyPrefix: `${prefix}rl:`, generationPerHour: 2, anonymousPerMinute: 1000 },
  });
});
afterAll(async () => {
  await gw?.stop();
  await nexus?.stop();
  await t?.drop();
});

async function post(query: string) {
  const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { errors?: { extensions: { code: string } }[] };
  return { status: res.status, code: body.errors?.[0]?.extensions.code, retryAfter: res.headers.get('retry-after') };
}

describe('galaxy generation budget', () => {
  it('spends one unit per generation mutation and refuses the third with 429 and Retry-After', async () => {
    // Anonymous callers reach the Nexus subgraph (which refuses them) until the budget is spent.
    expect((await post('mutation { generateNexus(seed: "1") { id } }')).code).toBe('ERR_UNAUTHENTICATED');
    expect((await post('mutation { regenerateCluster(clusterNumber: 1) { id } }')).code).toBe('ERR_UNAUTHENTICATED');
    const third = await post('mutation { generateNexus(seed: "2") { id } }');
    expect(third).toMatchObject({ status: 429, code: 'ERR_RATE_LIMITED' });
    expect(Number(third.retryAfter)).toBeGreaterThan(60);
    // The request budget is separate: queries still pass.
    expect((await post('{ nexusStatus { exists } }')).status).toBe(200);
  });
});
