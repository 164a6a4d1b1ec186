import { fileURLToPath } from 'node:url';
import { createDb } from '@sw/db';
import { createSubgraphService, type Logger } from '@sw/service-kit';
import type { GovernanceContext } from './governance-context.ts';
import { createGovernanceLoaders } from './loaders.ts';
import { governanceResolvers } from './resolvers.ts';

/** The SDL this subgraph serves (the contract; composed into gateway/supergraph.graphql). */
export const GOVERNANCE_SDL_PATH = fileURLToPath(new URL('../schema.graphql', import.meta.url));

export interface GovernanceSubgraphOptions {
  /** Listening port; 0 picks a free one. */
  port: number;
  /** Hub database URL. */
  databaseUrl: string;
  /** Unused by the read paths today; accepted so every subgraph starts with the same options. */
  redisUrl?: string;
  host?: string;
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
 * Starts the Governance subgraph (policies, elections, treaties, treasury ledger) over the hub database.
 * Resolves once it listens; `stop()` closes the HTTP server and then the database pool.
 */
export async function startGovernanceSubgraph(opts: GovernanceSubgraphOptions): Promise<RunningSubgraph> {
  const handle = createDb(opts.databaseUrl, { max: opts.dbPoolSize ?? 10, applicationName: 'sw-subgraph-governance' });
  try {
    const service = await createSubgraphService<GovernanceContext>({
      name: 'governance',
      sdlPath: GOVERNANCE_SDL_PATH,
      resolvers: governanceResolvers,
      port: opts.port,
      ...(opts.host ? { host: opts.host } : {}),
      buildContext: (base) => ({ ...base, db: handle.db, loaders: createGovernanceLoaders(handle.db) }),
      healthChecks: { db: () => handle.sql`select 1` },
      onStop: () => handle.close(),
    });
    return { url: service.url, port: service.port, logger: service.logger, stop: () => service.stop() };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
