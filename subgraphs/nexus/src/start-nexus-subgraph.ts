import { fileURLToPath } from 'node:url';
import { createDb } from '@sw/db';
import { createRedisEventBus, type EventBus } from '@sw/events';
import { createSubgraphService, pgStatActivityCounts, registerDbPoolMetrics, type Logger } from '@sw/service-kit';
import { createGenerationJobRunner } from './generation-jobs.ts';
import { createNexusLoaders } from './loaders.ts';
import type { NexusContext } from './nexus-context.ts';
import { nexusResolvers } from './resolvers.ts';

/** The SDL this subgraph serves (the contract; composed into gateway/supergraph.graphql). */
export const NEXUS_SDL_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export interface NexusSubgraphOptions {
  /** Listening port; 0 picks a free one. */
  port: number;
  /** Hub database URL. */
  databaseUrl: string;
  /** Redis for generation progress events (default REDIS_URL / redis://127.0.0.1:6379). */
  redisUrl?: string;
  /** Redis channel prefix (tests use a unique one). */
  eventsPrefix?: string;
  host?: string;
  /** INTERNAL_CLAIMS_SECRET override (tests). */
  internalClaimsSecret?: string;
  /** Hub connection pool size (default 10). */
  dbPoolSize?: number;
}

export interface RunningNexusSubgraph {
  url: string;
  port: number;
  logger: Logger;
  bus: EventBus;
  /** Stops accepting requests, lets running generation jobs finish (bounded), then closes Redis and the pool. */
  stop(): Promise<void>;
}

/**
 * Starts the Central Nexus subgraph over the hub database and Redis. On start it marks generation jobs abandoned
 * by a dead process as failed (ERR_GENERATION_INTERRUPTED). Resolves once it listens.
 */
export async function startNexusSubgraph(opts: NexusSubgraphOptions): Promise<RunningNexusSubgraph> {
  const handle = createDb(opts.databaseUrl, { max: opts.dbPoolSize ?? 10, applicationName: 'sw-subgraph-nexus' });
  const bus = createRedisEventBus({
    ...(opts.redisUrl ? { url: opts.redisUrl } : {}),
    ...(opts.eventsPrefix ? { prefix: opts.eventsPrefix } : {}),
  });
  let jobs: ReturnType<typeof createGenerationJobRunner> | undefined;
  try {
    const service = await createSubgraphService<NexusContext>({
      name: 'nexus',
      sdlPath: NEXUS_SDL_PATH,
      resolvers: nexusResolvers,
      port: opts.port,
      ...(opts.host ? { host: opts.host } : {}),
      ...(opts.internalClaimsSecret ? { internalClaimsSecret: opts.internalClaimsSecret } : {}),
      buildContext: (base) => ({ ...base, sql: handle.sql, loaders: createNexusLoaders(handle.sql), jobs: jobs!, bus }),
      healthChecks: { db: () => handle.sql`select 1` },
      onStop: async () => {
        await jobs?.drain();
        await bus.close();
        await handle.close();
      },
    });
    jobs = createGenerationJobRunner({ sql: handle.sql, bus, log: service.logger });
    try {
      const stale = await jobs.failStaleJobs();
      if (stale > 0) service.logger.warn({ stale }, 'marked abandoned generation jobs failed');
    } catch (err) {
      await service.stop(); // closes Redis and the pool via onStop
      throw err;
    }
    registerDbPoolMetrics(service.metrics.registry, { pool: 'hub', max: opts.dbPoolSize ?? 10, count: pgStatActivityCounts(handle.sql, 'sw-subgraph-nexus') });
    return { url: service.url, port: service.port, logger: service.logger, bus, stop: () => service.stop() };
  } catch (err) {
    await bus.close().catch(() => {});
    await handle.close().catch(() => {});
    throw err;
  }
}
