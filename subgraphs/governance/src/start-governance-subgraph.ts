import { fileURLToPath } from 'node:url';
import { createDb, type HubDb } from '@sw/db';
import { createRedisEventBus, type EventBus } from '@sw/events';
import { createJobRunner, type JobRunner } from '@sw/jobs';
import { createSubgraphService, pgStatActivityCounts, registerDbPoolMetrics, type Logger, type RequestContext } from '@sw/service-kit';
import { Gauge } from 'prom-client';
import { ElectionRolls } from './store/election-rolls.ts';
import type { GovernanceDeps } from './deps.ts';
import type { GovernanceContext } from './governance-context.ts';
import { createTallyPublisher } from './live/tally-publisher.ts';
import { createGovernanceLoaders, type GovernanceLoaders } from './loaders.ts';
import { governanceResolvers } from './resolvers.ts';
import { runGovernanceSweep } from './sweeps/governance-sweep.ts';
import { reconcileTreasuries } from './sweeps/treasury-reconciliation.ts';

/** Hub connections of one Governance subgraph process unless GOVERNANCE_DB_POOL_SIZE says otherwise. */
export const GOVERNANCE_DB_POOL_DEFAULT = 4;

/** The SDL this subgraph serves (the contract; composed into gateway/supergraph.graphql). */
export const GOVERNANCE_SDL_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** pg-boss queues of the governance service. */
export const GOVERNANCE_JOBS = {
  sweep: { name: 'governance-sweep', cron: '*/5 * * * *' },
  reconciliation: { name: 'treasury-reconciliation', cron: '17 3 * * *' },
} as const;

export interface GovernanceSubgraphOptions {
  /** Listening port; 0 picks a free one. */
  port: number;
  /** Hub database URL. */
  databaseUrl: string;
  /** Redis for tallies and governance events (default REDIS_URL / redis://127.0.0.1:6379). */
  redisUrl?: string;
  /** Redis channel prefix (tests use a unique one). */
  eventsPrefix?: string;
  host?: string;
  /** INTERNAL_CLAIMS_SECRET override (tests). */
  internalClaimsSecret?: string;
  /**
   * Hub connection pool size (default GOVERNANCE_DB_POOL_DEFAULT). Small on purpose: postgres.js pipelines queries on a
   * busy connection, so a few connections carry a ballot burst in fewer syscalls and backends than many
   * (docs/decisions/prepared-statements.md, "Pool size").
   */
  dbPoolSize?: number;
  /** Run the pg-boss sweeps in this process (default true; tests that drive sweeps themselves pass false). */
  runJobs?: boolean;
  /** Clock override (tests). */
  now?: () => Date;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  logger: Logger;
  bus: EventBus;
  deps: GovernanceDeps;
  /** Runs the treasury reconciliation now, as the daily job does (and updates its gauges). */
  reconcileTreasuries(): ReturnType<typeof reconcileTreasuries>;
  stop(): Promise<void>;
}

/**
 * The per-operation context. Extends the kit's fresh base object in place (spreading it would run its lazy `log`
 * getter) and creates the batch loaders only when a resolver first needs them: a vote touches neither.
 */
function governanceContext(base: RequestContext, db: HubDb, deps: GovernanceDeps): GovernanceContext {
  let loaders: GovernanceLoaders | undefined;
  return Object.defineProperties(base, {
    db: { value: db, enumerable: true },
    deps: { value: deps, enumerable: true },
    loaders: { get: () => (loaders ??= createGovernanceLoaders(db)), enumerable: true },
  }) as GovernanceContext;
}

/**
 * Starts the Governance subgraph over the hub database and Redis, and (unless runJobs is false) its pg-boss jobs: the
 * 5-minute governance sweep and the daily treasury reconciliation. `stop()` stops the jobs, the server, the tally
 * publisher, Redis and the pool, in that order.
 */
export async function startGovernanceSubgraph(opts: GovernanceSubgraphOptions): Promise<RunningSubgraph> {
  const poolSize = opts.dbPoolSize ?? GOVERNANCE_DB_POOL_DEFAULT;
  const handle = createDb(opts.databaseUrl, { max: poolSize, applicationName: 'sw-subgraph-governance' });
  const bus = createRedisEventBus({
    ...(opts.redisUrl ? { url: opts.redisUrl } : {}),
    ...(opts.eventsPrefix ? { prefix: opts.eventsPrefix } : {}),
  });
  let jobs: JobRunner | undefined;
  let deps: GovernanceDeps | undefined;
  try {
    const service = await createSubgraphService<GovernanceContext>({
      name: 'governance',
      sdlPath: GOVERNANCE_SDL_PATH,
      resolvers: governanceResolvers,
      port: opts.port,
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.internalClaimsSecret ? { internalClaimsSecret: opts.internalClaimsSecret } : {}),
      buildContext: (base) => governanceContext(base, handle.db, deps!),
      healthChecks: { db: () => handle.sql`select 1` },
      onStop: async () => {
        await jobs?.stop();
        await deps?.tallies.close();
        await bus.close();
        await handle.close();
      },
    });
    const log = service.logger;
    registerDbPoolMetrics(service.metrics.registry, { pool: 'hub', max: poolSize, count: pgStatActivityCounts(handle.sql, 'sw-subgraph-governance') });
    // Result of the last treasury reconciliation (alert TreasuryReconciliationMismatch, docs/decisions/monitoring.md).
    const mismatches = new Gauge({ name: 'sw_treasury_reconciliation_mismatches', help: 'Regions whose treasury balance differed from their ledger at the last reconciliation', registers: [service.metrics.registry] });
    const lastRun = new Gauge({ name: 'sw_treasury_reconciliation_last_run_timestamp_seconds', help: 'When the treasury reconciliation last ran (unix seconds; 0 = not since start)', registers: [service.metrics.registry] });
    const reconcile = async (d: GovernanceDeps) => {
      const result = await reconcileTreasuries(d);
      mismatches.set(result.alerts.length);
      lastRun.set(Date.now() / 1000);
      return result;
    };
    deps = { db: handle.db, bus, now: opts.now ?? (() => new Date()), tallies: createTallyPublisher(handle.db, bus, log), log, rolls: new ElectionRolls(handle.db, log) };
    const d = deps;
    if (opts.runJobs ?? true) {
      jobs = createJobRunner({
        databaseUrl: opts.databaseUrl,
        logger: log,
        jobs: [
          { ...GOVERNANCE_JOBS.sweep, handler: async () => void log.info(await runGovernanceSweep(d), 'governance sweep') },
          { ...GOVERNANCE_JOBS.reconciliation, handler: async () => void (await reconcile(d)) },
        ],
      });
      try {
        await jobs.start();
      } catch (err) {
        await service.stop();
        throw err;
      }
    }
    return { url: service.url, port: service.port, logger: log, bus, deps: d, reconcileTreasuries: () => reconcile(d), stop: () => service.stop() };
  } catch (err) {
    await bus.close().catch(() => {});
    await handle.close().catch(() => {});
    throw err;
  }
}
