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
 * Cross-subgraph dashboard query (issue 17): the same database also backs the REAL Governance subgraph and the REAL
 * orchestrator (its subgraph; seeded regions are hibernated, so its reconciler starts nothing), and a second query —
 * the 50 regions with their policies and elections (governance) and their runtime (orchestrator), as an admin sees them —
 * is sent
 *   (a') "direct": the client runs the plan's three subgraph fetches itself (regions, then both `_entities` fetches in
 *        parallel) and merges them — the floor for any gateway,
 *   (b') through our gateway (Bearer token; the gateway forwards signed claims),
 *   (c') through the stock gateway, which copies the same signed `x-sw-claims` headers onto its subgraph fetches,
 *   (d') extra: our gateway with fastPath false (no compiled plan: the full Apollo pipeline).
 * Answers are compared for equality before timing, exactly like the single-subgraph query.
 *
 * Prints ONE JSON line on stdout (logs go to stderr). p50/p95 at concurrency 1, rps at concurrency 16.
 * Env: BENCH_REQUESTS (2000), BENCH_WARMUP (200), BENCH_MAX_SECONDS (10), BENCH_ROUNDS (3),
 * BENCH_QUERIES (`single,cross`: which query sets to run; the JSON line then holds only their fields).
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { Pool } from 'undici';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createTestDatabase, createTestRedisPrefix } from '@sw/testing';
import { CLAIMS_HEADER, CLAIMS_SIG_HEADER, encodeForwardedClaims } from '@sw/auth';
import { createRedisEventBus } from '@sw/events';
import { startGateway, startStockGateway, SUPERGRAPH_PATH } from '@sw/gateway';
import { startRegionSubgraph } from '@sw/subgraph-region';
import { startGovernanceSubgraph } from '@sw/subgraph-governance';
import { seedGatewayBenchData } from './gateway-bench-seed.ts';

const { startOrchestrator } = await import('../orchestrator/src/index.ts');
const { createProcessDriver } = await import('../orchestrator/src/drivers/process/process-driver.ts');
const { userWithToken } = await import('../orchestrator/src/testing/fixtures.ts');
const { REPO_ROOT } = await import('../orchestrator/src/config.ts');

const log = (...args: unknown[]) => console.error('[bench:gateway]', ...args);
// Keep stdout for the single result line: library chatter (Apollo's default logger) goes to stderr.
console.log = console.info = console.warn = console.debug = (...args: unknown[]) => console.error(...args);
process.env.LOG_LEVEL ??= 'warn';
// Gateways log to stderr too (pino's default is stdout, which would break the one-line result).
const gatewayLogger = () => pino({ level: process.env.LOG_LEVEL }, pino.destination(2));

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const MAX_MS = Number(process.env.BENCH_MAX_SECONDS ?? 10) * 1000;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const QUERIES = new Set((process.env.BENCH_QUERIES ?? 'single,cross').split(',').map((q) => q.trim()));

const DASHBOARD_QUERY = `{ regions(first: 50) { id name displayName status regionType totalSectors governance { governanceType votingThreshold governanceQuorumPct } economy { taxRate startingCredits treasuryBalance } counts { members citizens } } }`;

/** Regions (region subgraph) with policies and elections (governance) and runtime (orchestrator): three subgraphs. */
const POLICY_FIELDS = 'id title policyType status votesFor votesAgainst votingClosesAt';
const ELECTION_FIELDS = 'id position status votingClosesAt';
const RUNTIME_FIELDS = 'state desiredState driver restartCount lastHeartbeatAt spec { cpu memoryGb maxPlayers }';
const REGION_FIELDS = 'id name displayName status totalSectors governance { governanceType votingThreshold } economy { taxRate treasuryBalance } counts { members citizens }';
const CROSS_QUERY = `{ regions(first: 50) { ${REGION_FIELDS} policies { ${POLICY_FIELDS} } elections { ${ELECTION_FIELDS} } runtime { ${RUNTIME_FIELDS} } } }`;
// The fetches the query plan makes, written out for the "direct" baseline.
const DIRECT_REGIONS = `{ regions(first: 50) { __typename ${REGION_FIELDS} } }`;
const DIRECT_GOVERNANCE = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Region { policies { ${POLICY_FIELDS} } elections { ${ELECTION_FIELDS} } } } }`;
const DIRECT_RUNTIME = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Region { runtime { ${RUNTIME_FIELDS} } } } }`;

interface Target {
  name: string;
  /** One request; resolves to the response body, throws on a non-200 status or GraphQL errors. */
  send(): Promise<string>;
  close(): Promise<void>;
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

/** POSTs a body once and returns the response text; throws on a non-200 status or GraphQL errors (never bend: every answer counts). */
async function post(pool: Pool, name: string, urlPath: string, body: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await pool.request({
    path: urlPath,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
  });
  const text = await res.body.text();
  if (res.statusCode !== 200 || text.includes('"errors"')) {
    throw new Error(`${name}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`);
  }
  return text;
}

/** A target that POSTs one GraphQL query to one endpoint over its own keep-alive pool. */
function endpoint(name: string, origin: string, urlPath: string, query: string, connections: number, headers: Record<string, string> = {}): Target {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  const body = JSON.stringify({ query });
  return { name, send: () => post(pool, name, urlPath, body, headers), close: () => pool.close() };
}

/**
 * The "direct" baseline of the cross-subgraph query: the plan's fetches run by the client — the regions, then the
 * governance and orchestrator `_entities` fetches in parallel — merged into the gateway's answer shape.
 */
function directCross(urls: { region: string; governance: string; orchestrator: string }, headers: Record<string, string>, connections: number): Target {
  const pools = Object.fromEntries(Object.entries(urls).map(([k, u]) => [k, new Pool(u, { connections, pipelining: 1 })])) as Record<keyof typeof urls, Pool>;
  const regionsBody = JSON.stringify({ query: DIRECT_REGIONS });
  type Row = Record<string, unknown> & { __typename: string; id: string };
  return {
    name: 'direct-cross',
    async send() {
      const regions = (JSON.parse(await post(pools.region, 'direct-cross', '/graphql', regionsBody, headers)) as { data: { regions: Row[] } }).data.regions;
      const representations = regions.map((r) => ({ __typename: r.__typename, id: r.id }));
      const [gov, orch] = await Promise.all([
        post(pools.governance, 'direct-cross', '/graphql', JSON.stringify({ query: DIRECT_GOVERNANCE, variables: { representations } }), headers),
        post(pools.orchestrator, 'direct-cross', '/graphql', JSON.stringify({ query: DIRECT_RUNTIME, variables: { representations } }), headers),
      ]);
      const g = (JSON.parse(gov) as { data: { _entities: Array<{ policies: unknown; elections: unknown }> } }).data._entities;
      const o = (JSON.parse(orch) as { data: { _entities: Array<{ runtime: unknown }> } }).data._entities;
      return JSON.stringify({
        data: { regions: regions.map(({ __typename: _t, ...r }, i) => ({ ...r, policies: g[i]!.policies, elections: g[i]!.elections, runtime: o[i]!.runtime })) },
      });
    },
    close: async () => {
      await Promise.all(Object.values(pools).map((p) => p.close()));
    },
  };
}

/** Warm-up, then up to REQUESTS requests (or MAX_MS) from `concurrency` workers; latency per request. */
async function measure(make: (connections: number) => Target, concurrency: number): Promise<PhaseResult> {
  const target = make(concurrency);
  const send = () => target.send();
  try {
    let warm = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (warm < WARMUP) {
          warm++;
          await send();
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
          await send();
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
    await target.close();
  }
}

/** Checks that every target gives the reference answer (twice: the second request may take a cached path). */
async function sameAnswers(targets: Record<string, (c: number) => Target>, referenceKey: string): Promise<unknown> {
  const answers: Record<string, string> = {};
  for (const [key, make] of Object.entries(targets)) {
    const t = make(1);
    try {
      await t.send();
      answers[key] = JSON.stringify(JSON.parse(await t.send()));
    } finally {
      await t.close();
    }
  }
  const reference = answers[referenceKey]!;
  for (const [key, a] of Object.entries(answers)) {
    if (a !== reference) throw new Error(`${key} answered differently from ${referenceKey}:\n${a.slice(0, 400)}\n${reference.slice(0, 400)}`);
  }
  return JSON.parse(reference);
}

/**
 * Interleaved rounds (direct, gateway, full, stock, direct, ...) so drift in machine load hits every target alike;
 * each target's result is the median over rounds.
 */
async function runAll(label: string, targets: Record<string, (c: number) => Target>, concurrency: number): Promise<Record<string, PhaseResult>> {
  const rounds: Record<string, PhaseResult[]> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const [key, make] of Object.entries(targets)) {
      const res = await measure(make, concurrency);
      (rounds[key] ??= []).push(res);
      log(`${label} c=${concurrency} round ${r + 1}/${ROUNDS} ${key.padEnd(8)} p50 ${res.p50} ms  p95 ${res.p95} ms  ${res.rps} rps`);
    }
  }
  const out: Record<string, PhaseResult> = {};
  for (const [key, list] of Object.entries(rounds)) out[key] = medianResult(list);
  return out;
}

async function main(): Promise<void> {
  const cleanup: Array<() => Promise<unknown>> = [];
  try {
    log('creating database');
    const testDb = await createTestDatabase({ max: 5 });
    cleanup.push(() => testDb.drop());
    const seeded = await seedGatewayBenchData(testDb.db);
    log(`seeded ${seeded.regions} regions, ${seeded.players} players, ${seeded.memberships} memberships, ${seeded.policies} policies, ${seeded.elections} elections`);

    const region = await startRegionSubgraph({ port: 0, databaseUrl: testDb.url, host: '127.0.0.1' });
    cleanup.unshift(() => region.stop());
    const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
    const result: Record<string, unknown> = {};

    if (QUERIES.has('single')) {
      const common = { rateLimits: { enabled: false }, port: 0, host: '127.0.0.1', supergraphSdl, subgraphUrls: { region: region.url }, databaseUrl: testDb.url };
      const ours = await startGateway({ ...common, logger: gatewayLogger() });
      const full = await startGateway({ ...common, logger: gatewayLogger(), fastPath: false });
      const stock = await startStockGateway({ supergraphSdl, subgraphUrls: { region: `${region.url}/graphql` } });
      const targets = {
        direct: (c: number) => endpoint('direct', region.url, '/graphql', DASHBOARD_QUERY, c),
        gateway: (c: number) => endpoint('gateway', ours.url, '/graphql', DASHBOARD_QUERY, c),
        full: (c: number) => endpoint('gateway-full-pipeline', full.url, '/graphql', DASHBOARD_QUERY, c),
        stock: (c: number) => endpoint('stock-gateway', stock.url, '/', DASHBOARD_QUERY, c),
      };
      try {
        // Same answer everywhere before anything is timed.
        const answer = (await sameAnswers(targets, 'direct')) as { data: { regions: unknown[] } };
        if (answer.data.regions.length !== 50) throw new Error(`expected 50 regions, got ${answer.data.regions.length}`);
        const c1 = await runAll('single', targets, 1);
        const c16 = await runAll('single', targets, 16);
        Object.assign(result, {
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
        });
      } finally {
        await ours.stop();
        await full.stop();
        await stock.stop();
      }
    }

    if (QUERIES.has('cross')) {
      // Governance and the orchestrator on the same database; the admin's claims let the orchestrator show runtimes.
      const instance = `gwbench-${randomUUID().slice(0, 8)}`;
      const backupDir = path.join(os.tmpdir(), `sw-backups-${instance}`);
      cleanup.push(async () => rmSync(backupDir, { recursive: true, force: true }));
      const eventsPrefix = createTestRedisPrefix('gw-bench');
      const governance = await startGovernanceSubgraph({ port: 0, databaseUrl: testDb.url, eventsPrefix, runJobs: false, dbPoolSize: 4, host: '127.0.0.1' });
      cleanup.unshift(() => governance.stop());
      const bus = createRedisEventBus({ prefix: eventsPrefix });
      cleanup.push(() => bus.close());
      const HOUR = 3_600_000;
      const orch = await startOrchestrator({
        port: 0, databaseUrl: testDb.url, instance, bus, backupDir, dbPoolMax: 4, hibernationJobs: false,
        driver: createProcessDriver({ hubUrl: testDb.url, instance, stateDir: path.join(REPO_ROOT, 'var', 'region-runtime') }),
        resyncMs: HOUR, healthPeriodMs: HOUR, autoscaleIntervalMs: HOUR, orphanSweepMs: HOUR,
      });
      cleanup.unshift(() => orch.stop());
      const admin = await userWithToken(testDb.sql as never, `bench_admin_${instance}`, ['player', 'admin']);
      const claimsHeaders = encodeForwardedClaims(admin.claims);
      const subgraphUrls = { region: region.url, governance: governance.url, orchestrator: orch.url };
      const common = { rateLimits: { enabled: false }, port: 0, host: '127.0.0.1', supergraphSdl, subgraphUrls, databaseUrl: testDb.url };
      const ours = await startGateway({ ...common, logger: gatewayLogger() });
      const full = await startGateway({ ...common, logger: gatewayLogger(), fastPath: false });
      const stock = await startStockGateway({
        supergraphSdl,
        subgraphUrls: Object.fromEntries(Object.entries(subgraphUrls).map(([k, u]) => [k, `${u}/graphql`])),
        forwardHeaders: [CLAIMS_HEADER, CLAIMS_SIG_HEADER],
      });
      const targets = {
        direct: (c: number) => directCross(subgraphUrls, claimsHeaders, c),
        gateway: (c: number) => endpoint('gateway-cross', ours.url, '/graphql', CROSS_QUERY, c, { authorization: `Bearer ${admin.token}` }),
        full: (c: number) => endpoint('gateway-full-cross', full.url, '/graphql', CROSS_QUERY, c, { authorization: `Bearer ${admin.token}` }),
        stock: (c: number) => endpoint('stock-cross', stock.url, '/', CROSS_QUERY, c, claimsHeaders),
      };
      try {
        const answer = (await sameAnswers(targets, 'stock')) as { data: { regions: Array<{ runtime: unknown; policies: unknown[] }> } };
        const regions = answer.data.regions;
        if (regions.length !== 50 || regions.some((r) => r.runtime === null)) throw new Error('expected 50 regions, each with its runtime');
        if (!regions.some((r) => r.policies.length > 0)) throw new Error('expected some regions with policies');
        const c1 = await runAll('cross', targets, 1);
        const c16 = await runAll('cross', targets, 16);
        Object.assign(result, {
          cross_subgraph_direct_p50_ms: c1.direct!.p50,
          cross_subgraph_gateway_p50_ms: c1.gateway!.p50,
          cross_subgraph_gateway_p95_ms: c1.gateway!.p95,
          cross_subgraph_added_p50_ms: round(c1.gateway!.p50 - c1.direct!.p50),
          cross_subgraph_stock_p50_ms: c1.stock!.p50,
          cross_subgraph_stock_added_p50_ms: round(c1.stock!.p50 - c1.direct!.p50),
          cross_subgraph_gateway_rps: c16.gateway!.rps,
          cross_subgraph_stock_rps: c16.stock!.rps,
          cross_subgraph_direct_rps: c16.direct!.rps,
          cross_subgraph_rps_vs_stock: round(c16.gateway!.rps / c16.stock!.rps, 2),
          cross_subgraph_full_pipeline_p50_ms: c1.full!.p50,
          cross_subgraph_full_pipeline_rps: c16.full!.rps,
          cross_subgraph_full_pipeline_rps_vs_stock: round(c16.full!.rps / c16.stock!.rps, 2),
        });
      } finally {
        await ours.stop();
        await full.stop();
        await stock.stop();
      }
    }

    Object.assign(result, {
      concurrency: [1, 16],
      requests_per_phase: REQUESTS,
      rounds: ROUNDS,
      queries: [...QUERIES],
      layout: 'single process: client, subgraphs (region; governance and orchestrator for the cross-subgraph query) and gateways share one event loop; Postgres local',
      loadavg_1m: round(os.loadavg()[0]!, 2),
      node: process.version,
    });
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
