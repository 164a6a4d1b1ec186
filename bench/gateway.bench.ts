/**
 * `pnpm bench:gateway` — what the GraphQL gateway adds on top of a subgraph, and how it compares to a stock Apollo gateway.
 *
 * Creates its own database (migrated hub schema), seeds 50 player-owned regions with realistic configuration, owners and
 * a few hundred memberships, starts the REAL Region subgraph in-process, then sends one dashboard query
 *   (a) directly to the Region subgraph,
 *   (b) through our gateway (@sw/gateway startGateway: ApolloServer 5 + ApolloGateway + our data source / fast path),
 *   (c) through a STOCK gateway (new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) }), startStandaloneServer,
 *       defaults; only the region URL is pointed at the same subgraph),
 *   (d) extra: our gateway with the single-fetch fast path disabled (the full Apollo pipeline),
 * all in this one process (same event loop, so the numbers are CPU per request of the whole path), with an undici Pool
 * client at concurrency 1 and 16. Every response is checked (HTTP 200, no GraphQL errors) and before measuring the
 * answers are compared for equality. Each phase: 200 warm-up requests, then 2000 requests or 10 s, whichever first;
 * BENCH_ROUNDS (3) interleaved rounds per concurrency, median per target.
 *
 * Prints ONE JSON line on stdout (logs go to stderr). p50/p95 at concurrency 1, rps at concurrency 16.
 * Env: BENCH_REQUESTS (2000), BENCH_WARMUP (200), BENCH_MAX_SECONDS (10), BENCH_ROUNDS (3).
 */
import { readFileSync } from 'node:fs';
import { Pool } from 'undici';
import { createTestDatabase } from '@sw/testing';
import { startGateway, startStockGateway, SUPERGRAPH_PATH } from '@sw/gateway';
import { startRegionSubgraph } from '@sw/subgraph-region';
import { seedGatewayBenchData } from './gateway-bench-seed.ts';

const log = (...args: unknown[]) => console.error('[bench:gateway]', ...args);
// Keep stdout for the single result line: library chatter (Apollo's default logger) goes to stderr.
console.log = console.info = console.warn = console.debug = (...args: unknown[]) => console.error(...args);
process.env.LOG_LEVEL ??= 'warn';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const MAX_MS = Number(process.env.BENCH_MAX_SECONDS ?? 10) * 1000;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

const DASHBOARD_QUERY = `{ regions(first: 50) { id name displayName status regionType totalSectors governance { governanceType votingThreshold governanceQuorumPct } economy { taxRate startingCredits treasuryBalance } counts { members citizens } } }`;

interface Target {
  name: string;
  origin: string;
  path: string;
}

interface PhaseResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Per-field median of several rounds of one target. */
function medianResult(list: PhaseResult[]): PhaseResult {
  const med = (f: (r: PhaseResult) => number) => {
    const v = list.map(f).sort((a, b) => a - b);
    return v[Math.floor(v.length / 2)]!;
  };
  return { requests: med((r) => r.requests), seconds: med((r) => r.seconds), rps: med((r) => r.rps), p50: med((r) => r.p50), p95: med((r) => r.p95) };
}

