import { fileURLToPath } from 'node:url';
import { createDb, type PoolMode } from '@sw/db';
import { createRedisEventBus, type EventBus } from '@sw/events';
import type { LegTransitConfig } from '@sw/domain';
import { JourneyRunner, type FaultHook } from './travel/journey-runner.ts';
import { createSubgraphService, pgStatActivityCounts, registerDbPoolMetrics, type Logger } from '@sw/service-kit';
import { createRegionLoaders } from './loaders.ts';
import type { RegionContext } from './region-context.ts';
import { regionResolvers } from './resolvers.ts';
import { readEnvInt } from '@sw/config';
import { WORLD_STATS_TIMEOUT_MS } from './world-stats.ts';
import { WORLD_STATS_CACHE_MAX, WORLD_STATS_CACHE_MS, WorldStatsCache } from './world-stats-cache.ts';

/** The SDL this subgraph serves (the contract; composed into gateway/supergraph.graphql). */
export const REGION_SDL_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export interface RegionSubgraphOptions {
  /** Listening port; 0 picks a free one. */
  port: number;
  /** Hub database URL. */
  databaseUrl: string;
  /** Redis for travel events (a bus is created and closed with the service); ignored when `bus` is given. */
  redisUrl?: string;
  /** An event bus owned by the caller (tests, benches); not closed by stop(). */
  bus?: EventBus | null;
  /** Transit time of each journey leg (default TRAVEL_LEG_TRANSIT_MS or 10 s; 0 in tests). */
  travelLegTransit?: LegTransitConfig;
  /** Recovery sweep period of the journey runner (default 5 s; 0 = only at start). */
  travelSweepMs?: number;
  /** Crash-injection seam of the journey runner (tests only). */
  travelFault?: FaultHook;
  host?: string;
  /** Budget of one region-server /world/stats call (default 1000 ms). */
  worldStatsTimeoutMs?: number;
  /** How long one region's world stats are reused (default REGION_WORLD_CACHE_MS or 5000 ms). */
  worldStatsCacheMs?: number;
  /** Hub connection pool size (default 10). */
  dbPoolSize?: number;
  /** `transaction` when databaseUrl is a transaction-pooling pgbouncer (default DATABASE_POOL_MODE, else session). */
  dbPoolMode?: PoolMode;
}

export interface RunningSubgraph {
  /** The journey runner (tests drive its sweep; benches wait for it to drain). */
  travel: JourneyRunner;
  url: string;
  port: number;
  logger: Logger;
  stop(): Promise<void>;
}

/**
 * Starts the Region subgraph (regions registry, identity, counts, region-server world stats) over the hub
 * database. Resolves once it listens; `stop()` closes the HTTP server and then the database pool.
 */
export async function startRegionSubgraph(opts: RegionSubgraphOptions): Promise<RunningSubgraph> {
  const handle = createDb(opts.databaseUrl, {
    max: opts.dbPoolSize ?? 10,
    applicationName: 'sw-subgraph-region',
    ...(opts.dbPoolMode ? { poolMode: opts.dbPoolMode } : {}),
  });
  const worldStatsTimeoutMs = opts.worldStatsTimeoutMs ?? WORLD_STATS_TIMEOUT_MS;
  const worldStats = new WorldStatsCache({
    timeoutMs: worldStatsTimeoutMs,
    ttlMs: opts.worldStatsCacheMs ?? readEnvInt('REGION_WORLD_CACHE_MS', WORLD_STATS_CACHE_MS),
    maxEntries: readEnvInt('REGION_WORLD_CACHE_MAX', WORLD_STATS_CACHE_MAX),
  });
  const ownBus = opts.bus === undefined && opts.redisUrl ? createRedisEventBus({ url: opts.redisUrl }) : null;
  const bus = opts.bus ?? ownBus;
  let travel: JourneyRunner | null = null;
  try {
    travel = new JourneyRunner({
      db: handle.db,
      bus,
      transit: opts.travelLegTransit ?? readLegTransit(),
      sweepMs: opts.travelSweepMs ?? 5000,
      timeoutMs: worldStatsTimeoutMs,
      fault: opts.travelFault,
    });
    const runner = travel;
    const service = await createSubgraphService<RegionContext>({
      name: 'region',
      sdlPath: REGION_SDL_PATH,
      resolvers: regionResolvers,
      port: opts.port,
      ...(opts.host ? { host: opts.host } : {}),
      buildContext: (base) => ({ ...base, db: handle.db, bus, travel: runner, loaders: createRegionLoaders(handle.db, worldStatsTimeoutMs, base.claims?.playerId ?? null), worldStats, worldStatsTimeoutMs }),
      healthChecks: { db: () => handle.sql`select 1` },
      onStop: async () => {
        await runner.stop();
        await ownBus?.close();
        await handle.close();
      },
    });
    runner.start();
    registerDbPoolMetrics(service.metrics.registry, { pool: 'hub', max: opts.dbPoolSize ?? 10, count: pgStatActivityCounts(handle.sql, 'sw-subgraph-region') });
    return { url: service.url, port: service.port, logger: service.logger, travel: runner, stop: () => service.stop() };
  } catch (err) {
    await travel?.stop();
    await ownBus?.close();
    await handle.close();
    throw err;
  }
}

/** TRAVEL_LEG_TRANSIT_MS: a number of ms for every leg, or JSON per leg kind with a default ({"default":10000}). */
function readLegTransit(): LegTransitConfig {
  const raw = process.env.TRAVEL_LEG_TRANSIT_MS;
  if (!raw) return 10_000;
  if (/^\d+$/.test(raw)) return Number(raw);
  const parsed = JSON.parse(raw) as { default?: number };
  return { ...parsed, default: parsed.default ?? 10_000 } as LegTransitConfig;
}
