/**
 * Process entry of the Region subgraph: `node subgraphs/region/src/main.ts`. Reads REGION_PORT (default
 * PORTS.region), DATABASE_URL and REDIS_URL, and stops cleanly on SIGINT / SIGTERM.
 */
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, PORTS, readEnv, readEnvInt } from '@sw/config';
import { stopOnSignals } from '@sw/service-kit';
import { startRegionSubgraph } from './start-region-subgraph.ts';

const service = await startRegionSubgraph({
  port: readEnvInt('REGION_PORT', PORTS.region),
  databaseUrl: readEnv('DATABASE_URL', DEFAULT_DATABASE_URL),
  redisUrl: readEnv('REDIS_URL', DEFAULT_REDIS_URL),
});

stopOnSignals(service);
