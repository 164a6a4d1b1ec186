import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import pino from 'pino';
import { request } from 'undici';
import { encodeForwardedClaims, signAccessToken } from '@sw/auth';
import { dataOf, errorCodes, parseGraphqlBody } from '@sw/testing';
import { startGateway } from './server.ts';
import type { RunningGateway } from './server.ts';
import { echoSupergraph, startEchoSubgraph } from './__fixtures__/echo-subgraph.ts';

const JWT_SECRET = 'gateway-int-test-jwt-secret-0123456789abcdef';
const INTERNAL_SECRET = 'gateway-int-test-internal-secret-0123456789';
const silent = pino({ level: 'silent' });

let echo: Awaited<ReturnType<typeof startEchoSubgraph>>;
let gw: RunningGateway;
let slowGw: RunningGateway;

beforeAll(async () => {
  echo = await startEchoSubgraph({ internalClaimsSecret: INTERNAL_SECRET });
  const supergraphSdl = echoSupergraph(echo.url);
  const common = { port: 0, host: '127.0.0.1', supergraphSdl, jwtSecret: JWT_SECRET, internalSecret: INTERNAL_SECRET, logger: silent };
  gw = await startGateway(common);
  slowGw = await startGateway({ ...common, fastPath: false });
});

afterAll(async () => {
  await gw?.stop();
  await slowGw?.stop();
  await echo?.stop();
});

/** POSTs to /graphql; `json` is the response body as sent (checked to be GraphQL-shaped), data typed `T`. */
async function post<T = Record<string, unknown>>(base: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await request(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: parseGraphqlBody<T>(JSON.parse(text)), headers: res.headers };
}

const token = (over: Partial<{ sub: string; username: string; playerId: string | null; roles: ('player' | 'admin')[] }> = {}, ttlSeconds?: number) =>
  signAccessToken(
    { sub: over.sub ?? 'user-1', username: over.username ?? 'alice', playerId: over.playerId ?? 'player-1', roles: over.roles ?? ['player'], scopes: [] },
    { secret: JWT_SECRET, ...(ttlSeconds !== undefined ? { ttlSeconds } : {}) },
  );

describe('gateway auth', () => {
  it('runs anonymous queries with claims = null at the subgraph', async () => {
    const r = await post(gw.url, { query: '{ whoami { sub username roles } }' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ data: { whoami: { sub: null, username: null, roles: [] } } });
  });

  it('forwards verified claims of a valid token to the subgraph (full and fast path)', async () => {
    const t = await token({ sub: 'u-42', username: 'bob', playerId: 'p-42', roles: ['player', 'admin'] });
    for (let i = 0; i < 3; i++) {
      const r = await post(gw.url, { query: '{ whoami { sub username playerId roles } }' }, { authorization: `Bearer ${t}` });
      expect(r.status).toBe(200);
      expect(dataOf(r.json).whoami).toEqual({ sub: 'u-42', username: 'bob', playerId: 'p-42', roles: ['player', 'admin'] });
    }
  });

  it('answers 401 ERR_INVALID_TOKEN for invalid, forged and expired tokens', async () => {
    const forged = await signAccessToken({ sub: 'x', username: 'x', playerId: null, roles: ['admin'], scopes: [] }, { secret: 'some-other-secret-value' });
    const expired = await token({}, -60);
    for (const auth of ['Bearer not-a-jwt', `Bearer ${forged}`, `Bearer ${expired}`, 'Basic abc']) {
      const r = await post(gw.url, { query: '{ whoami { sub } }' }, { authorization: auth });
      expect(r.status).toBe(401);
      expect(errorCodes(r.json)[0]).toBe('ERR_INVALID_TOKEN');
      expect(r.json.data).toBeUndefined();
    }
  });

  it('strips client-sent x-sw-claims headers, even correctly signed ones', async () => {
    const spoofed = encodeForwardedClaims(
      { sub: 'evil', username: 'mallory', playerId: null, roles: ['admin'], scopes: [], exp: Math.floor(Date.now() / 1000) + 600 },
      INTERNAL_SECRET,
    );
    const anon = await post(gw.url, { query: '{ whoami { sub username roles } }' }, spoofed);
    expect(anon.status).toBe(200);
    expect(dataOf(anon.json).whoami).toEqual({ sub: null, username: null, roles: [] });
    const t = await token({ sub: 'u-7', username: 'carol' });
    const withToken = await post(gw.url, { query: '{ whoami { sub username roles } }' }, { ...spoofed, authorization: `Bearer ${t}` });
    expect(dataOf(withToken.json).whoami).toEqual({ sub: 'u-7', username: 'carol', roles: ['player'] });
  });

  it('a subgraph called directly rejects forwarded claims with a forged signature', async () => {
    const forged = encodeForwardedClaims(
      { sub: 'evil', username: 'mallory', playerId: null, roles: ['admin'], scopes: [], exp: Math.floor(Date.now() / 1000) + 600 },
      'not-the-internal-secret-at-all-0123456789',
    );
    const r = await post(echo.url, { query: '{ whoami { sub } }' }, forged);
    expect(r.status).toBe(401);
    expect(errorCodes(r.json)[0]).toBe('ERR_INVALID_TOKEN');
  });
});

