/**
 * Test harness for the accounts endpoints: a fresh hub database with Terran Space (capital sector 1, its own
 * starting credits), the echo subgraph, and a gateway over both with a private Redis prefix for session events
 * and rate limits. `call` posts JSON to /api/v1/auth/* and returns status, body and headers.
 */
import pino from 'pino';
import { request } from 'undici';
import { createRedisEventBus, type EventBus } from '@sw/events';
import { createTestDatabase, createTestRedisPrefix, insertRegion, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../server.ts';
import { echoSupergraph, startEchoSubgraph } from './echo-subgraph.ts';

export const AUTH_JWT_SECRET = 'auth-int-test-jwt-secret-0123456789abcdef';
export const AUTH_INTERNAL_SECRET = 'auth-int-test-internal-secret-0123456789';
export const TERRAN_STARTING_CREDITS = 2500;

export interface AuthHarness {
  db: TestDatabase<HubDb>;
  gw: RunningGateway;
  bus: EventBus;
  terranId: string;
  prefix: string;
  call(path: string, body?: unknown, headers?: Record<string, string>, method?: 'POST' | 'GET'): Promise<AuthResponse>;
  graphql(query: string, token?: string): Promise<AuthResponse>;
  /** Starts another gateway on the same database and bus (scale-out tests). */
  anotherGateway(over?: Partial<StartGatewayOptions>): Promise<RunningGateway>;
  stop(): Promise<void>;
}

/**
 * A response body as the tests read it: the union of the fields of every /api/v1/auth answer and of GraphQL answers.
 * A field that a given answer does not carry is simply undefined at run time (tests assert what they expect).
 */
export interface AuthBody {
  error: { code: string; message: string; details: { issues: { path: string; message: string }[]; retryAfterSeconds?: number } };
  user: { id: string; username: string; playerId: string };
  placement: { regionId: string; regionName: string; sectorNumber: number | null; startingCredits: number };
  citizenOf: string | null;
  inviteNotice: { code: string; message: string } | null;
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  sessionId: string;
  ended: boolean | number;
  sessions: { id: string; deviceId: string; current: boolean }[];
  data: { whoami: { username: string } };
  errors: { message: string; extensions: { code: string } }[];
}

export interface AuthResponse {
  status: number;
  body: AuthBody;
  headers: Record<string, string | string[] | undefined>;
}

async function send(url: string, method: 'POST' | 'GET', body: unknown, headers: Record<string, string>): Promise<AuthResponse> {
  const res = await request(url, {
    method,
    headers: method === 'POST' ? { 'content-type': 'application/json', ...headers } : headers,
    ...(method === 'POST' ? { body: typeof body === 'string' ? body : JSON.stringify(body ?? {}) } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: (text ? JSON.parse(text) : null) as AuthBody, headers: res.headers };
}

export async function startAuthHarness(over: Partial<StartGatewayOptions> = {}): Promise<AuthHarness> {
  const db = await createTestDatabase();
  const terran = await insertRegion(db.db, {
    name: 'terran-space',
    displayName: 'Terran Space',
    regionType: 'terran_space',
    totalSectors: 300,
    capitalSectorNumber: 1,
    startingCredits: TERRAN_STARTING_CREDITS,
  });
  const echo = await startEchoSubgraph({ internalClaimsSecret: AUTH_INTERNAL_SECRET });
  const prefix = createTestRedisPrefix('auth');
  const bus = createRedisEventBus({ prefix });
  const options = (o: Partial<StartGatewayOptions>): StartGatewayOptions => ({
    port: 0,
    host: '127.0.0.1',
    supergraphSdl: echoSupergraph(echo.url),
    databaseUrl: db.url,
    jwtSecret: AUTH_JWT_SECRET,
    internalSecret: AUTH_INTERNAL_SECRET,
    logger: pino({ level: 'silent' }),
    bus,
    env: {},
    ...over,
    ...o,
    rateLimits: { enabled: false, keyPrefix: `${prefix}rl:`, ...over.rateLimits, ...o.rateLimits },
  });
  const gw = await startGateway(options({}));
  const extra: RunningGateway[] = [];
  return {
    db,
    gw,
    bus,
    terranId: terran.id,
    prefix,
    call: (path, body, headers = {}, method = 'POST') => send(`${gw.url}/api/v1/auth${path}`, method, body, headers),
    graphql: (query, token) =>
      send(`${gw.url}/graphql`, 'POST', { query }, token ? { authorization: `Bearer ${token}` } : {}),
    async anotherGateway(o = {}) {
      const g = await startGateway(options(o));
      extra.push(g);
      return g;
    },
    async stop() {
      for (const g of extra) await g.stop();
      await gw.stop();
      await echo.stop();
      await bus.close();
      await db.drop();
    },
  };
}

/** A registration body that passes every rule. */
export function newAccount(name: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { username: name, email: `${name}@example.org`, password: `a long passphrase for ${name.length} stars`, ...over };
}
