/**
 * `pnpm bench:auth` — what accounts and access control cost, through a real gateway over a fresh hub database.
 *
 *  - login_p95_ms: POST /api/v1/auth/login (argon2id verification with the production parameters + a new session);
 *  - refresh_p95_ms: POST /api/v1/auth/refresh, rotating one session's token again and again (one transaction);
 *  - authorized_request_overhead_ms: median latency of `{ whoami { username } }` with a Bearer token minus the same
 *    request without one (verification is cached per token; the claims are signed for the subgraph and checked there);
 *  - rate_limit_overhead_ms: median latency of that authorized request on a gateway with Redis rate limits on
 *    (budgets too large to refuse) minus a gateway with them off.
 * Concurrency 1, keep-alive, interleaved rounds (BENCH_ROUNDS, default 3) and the median of the round medians, so a
 * burst of load from other processes on the machine does not land on one side only. Prints ONE JSON line on stdout.
 * Env: BENCH_LOGINS (60), BENCH_REFRESHES (600), BENCH_REQUESTS (2000 per side and round), BENCH_ROUNDS (3).
 */
import pino from 'pino';
import { Pool } from 'undici';
import { OWASP_ARGON2ID, argon2ParamsFromEnv } from '@sw/accounts';
import { createRedisEventBus } from '@sw/events';
import { createTestDatabase, createTestRedisPrefix, insertRegion } from '@sw/testing';
import { startGateway } from '@sw/gateway';
import { echoSupergraph, startEchoSubgraph } from '../gateway/src/__fixtures__/echo-subgraph.ts';
import { benchRateLimits } from './bench-rate-limits.ts';

const log = (...args: unknown[]) => console.error('[bench:auth]', ...args);
console.log = console.info = console.warn = console.debug = (...args: unknown[]) => console.error(...args);
process.env.LOG_LEVEL ??= 'warn';

const LOGINS = Number(process.env.BENCH_LOGINS ?? 60);
const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 600);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const JWT_SECRET = 'bench-auth-jwt-secret-0123456789abcdef';
const INTERNAL_SECRET = 'bench-auth-internal-secret-0123456789abc';

function quantile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
const median = (xs: number[]) => quantile(xs, 0.5);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

async function main(): Promise<void> {
  const db = await createTestDatabase();
  await insertRegion(db.db, { name: 'terran-space', regionType: 'terran_space', totalSectors: 300, capitalSectorNumber: 1 });
  const echo = await startEchoSubgraph({ internalClaimsSecret: INTERNAL_SECRET });
  const prefix = createTestRedisPrefix('bench-auth');
  const bus = createRedisEventBus({ prefix });
  const common = {
    port: 0,
    host: '127.0.0.1',
    supergraphSdl: echoSupergraph(echo.url),
    databaseUrl: db.url,
    jwtSecret: JWT_SECRET,
    internalSecret: INTERNAL_SECRET,
    logger: pino({ level: 'warn' }),
    bus,
  };
  const plain = await startGateway({ ...common, rateLimits: { enabled: false } });
  const limited = await startGateway({
    ...common,
    rateLimits: benchRateLimits(`${prefix}rl:`),
  });
  const pools = { plain: new Pool(plain.url, { connections: 1 }), limited: new Pool(limited.url, { connections: 1 }) };
  const post = async (pool: Pool, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const t0 = performance.now();
    const res = await pool.request({ path, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await res.body.text();
    const ms = performance.now() - t0;
    if (res.statusCode >= 400) throw new Error(`${path} answered ${res.statusCode}: ${text.slice(0, 200)}`);
    return { ms, json: JSON.parse(text) as Record<string, unknown> };
  };
  try {
    const password = 'a benchmark passphrase that is long';
    const reg = await post(pools.plain, '/api/v1/auth/register', { username: 'benchpilot', email: 'benchpilot@example.org', password });

    log(`login x${LOGINS}`);
    const logins: number[] = [];
    for (let i = 0; i < LOGINS; i++) logins.push((await post(pools.plain, '/api/v1/auth/login', { login: 'benchpilot', password, deviceId: `bench-device-${i % 4}` })).ms);

    log(`refresh x${REFRESHES}`);
    let refreshToken = reg.json.refreshToken as string;
    const refreshes: number[] = [];
    for (let i = 0; i < REFRESHES; i++) {
      const r = await post(pools.plain, '/api/v1/auth/refresh', { refreshToken });
      refreshes.push(r.ms);
      refreshToken = r.json.refreshToken as string;
    }
    const accessToken = (await post(pools.plain, '/api/v1/auth/refresh', { refreshToken })).json.accessToken as string;

    const query = { query: '{ whoami { username } }' };
    const bearer = { authorization: `Bearer ${accessToken}` };
    const series = async (pool: Pool, headers: Record<string, string>) => {
      const out: number[] = [];
      for (let i = 0; i < REQUESTS; i++) out.push((await post(pool, '/graphql', query, headers)).ms);
      return median(out);
    };
    for (const pool of [pools.plain, pools.limited]) for (let i = 0; i < 200; i++) await post(pool, '/graphql', query, bearer); // warm-up
    const authOverhead: number[] = [];
    const limitOverhead: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      log(`round ${r + 1}/${ROUNDS}`);
      const anon = await series(pools.plain, {});
      const authed = await series(pools.plain, bearer);
      const withLimits = await series(pools.limited, bearer);
      const authed2 = await series(pools.plain, bearer);
      authOverhead.push(authed - anon);
      limitOverhead.push(withLimits - (authed + authed2) / 2);
    }
    const params = argon2ParamsFromEnv();
    process.stdout.write(
      `${JSON.stringify({
        login_p95_ms: round3(quantile(logins, 0.95)),
        refresh_p95_ms: round3(quantile(refreshes, 0.95)),
        authorized_request_overhead_ms: round3(median(authOverhead)),
        rate_limit_overhead_ms: round3(median(limitOverhead)),
        argon2id: { memoryKiB: params.memoryCost, iterations: params.timeCost, parallelism: params.parallelism, owasp: JSON.stringify(params) === JSON.stringify(OWASP_ARGON2ID) },
        login_p50_ms: round3(median(logins)),
        refresh_p50_ms: round3(median(refreshes)),
        samples: { logins: LOGINS, refreshes: REFRESHES, requests_per_side_per_round: REQUESTS, rounds: ROUNDS },
      })}\n`,
    );
  } finally {
    await pools.plain.close();
    await pools.limited.close();
    await limited.stop();
    await plain.stop();
    await echo.stop();
    await bus.close();
    await db.drop();
  }
}

await main();