describe('gateway limits and request errors', () => {
  const nested = (depth: number) => `{ node { ${'child { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;

  it('accepts depth 12 and rejects depth 13 with ERR_QUERY_TOO_DEEP', async () => {
    const ok = await post(gw.url, { query: nested(12) });
    expect(ok.status).toBe(200);
    expect(ok.json.errors).toBeUndefined();
    const deep = await post(gw.url, { query: nested(13) });
    expect(deep.status).toBe(400);
    expect(errorCodes(deep.json)[0]).toBe('ERR_QUERY_TOO_DEEP');
  });

  it('rejects documents over 20 KB with ERR_QUERY_TOO_LARGE', async () => {
    const query = `{ items { id } }\n#${'x'.repeat(21 * 1024)}`;
    const r = await post(gw.url, { query });
    expect(r.status).toBe(400);
    expect(errorCodes(r.json)[0]).toBe('ERR_QUERY_TOO_LARGE');
  });

  it('rejects more than 500 fields (aliases) with ERR_QUERY_TOO_COMPLEX', async () => {
    const query = `{ ${Array.from({ length: 260 }, (_, i) => `a${i}: items { id }`).join(' ')} }`;
    const r = await post(gw.url, { query });
    expect(r.status).toBe(400);
    expect(errorCodes(r.json)[0]).toBe('ERR_QUERY_TOO_COMPLEX');
  });

  it('refuses subscriptions over HTTP with 405 ERR_SUBSCRIPTION_OVER_HTTP', async () => {
    const r = await post(gw.url, { query: 'subscription { ticks }' });
    expect(r.status).toBe(405);
    expect(errorCodes(r.json)[0]).toBe('ERR_SUBSCRIPTION_OVER_HTTP');
  });

  it('answers malformed JSON, missing query and batches with 400 ERR_BAD_REQUEST', async () => {
    for (const body of ['{"query": ', JSON.stringify({ variables: {} }), JSON.stringify({ query: '' }), JSON.stringify([{ query: '{ items { id } }' }])]) {
      const r = await post(gw.url, body);
      expect(r.status).toBe(400);
      expect(errorCodes(r.json)[0]).toBe('ERR_BAD_REQUEST');
    }
  });

  it('passes subgraph ERR_* codes through (full pipeline and fast path)', async () => {
    for (const code of ['ERR_REGION_NOT_FOUND', 'ERR_ADMIN_REQUIRED', 'ERR_VALIDATION']) {
      const direct = await post(echo.url, { query: `{ fail(code: "${code}") }` });
      for (let i = 0; i < 2; i++) {
        const r = await post(gw.url, { query: `{ fail(code: "${code}") }` });
        expect(errorCodes(r.json)[0]).toBe(code);
        expect(r.json.errors?.[0]?.message).toBe(direct.json.errors?.[0]?.message);
        expect(r.json.data).toEqual({ fail: null });
      }
    }
  });

  it('reports an unreachable subgraph as ERR_UPSTREAM_UNAVAILABLE without leaking its address', async () => {
    const tmp = http.createServer();
    await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(tmp.address() as { port: number }).port}`;
    await new Promise<void>((r) => tmp.close(() => r()));
    const dead = await startGateway({ port: 0, host: '127.0.0.1', supergraphSdl: echoSupergraph(echo.url), subgraphUrls: { echo: deadUrl }, jwtSecret: JWT_SECRET, internalSecret: INTERNAL_SECRET, logger: silent });
    try {
      for (let i = 0; i < 2; i++) {
        const r = await post(dead.url, { query: '{ items { id } }' });
        expect(errorCodes(r.json)[0]).toBe('ERR_UPSTREAM_UNAVAILABLE');
        expect(r.json.errors?.[0]?.message).toBe('Service "echo" is unavailable');
        expect(JSON.stringify(r.json)).not.toContain('127.0.0.1');
      }
    } finally {
      await dead.stop();
    }
  });

  it('reports GraphQL validation errors without stack traces', async () => {
    const r = await post(gw.url, { query: '{ nope }' });
    expect(r.status).toBe(400);
    expect(errorCodes(r.json)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(r.json)).not.toContain('stacktrace');
  });
});

async function fastPathHits(base: string): Promise<number> {
  const res = await request(`${base}/metrics`);
  const text = await res.body.text();
  const m = /^sw_gateway_fast_path_responses_total(?:\{[^}]*\})? (\d+)/m.exec(text);
  return m ? Number(m[1]) : 0;
}

describe('single-fetch fast path', () => {
  it('returns exactly what the full Apollo pipeline returns', async () => {
    const before = await fastPathHits(gw.url);
    const queries = [
      '{ items { id name score } }',
      'query Named { list: items { name id } who: whoami { roles } }',
      '{ node { id child { id } } }',
      '{ items { id ... on Item { name } } }',
    ];
    for (const query of queries) {
      for (let i = 0; i < 3; i++) {
        const fast = await post(gw.url, { query, operationName: query.startsWith('query Named') ? 'Named' : undefined });
        const slow = await post(slowGw.url, { query, operationName: query.startsWith('query Named') ? 'Named' : undefined });
        expect(fast.status).toBe(200);
        expect(fast.json).toEqual(slow.json);
        expect(JSON.stringify(fast.json)).toBe(JSON.stringify(slow.json));
      }
    }
    // 3 eligible queries x 2 repeats after the first (planning) request; the inline-fragment query is not eligible.
    expect((await fastPathHits(gw.url)) - before).toBe(6);
    expect(await fastPathHits(slowGw.url)).toBe(0);
  });

  it('matches the full pipeline for operations with variables, valid or not', async () => {
    const before = await fastPathHits(gw.url);
    const cases: Array<{ query: string; operationName?: string; variables?: unknown }> = [
      { query: 'query One($id: ID!) { item(id: $id) { id name } }', operationName: 'One', variables: { id: 'i3' } },
      { query: 'query One($id: ID!) { item(id: $id) { id name } }', operationName: 'One', variables: { id: 7 } },
      { query: 'query One($id: ID!) { item(id: $id) { id name } }', operationName: 'One', variables: {} },
      { query: 'query One($id: ID!) { item(id: $id) { id name } }', operationName: 'One', variables: { id: { x: 1 } } },
      { query: 'query Page($n: Int = 2, $p: String) { itemsPage(first: $n, prefix: $p) { id } }', variables: { n: 3 } },
      { query: 'query Page($n: Int = 2, $p: String) { itemsPage(first: $n, prefix: $p) { id } }', variables: {} },
      { query: 'query Page($n: Int = 2, $p: String) { itemsPage(first: $n, prefix: $p) { id } }', variables: { n: 'three' } },
      { query: 'query Page($n: Int = 2, $p: String) { itemsPage(first: $n, prefix: $p) { id } }', variables: { n: 2.5 } },
      { query: 'query Page($n: Int = 2, $p: String) { itemsPage(first: $n, prefix: $p) { id } }', variables: { n: 1, p: 'Item 1', extra: true } },
    ];
    for (const c of cases) {
      for (let i = 0; i < 2; i++) {
        const fast = await post(gw.url, c);
        const slow = await post(slowGw.url, c);
        expect({ status: fast.status, json: fast.json }).toEqual({ status: slow.status, json: slow.json });
      }
    }
    expect((await fastPathHits(gw.url)) - before).toBeGreaterThanOrEqual(5);
  });

  it('sends a mutation exactly once and answers it as the full pipeline does: data, 200 errors and 4xx errors', async () => {
    const counter = async (base: string, key: string) => dataOf((await post<{ counter: number }>(base, { query: 'query C($k: String!) { counter(key: $k) }', variables: { k: key } })).json).counter;
    const bump = 'mutation Bump($k: String!, $f: Boolean) { bump(key: $k, fail: $f) }';
    const before = await fastPathHits(gw.url);
    for (const fail of [false, true]) {
      for (let i = 1; i <= 4; i++) {
        const fast = await post<{ bump: number }>(gw.url, { query: bump, operationName: 'Bump', variables: { k: `fast-${fail}`, f: fail } });
        const slow = await post(slowGw.url, { query: bump, operationName: 'Bump', variables: { k: `slow-${fail}`, f: fail } });
        // Same status and body, with the key (which differs on purpose) normalised.
        expect({ status: fast.status, json: JSON.parse(JSON.stringify(fast.json).replaceAll('fast-', 'slow-')) as unknown }).toEqual({ status: slow.status, json: slow.json });
        if (fail) expect(errorCodes(fast.json)).toEqual(['ERR_CONFLICT']);
        else expect(dataOf(fast.json).bump).toBe(i);
        // The subgraph ran the mutation once per request, on either path, whatever it answered.
        expect(await counter(echo.url, `fast-${fail}`)).toBe(i);
      }
    }
    // 3 successful repeats after the first (planning) request went out by the fast path; failures by the pipeline.
    expect((await fastPathHits(gw.url)) - before).toBe(3);
  });

  it('answers a mutation whose subgraph is unreachable exactly as the full pipeline does', async () => {
    const bump = 'mutation Gone($k: String!) { bump(key: $k) }';
    const lone = await startEchoSubgraph({ internalClaimsSecret: INTERNAL_SECRET });
    const common = { port: 0, host: '127.0.0.1', supergraphSdl: echoSupergraph(lone.url), jwtSecret: JWT_SECRET, internalSecret: INTERNAL_SECRET, logger: silent };
    const fastGw = await startGateway(common);
    const fullGw = await startGateway({ ...common, fastPath: false });
    try {
      for (const g of [fastGw, fullGw]) expect(dataOf((await post<{ bump: number }>(g.url, { query: bump, variables: { k: 'x' } })).json).bump).toBeGreaterThan(0);
      await lone.stop();
      const fast = await post(fastGw.url, { query: bump, variables: { k: 'x' } });
      const full = await post(fullGw.url, { query: bump, variables: { k: 'x' } });
      expect(errorCodes(fast.json)).toEqual(['ERR_UPSTREAM_UNAVAILABLE']);
      expect({ status: fast.status, json: fast.json }).toEqual({ status: full.status, json: full.json });
    } finally {
      await fastGw.stop();
      await fullGw.stop();
    }
  });

  it('still enforces limits and auth on repeated (cached) documents', async () => {
    const q = '{ whoami { sub } }';
    await post(gw.url, { query: q });
    await post(gw.url, { query: q });
    const bad = await post(gw.url, { query: q }, { authorization: 'Bearer nope' });
    expect(bad.status).toBe(401);
    const deep = `{ node { ${'child { '.repeat(12)}id${' }'.repeat(12)} } }`;
    for (let i = 0; i < 2; i++) expect(errorCodes((await post(gw.url, { query: deep })).json)[0]).toBe('ERR_QUERY_TOO_DEEP');
  });
});