/** Sends the query once and returns the body; throws on a non-200 status or GraphQL errors (never bend: every answer counts). */
async function send(pool: Pool, target: Target, body: string): Promise<string> {
  const res = await pool.request({
    path: target.path,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  });
  const text = await res.body.text();
  if (res.statusCode !== 200 || text.includes('"errors"')) {
    throw new Error(`${target.name}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
  }
  return text;
}

/** Warm-up, then up to REQUESTS requests (or MAX_MS) from `concurrency` workers; latency per request. */
async function measure(target: Target, concurrency: number): Promise<PhaseResult> {
  const pool = new Pool(target.origin, { connections: concurrency, pipelining: 1 });
  const body = JSON.stringify({ query: DASHBOARD_QUERY });
  try {
    let warm = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (warm < WARMUP) {
          warm++;
          await send(pool, target, body);
        }
      }),
    );
    const latencies: number[] = [];
    let issued = 0;
    const started = performance.now();
    const deadline = started + MAX_MS;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (issued < REQUESTS && performance.now() < deadline) {
          issued++;
          const t0 = performance.now();
          await send(pool, target, body);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      seconds: round(seconds, 2),
      rps: round(latencies.length / seconds, 1),
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
    };
  } finally {
    await pool.close();
  }
}

async function main(): Promise<void> {
  const cleanup: Array<() => Promise<unknown>> = [];
  try {
    log('creating database');
    const testDb = await createTestDatabase({ max: 5 });
    cleanup.push(() => testDb.drop());
    const seeded = await seedGatewayBenchData(testDb.db);
    log(`seeded ${seeded.regions} regions, ${seeded.players} players, ${seeded.memberships} memberships`);

    const region = await startRegionSubgraph({ port: 0, databaseUrl: testDb.url, host: '127.0.0.1' });
    cleanup.unshift(() => region.stop());
    const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
    const ours = await startGateway({ rateLimits: { enabled: false }, port: 0, host: '127.0.0.1', supergraphSdl, subgraphUrls: { region: region.url } });
    cleanup.unshift(() => ours.stop());
    const full = await startGateway({ rateLimits: { enabled: false }, port: 0, host: '127.0.0.1', supergraphSdl, subgraphUrls: { region: region.url }, fastPath: false });
    cleanup.unshift(() => full.stop());
    const stock = await startStockGateway({ supergraphSdl, subgraphUrls: { region: `${region.url}/graphql` } });
    cleanup.unshift(() => stock.stop());

    const targets = {
      direct: { name: 'direct', origin: region.url, path: '/graphql' },
      gateway: { name: 'gateway', origin: ours.url, path: '/graphql' },
      full: { name: 'gateway-full-pipeline', origin: full.url, path: '/graphql' },
      stock: { name: 'stock-gateway', origin: stock.url, path: '/' },
    } satisfies Record<string, Target>;

    // Same answer everywhere before anything is timed.
    const answers: Record<string, unknown> = {};
    for (const [key, t] of Object.entries(targets)) {
      const pool = new Pool(t.origin, { connections: 1 });
      // Twice: the second request of our gateway is served by the fast path (if eligible).
      await send(pool, t, JSON.stringify({ query: DASHBOARD_QUERY }));
      answers[key] = JSON.parse(await send(pool, t, JSON.stringify({ query: DASHBOARD_QUERY })));
      await pool.close();
    }
    const reference = JSON.stringify(answers.direct);
    for (const [key, a] of Object.entries(answers)) {
      if (JSON.stringify(a) !== reference) throw new Error(`${key} answered differently from the subgraph`);
    }
    const regionCount = (answers.direct as { data: { regions: unknown[] } }).data.regions.length;
    if (regionCount !== 50) throw new Error(`expected 50 regions, got ${regionCount}`);

    // Interleaved rounds (direct, gateway, full, stock, direct, ...) so drift in machine load hits every target alike;
    // each target's result is the median over rounds.
    const runAll = async (concurrency: number): Promise<Record<string, PhaseResult>> => {
      const rounds: Record<string, PhaseResult[]> = {};
      for (let r = 0; r < ROUNDS; r++) {
        for (const [key, t] of Object.entries(targets)) {
          const res = await measure(t, concurrency);
          (rounds[key] ??= []).push(res);
          log(`c=${concurrency} round ${r + 1}/${ROUNDS} ${t.name.padEnd(22)} p50 ${res.p50} ms  p95 ${res.p95} ms  ${res.rps} rps`);
        }
      }
      const out: Record<string, PhaseResult> = {};
      for (const [key, list] of Object.entries(rounds)) out[key] = medianResult(list);
      return out;
    };
    const c1 = await runAll(1);
    const c16 = await runAll(16);

    const result = {
      direct_p50_ms: c1.direct!.p50,
      gateway_p50_ms: c1.gateway!.p50,
      gateway_p95_ms: c1.gateway!.p95,
      added_p50_ms: round(c1.gateway!.p50 - c1.direct!.p50),
      gateway_rps: c16.gateway!.rps,
      stock_gateway_rps: c16.stock!.rps,
      rps_vs_stock: round(c16.gateway!.rps / c16.stock!.rps, 2),
      direct_rps: c16.direct!.rps,
      stock_gateway_p50_ms: c1.stock!.p50,
      stock_added_p50_ms: round(c1.stock!.p50 - c1.direct!.p50),
      full_pipeline_p50_ms: c1.full!.p50,
      full_pipeline_rps: c16.full!.rps,
      full_pipeline_rps_vs_stock: round(c16.full!.rps / c16.stock!.rps, 2),
      concurrency: [1, 16],
      requests_per_phase: REQUESTS,
      rounds: ROUNDS,
      layout: 'single process: client, region subgraph and gateways share one event loop; Postgres local',
      node: process.version,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    for (const fn of cleanup) {
      try {
        await fn();
      } catch (err) {
        log('cleanup failed:', err);
      }
    }
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log('FAILED:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
