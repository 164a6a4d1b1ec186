import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { CLAIMS_HEADER, CLAIMS_SIG_HEADER, encodeForwardedClaims } from '@sw/auth';
import type { Claims } from '@sw/auth';
import { DEFAULT_REDIS_URL } from '@sw/config';
import { DomainError } from '@sw/domain';
import type { ErrorCode } from '@sw/domain';
import { createRedisEventBus } from '@sw/events';
import type { Subscription } from '@sw/events';
import { createSubgraphService } from './create-subgraph-service.ts';
import type { SubgraphService } from './create-subgraph-service.ts';
import { requireAdmin, requireAuth } from './request-context.ts';
import type { RequestContext } from './request-context.ts';
import { restError } from './rest-error.ts';

const SECRET = 'service-kit-test-internal-secret-0123456789';
const SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Query {
  hello: String!
  me: Me
  fail(code: String!): String
  boom: String
  adminOnly: String
}
type Me { sub: String!, username: String!, requestId: String!, tenant: String! }
type Tick { n: Int! }
type Subscription { ticks(channel: String!): Tick! }
`;

interface Ctx extends RequestContext { tenant: string }

const claims = (over: Partial<Claims> = {}): Claims => ({
  sub: 'u-alice', username: 'alice', playerId: 'p-1', roles: ['player'], scopes: [],
  exp: Math.floor(Date.now() / 1000) + 600, ...over,
});

/** Parsed JSON body, for whole-body comparisons. */
const j = (res: Response): Promise<unknown> => res.json();

interface GqlBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; [key: string]: unknown } }>;
}
/** A GraphQL answer's body; `T` is the selected data (declared by the test, not checked). */
const gqlBody = async <T = Record<string, unknown>>(res: Response): Promise<GqlBody<T>> => (await res.json()) as GqlBody<T>;
/** The first error code of a GraphQL answer. */
const firstCode = async (res: Response): Promise<string | undefined> => (await gqlBody(res)).errors?.[0]?.extensions?.code;

async function eventually<T>(fn: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('createSubgraphService', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-service-kit-'));
  const sdlPath = join(dir, 'schema.graphql');
  const logLines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, new Writable({
    write(chunk, _enc, cb) { for (const l of String(chunk).split('\n')) if (l) logLines.push(JSON.parse(l) as Record<string, unknown>); cb(); },
  }));
  const bus = createRedisEventBus({ url: process.env.REDIS_URL || DEFAULT_REDIS_URL, prefix: `test:${randomUUID()}:` });
  const upstream: Subscription<unknown>[] = [];
  let healthy = true;
  let hang = false;
  let stopped = 0;
  let svc: SubgraphService;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${svc.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    writeFileSync(sdlPath, SDL);
    svc = await createSubgraphService<Ctx>({
      name: 'kit-test',
      sdlPath,
      port: 0,
      logger,
      internalClaimsSecret: SECRET,
      buildContext: (base) => ({ ...base, tenant: 'nexus' }),
      resolvers: {
        Query: {
          hello: () => 'world',
          me: (_: unknown, __: unknown, ctx: Ctx) => {
            const c = requireAuth(ctx);
            return { sub: c.sub, username: c.username, requestId: ctx.requestId, tenant: ctx.tenant };
          },
          fail: (_: unknown, { code }: { code: ErrorCode }) => { throw new DomainError(code, `failed with ${code}`, { hint: 1 }); },
          boom: () => { throw new Error('db password is hunter2'); },
          adminOnly: (_: unknown, __: unknown, ctx: Ctx) => { requireAdmin(ctx); return 'secret'; },
        },
        Subscription: {
          ticks: {
            subscribe: (_: unknown, { channel }: { channel: string }, ctx: Ctx) => {
              requireAuth(ctx);
              const sub = bus.subscribe<{ n: number }>(channel);
              upstream.push(sub);
              return sub;
            },
            resolve: (payload: { n: number }) => payload,
          },
        },
      },
      healthChecks: {
        redis: async () => { if (!healthy) throw new Error('redis down'); },
        slow: () => (hang ? new Promise(() => {}) : Promise.resolve()),
      },
      routes: (app) => {
        app.get('/api/thing/:id', (req, res) => {
          if (req.params.id !== '1') return restError(res, new DomainError('ERR_NOT_FOUND', 'no such thing'));
          res.json({ id: 1 });
        });
      },
      onStop: async () => { stopped++; },
    });
  });

  afterAll(async () => {
    await svc?.stop();
    await bus.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a query over HTTP', async () => {
    const res = await post({ query: '{ hello }' });
    expect(res.status).toBe(200);
    expect(await j(res)).toEqual({ data: { hello: 'world' } });
    expect(svc.url).toBe(`http://127.0.0.1:${svc.port}`);
  });

  it('answers GET queries (with the CSRF preflight header) and sends content-length', async () => {
    const res = await fetch(`${svc.url}/graphql?query=${encodeURIComponent('{ hello }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('content-length')).toBe(String('{"data":{"hello":"world"}}\n'.length));
    expect(await j(res)).toEqual({ data: { hello: 'world' } });
    const blocked = await fetch(`${svc.url}/graphql?query=${encodeURIComponent('{ hello }')}`);
    expect(blocked.status).toBe(400);
  });

  it('serves the federation _service SDL', async () => {
    const body = await gqlBody<{ _service: { sdl: string } }>(await post({ query: '{ _service { sdl } }' }));
    expect(body.data?._service.sdl).toContain('type Tick');
  });

  it('turns a DomainError into its code and http status (HTTP stays 200)', async () => {
    const res = await post({ query: '{ fail(code: "ERR_REGION_NOT_FOUND") }' });
    expect(res.status).toBe(200);
    const body = await gqlBody(res);
    expect(body.data).toEqual({ fail: null });
    expect(body.errors).toEqual([{
      message: 'failed with ERR_REGION_NOT_FOUND', locations: [{ line: 1, column: 3 }], path: ['fail'],
      extensions: { code: 'ERR_REGION_NOT_FOUND', http: { status: 404 }, details: { hint: 1 } },
    }]);
  });

  it('hides unknown errors behind ERR_INTERNAL and logs the real one', async () => {
    const body = await gqlBody(await post({ query: '{ boom }' }));
    expect(body.errors?.[0]?.message).toBe('Internal server error');
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'ERR_INTERNAL', http: { status: 500 } });
    expect(JSON.stringify(body)).not.toContain('hunter2');
    const line = logLines.find((l) => l.msg === 'unhandled error in GraphQL request');
    expect(JSON.stringify(line)).toContain('hunter2');
  });

  it('keeps GraphQL validation and variable errors codes', async () => {
    const res = await post({ query: '{ nope }' });
    expect(res.status).toBe(400);
    expect(await firstCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await firstCode(await post({ query: 'query($c: String!) { fail(code: $c) }', variables: {} }))).toBe('BAD_USER_INPUT');
  });

  it('rejects forged forwarded claims with 401 ERR_INVALID_TOKEN', async () => {
    const forged = encodeForwardedClaims(claims({ roles: ['player', 'admin'] }), 'attacker-guess');
    const res = await post({ query: '{ hello }' }, forged);
    expect(res.status).toBe(401);
    expect(await firstCode(res)).toBe('ERR_INVALID_TOKEN');
    const noSig = await post({ query: '{ hello }' }, { [CLAIMS_HEADER]: forged[CLAIMS_HEADER]! });
    expect(noSig.status).toBe(401);
  });

  it('puts valid forwarded claims, request id and buildContext fields into the context', async () => {
    const body = await j(await post({ query: '{ me { sub username requestId tenant } }' }, {
      ...encodeForwardedClaims(claims(), SECRET), 'x-request-id': 'req-123',
    }));
    expect(body).toEqual({ data: { me: { sub: 'u-alice', username: 'alice', requestId: 'req-123', tenant: 'nexus' } } });
  });

  it('enforces requireAuth and requireAdmin', async () => {
    expect(await firstCode(await post({ query: '{ me { sub } }' }))).toBe('ERR_UNAUTHENTICATED');
    expect(await firstCode(await post({ query: '{ adminOnly }' }, encodeForwardedClaims(claims(), SECRET)))).toBe('ERR_ADMIN_REQUIRED');
    const admin = await j(await post({ query: '{ adminOnly }' }, encodeForwardedClaims(claims({ roles: ['player', 'admin'] }), SECRET)));
    expect(admin).toEqual({ data: { adminOnly: 'secret' } });
  });

  it('refuses subscriptions over HTTP with ERR_SUBSCRIPTION_OVER_HTTP', async () => {
    const res = await post({ query: 'subscription { ticks(channel: "x") { n } }' });
    expect(res.status).toBe(405);
    expect(await firstCode(res)).toBe('ERR_SUBSCRIPTION_OVER_HTTP');
  });

  it('serves extra REST routes with restError and a JSON 404', async () => {
    expect(await j(await fetch(`${svc.url}/api/thing/1`))).toEqual({ id: 1 });
    const missing = await fetch(`${svc.url}/api/thing/2`);
    expect(missing.status).toBe(404);
    expect(await j(missing)).toEqual({ error: { code: 'ERR_NOT_FOUND', message: 'no such thing' } });
    const unknown = await fetch(`${svc.url}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(await j(unknown)).toMatchObject({ error: { code: 'ERR_NOT_FOUND' } });
  });

  it('answers malformed and oversized bodies with JSON errors', async () => {
    const bad = await fetch(`${svc.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(bad.status).toBe(400);
    expect(await firstCode(bad)).toBe('ERR_BAD_REQUEST');
    const big = await post({ query: `{ hello } # ${'x'.repeat(1024 * 1024)}` });
    expect(big.status).toBe(400); // ERR_QUERY_TOO_LARGE maps to 400 in ERROR_STATUS
    expect(await firstCode(big)).toBe('ERR_QUERY_TOO_LARGE');
  });

  it('reports /health 200 when checks pass and 503 naming the failing or hanging check', async () => {
    const ok = await fetch(`${svc.url}/health`);
    expect(ok.status).toBe(200);
    const okBody = await j(ok);
    expect(okBody).toMatchObject({ status: 'ok', service: 'kit-test', checks: { redis: { status: 'ok' }, slow: { status: 'ok' } } });
    healthy = false;
    const down = await fetch(`${svc.url}/health`);
    expect(down.status).toBe(503);
    expect(await j(down)).toMatchObject({ status: 'error', failing: ['redis'], checks: { redis: { status: 'error', error: 'redis down' } } });
    healthy = true;
    hang = true;
    const t0 = Date.now();
    const slow = await fetch(`${svc.url}/health`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - t0).toBeLessThan(4000);
    expect(slow.status).toBe(503);
    expect(await j(slow)).toMatchObject({ failing: ['slow'] });
    hang = false;
  });

  it('exposes Prometheus metrics with the GraphQL request histogram', async () => {
    await post({ query: '{ hello }' });
    const res = await fetch(`${svc.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/graphql_request_duration_seconds_count\{[^}]*operation_type="query"[^}]*\} [1-9]/);
    expect(text).toContain('service="kit-test"');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('delivers events to a graphql-ws subscription authenticated by forwarded claims', async () => {
    const client = createClient({
      url: `${svc.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: encodeForwardedClaims(claims(), SECRET),
      retryAttempts: 0,
    });
    const channel = `ticks.${randomUUID()}`;
    const before = upstream.length;
    const it = client.iterate<{ ticks: { n: number } }>({ query: `subscription { ticks(channel: "${channel}") { n } }` });
    const first = it.next();
    const sub = await eventually(() => upstream[before]);
    await sub.ready;
    for (let n = 1; n <= 3; n++) await bus.publish(channel, { n });
    // A finished iterator's `value` is untyped; only yielded results carry the subscription's data.
    const tick = async (p: ReturnType<typeof it.next>) => { const r = await p; return r.done ? undefined : r.value.data?.ticks.n; };
    const got = [await tick(first), await tick(it.next()), await tick(it.next())];
    expect(got).toEqual([1, 2, 3]);
    expect(await eventually(() => ((svc.metrics.wsConnections as unknown as { hashMap: Record<string, { value: number }> }).hashMap[''] ?? { value: 0 }).value === 1 ? true : undefined)).toBe(true);
    await it.return?.();
    // completing the client subscription closes the upstream bus subscription
    expect(await sub.next()).toEqual({ value: undefined, done: true });
    await client.dispose();
  });

  it('closes graphql-ws connections carrying forged claims with 4403', async () => {
    const code = await new Promise<number>((resolve) => {
      const client = createClient({
        url: `${svc.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { [CLAIMS_HEADER]: 'eyJ9', [CLAIMS_SIG_HEADER]: 'bad' },
        retryAttempts: 0,
        on: { closed: (e) => resolve((e as { code: number }).code) },
      });
      client.subscribe({ query: 'subscription { ticks(channel: "x") { n } }' }, { next() {}, error() {}, complete() {} });
    });
    expect(code).toBe(4403);
  });

  it('stop() closes open WebSockets, frees the port and runs onStop once', async () => {
    const client = createClient({
      url: `${svc.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: encodeForwardedClaims(claims(), SECRET),
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
    });
    const closed = new Promise<number>((resolve) => client.on('closed', (e) => resolve((e as { code: number }).code)));
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    const port = svc.port;
    await Promise.all([svc.stop(), svc.stop()]);
    expect(stopped).toBe(1);
    expect(await closed).toBe(1001);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => { probe.once('error', reject); probe.listen(port, '127.0.0.1', () => resolve()); });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await client.dispose();
  });
});
