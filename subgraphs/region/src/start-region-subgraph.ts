import { fileURLToPath } from 'node:url';
import { createDb } from '@sw/db';
import { createSubgraphService, type Logger } from '@sw/service-kit';
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
  /** Unused by the read paths today; accepted so every subgraph starts with the same options. */
  redisUrl?: string;
  host?: string;
  /** Budget of one region-server /world/stats call (default 1000 ms). */
  worldStatsTimeoutMs?: number;
  /** How long one region's world stats are reused (default REGION_WORLD_CACHE_MS or 5000 ms). */
  worldStatsCacheMs?: number;
  /** Hub connection pool size (default 10). */
  dbPoolSize?: number;
}

export interface RunningSubgraph {
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
  const handle = createDb(opts.databaseUrl, { max: opts.dbPoolSize ?? 10, applicationName: 'sw-subgraph-region' });
  const worldStats = new WorldStatsCache({
    timeoutMs: opts.worldStatsTimeoutMs ?? WORLD_STATS_TIMEOUT_MS,
    ttlMs: opts.worldStatsCacheMs ?? readEnvInt('REGION_WORLD_CACHE_MS', WORLD_STATS_CACHE_MS),
    maxEntries: readEnvInt('REGION_WORLD_CACHE_MAX', WORLD_STATS_CACHE_MAX),
  });
  try {
    const service = await createSubgraphService<RegionContext>({
      name: 'region',
      sdlPath: REGION_SDL_PATH,
      resolvers: regionResolvers,
      port: opts.port,
      ...(opts.host ? { host: opts.host } : {}),
      buildContext: (base) => ({ ...base, db: handle.db, loaders: createRegionLoaders(handle.db), worldStats }),
      healthChecks: { db: () => handle.sql`select 1` },
      onStop: () => handle.close(),
    });
    return { url: service.url, port: service.port, logger: service.logger, stop: () => service.stop() };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
