import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import pino from 'pino';
import { request } from 'undici';
import { verifyAccessToken } from '@sw/auth';
import { restErrorOf } from '@sw/domain';
import { createTestDatabase, dataOf, insertUserWithPlayer, parseGraphqlBody } from '@sw/testing';
import type { TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { startGateway } from './server.ts';
import type { RunningGateway } from './server.ts';
import type { DevLoginResponse } from './dev-login.ts';
import type { PlatformHealth } from './health-aggregator.ts';
import { echoSupergraph, startEchoSubgraph } from './__fixtures__/echo-subgraph.ts';

const JWT_SECRET = 'gateway-platform-test-jwt-secret-0123456789';
const INTERNAL_SECRET = 'gateway-platform-test-internal-secret-012345';
const silent = pino({ level: 'silent' });

let testDb: TestDatabase<HubDb>;
let echo: Awaited<ReturnType<typeof startEchoSubgraph>>;
let gw: RunningGateway;
let alice: { userId: string; playerId: string };
let admin: { userId: string; playerId: string };
/** A port that had a listener a moment ago and now refuses connections. */
let deadUrl: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  alice = await insertUserWithPlayer(testDb.db, { username: 'alice' });
  admin = await insertUserWithPlayer(testDb.db, { username: 'admin', roles: ['player', 'admin'] });
  echo = await startEchoSubgraph({ internalClaimsSecret: INTERNAL_SECRET });
  const tmp = http.createServer();
  await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
  deadUrl = `http://127.0.0.1:${(tmp.address() as { port: number }).port}`;
  await new Promise<void>((r) => tmp.close(() => r()));
  gw = await startGateway({
    port: 0,
    host: '127.0.0.1',
    supergraphSdl: echoSupergraph(echo.url),
    jwtSecret: JWT_SECRET,
    internalSecret: INTERNAL_SECRET,
    databaseUrl: testDb.url,
    logger: silent,
    env: { DEV_LOGIN: 'true' },
    healthTargets: [
      { name: 'echo', url: `${echo.url}/health`, required: true },
      { name: 'web', url: `${deadUrl}/api/health`, required: false },
    ],
    healthTimeoutMs: 500,
  });
});

afterAll(async () => {
  await gw?.stop();
  await echo?.stop();
  await testDb?.drop();
});

/** POSTs JSON; `json` is the body as the route's success type `T` (check `status`), `error` a REST error body's error. */
async function postJson<T>(url: string, body: unknown) {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const json: unknown = await res.body.json();
  return { status: res.statusCode, json: json as T, error: restErrorOf(json) };
}
const devLogin = (base: string, body: unknown) => postJson<DevLoginResponse>(`${base}/api/v1/auth/dev-login`, body);

