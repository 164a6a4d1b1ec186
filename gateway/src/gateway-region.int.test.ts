import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { request } from 'undici';
import { createTestDatabase, dataOf, errorCodes, insertRegion, insertUserWithPlayer, parseGraphqlBody } from '@sw/testing';
import type { TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { startRegionSubgraph } from '../../subgraphs/region/src/index.ts';
import { startGateway } from './server.ts';
import type { RunningGateway } from './server.ts';
import type { DevLoginResponse } from './dev-login.ts';

/** End to end with the real Region subgraph: dev login → token → gateway → forwarded claims → `me`. */
let testDb: TestDatabase<HubDb>;
let region: Awaited<ReturnType<typeof startRegionSubgraph>>;
let gw: RunningGateway;
let alice: { userId: string; playerId: string };

beforeAll(async () => {
  testDb = await createTestDatabase();
  alice = await insertUserWithPlayer(testDb.db, { username: 'alice' });
  await insertRegion(testDb.db, { name: 'alpha-reach', displayName: 'Alpha Reach', ownerId: alice.playerId });
  await insertRegion(testDb.db, { name: 'beta-drift', displayName: 'Beta Drift' });
  region = await startRegionSubgraph({ port: 0, databaseUrl: testDb.url, host: '127.0.0.1' });
  // Default (dev) secrets on both sides, as in the embedded platform.
  gw = await startGateway({ port: 0, host: '127.0.0.1', subgraphUrls: { region: region.url }, databaseUrl: testDb.url, logger: pino({ level: 'silent' }), env: {} });
});

afterAll(async () => {
  await gw?.stop();
  await region?.stop();
  await testDb?.drop();
});

/** POSTs one query; `json` is the response body as sent (checked to be GraphQL-shaped), data typed `T`. */
async function gql<T = Record<string, unknown>>(base: string, query: string, headers: Record<string, string> = {}) {
  const res = await request(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: res.statusCode, json: parseGraphqlBody<T>(await res.body.json()) };
}

describe('gateway + Region subgraph', () => {
  it('serves the regions list exactly as the subgraph does', async () => {
    const q = '{ regions(first: 10) { id name displayName owner { id name } governance { governanceType } counts { members } } }';
    const direct = await gql<{ regions: Array<{ name: string }> }>(region.url, q);
    for (let i = 0; i < 3; i++) {
      const via = await gql(gw.url, q);
      expect(via.status).toBe(200);
      expect(via.json).toEqual(direct.json);
    }
    expect(dataOf(direct.json).regions.map((r) => r.name).sort()).toEqual(['alpha-reach', 'beta-drift']);
  });

  it('signs in with the dev login and resolves `me` from the forwarded claims', async () => {
    const login = await request(`${gw.url}/api/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice' }) });
    const { token } = (await login.body.json()) as DevLoginResponse;
    const me = await gql(gw.url, '{ me { userId username player { id ownedRegions { name } } } }', { authorization: `Bearer ${token}` });
    expect(me.json.errors).toBeUndefined();
    expect(dataOf(me.json).me).toEqual({ userId: alice.userId, username: 'alice', player: { id: alice.playerId, ownedRegions: [{ name: 'alpha-reach' }] } });
  });

  it('passes the subgraph error code through for anonymous `me`', async () => {
    const me = await gql(gw.url, '{ me { userId } }');
    expect(errorCodes(me.json)[0]).toBe('ERR_UNAUTHENTICATED');
  });
});