describe('dev login', () => {
  it('issues a verifiable token for a seeded user (case-insensitive username)', async () => {
    const r = await devLogin(gw.url, { username: 'Alice' });
    expect(r.status).toBe(200);
    expect(r.json.user).toEqual({ id: alice.userId, username: 'alice', roles: ['player'], playerId: alice.playerId });
    const claims = await verifyAccessToken(r.json.token, { secret: JWT_SECRET });
    expect(claims).toMatchObject({ sub: alice.userId, username: 'alice', playerId: alice.playerId, roles: ['player'] });
    const who = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${r.json.token}` },
      body: JSON.stringify({ query: '{ whoami { sub username } }' }),
    });
    expect(dataOf(parseGraphqlBody<{ whoami: unknown }>(await who.body.json())).whoami).toEqual({ sub: alice.userId, username: 'alice' });
  });

  it('keeps the admin role of the admin user', async () => {
    const r = await devLogin(gw.url, { username: 'admin' });
    expect(r.json.user).toMatchObject({ id: admin.userId, roles: ['player', 'admin'] });
  });

  it('answers 404 ERR_UNKNOWN_USER for users that are not seeded', async () => {
    const r = await devLogin(gw.url, { username: 'mallory' });
    expect(r.status).toBe(404);
    expect(r.error?.code).toBe('ERR_UNKNOWN_USER');
  });

  it('answers 400 ERR_BAD_REQUEST for bad bodies', async () => {
    for (const body of [{}, { username: 42 }, { username: '' }, '{"username":', { username: 'a b; drop table users' }]) {
      const r = await devLogin(gw.url, body);
      expect(r.status).toBe(400);
      expect(r.error?.code).toBe('ERR_BAD_REQUEST');
    }
  });

  it('is refused with 403 ERR_DEV_LOGIN_DISABLED in production and when DEV_LOGIN=false', async () => {
    const common = { port: 0, host: '127.0.0.1', supergraphSdl: echoSupergraph(echo.url), databaseUrl: testDb.url, logger: silent };
    const prod = await startGateway({ ...common, jwtSecret: JWT_SECRET, internalSecret: INTERNAL_SECRET, env: { NODE_ENV: 'production', DEV_LOGIN: 'true' } });
    const off = await startGateway({ ...common, jwtSecret: JWT_SECRET, internalSecret: INTERNAL_SECRET, env: { DEV_LOGIN: 'false' } });
    try {
      for (const g of [prod, off]) {
        const r = await devLogin(g.url, { username: 'alice' });
        expect(r.status).toBe(403);
        expect(r.error?.code).toBe('ERR_DEV_LOGIN_DISABLED');
      }
    } finally {
      await prod.stop();
      await off.stop();
    }
  });

  it('refuses to start in production with the development secrets', async () => {
    await expect(startGateway({ port: 0, supergraphSdl: echoSupergraph(echo.url), logger: silent, env: { NODE_ENV: 'production' } })).rejects.toMatchObject({
      code: 'ERR_CONFIG',
    });
  });
});

describe('status and health', () => {
  it('GET /health is the gateway liveness', async () => {
    const res = await request(`${gw.url}/health`);
    expect(res.statusCode).toBe(200);
    expect(await res.body.json()).toMatchObject({ status: 'ok', service: 'gateway' });
  });

  it('aggregates: ok when every required service is up (optional web down is reported only)', async () => {
    const res = await request(`${gw.url}/api/v1/status/health`);
    const body = (await res.body.json()) as PlatformHealth;
    expect(res.statusCode).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.services.echo).toMatchObject({ status: 'ok', required: true });
    expect(body.services.web).toMatchObject({ status: 'down', required: false });
    expect(typeof body.services.echo?.latencyMs).toBe('number');
  });

  it('is 503 degraded when a required service is down', async () => {
    const g = await startGateway({
      port: 0,
      host: '127.0.0.1',
      supergraphSdl: echoSupergraph(echo.url),
      jwtSecret: JWT_SECRET,
      internalSecret: INTERNAL_SECRET,
      logger: silent,
      healthTargets: [
        { name: 'echo', url: `${echo.url}/health`, required: true },
        { name: 'region', url: `${deadUrl}/health`, required: true },
      ],
      healthTimeoutMs: 500,
    });
    try {
      const res = await request(`${g.url}/api/v1/status/health`);
      const body = (await res.body.json()) as PlatformHealth;
      expect(res.statusCode).toBe(503);
      expect(body.status).toBe('degraded');
      expect(body.services.region?.status).toBe('down');
      expect(body.services.region?.error).toMatch(/ECONNREFUSED/);
      expect(body.services.echo?.status).toBe('ok');
    } finally {
      await g.stop();
    }
  });

  it('GET /metrics exposes Prometheus metrics', async () => {
    const res = await request(`${gw.url}/metrics`);
    const text = await res.body.text();
    expect(res.statusCode).toBe(200);
    expect(text).toContain('sw_gateway_graphql_request_duration_seconds');
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('playground', () => {
  it('serves an offline GraphiQL page at GET /graphql (browser) and /playground with no external URLs', async () => {
    for (const path of ['/graphql', '/playground']) {
      const res = await request(`${gw.url}${path}`, { headers: { accept: 'text/html,application/xhtml+xml' } });
      const html = await res.body.text();
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/html');
      expect(html).toContain('GraphiQL');
      expect(html.match(/https?:\/\/[^\s"'<>]+/g) ?? []).toEqual([]);
      expect(html).not.toMatch(/src="\/\//);
      const assets = [...html.matchAll(/(?:src|href)="(\/playground\/assets\/[^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBe(4);
      for (const asset of assets) {
        const a = await request(`${gw.url}${asset}`);
        const content = await a.body.text();
        expect(a.statusCode).toBe(200);
        expect(content.length).toBeGreaterThan(1000);
      }
    }
  });

  it('does not shadow GraphQL GET requests from API clients', async () => {
    const res = await request(`${gw.url}/graphql?query=${encodeURIComponent('{ items { id } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(res.statusCode).toBe(200);
    expect(dataOf(parseGraphqlBody<{ items: unknown[] }>(await res.body.json())).items.length).toBe(20);
  });
});
