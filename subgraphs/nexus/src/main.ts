/**
 * Process entry of the Central Nexus subgraph: `node subgraphs/nexus/src/main.ts`. Reads NEXUS_PORT (default
 * PORTS.nexus), DATABASE_URL and REDIS_URL, and stops cleanly on SIGINT / SIGTERM.
 */
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, PORTS, readEnv, readEnvInt } from '@sw/config';
import { stopOnSignals } from '@sw/service-kit';
import { startNexusSubgraph } from './start-nexus-subgraph.ts';

const service = await startNexusSubgraph({
  port: readEnvInt('NEXUS_PORT', PORTS.nexus),
  databaseUrl: readEnv('DATABASE_URL', DEFAULT_DATABASE_URL),
  redisUrl: readEnv('REDIS_URL', DEFAULT_REDIS_URL),
});

stopOnSignals(service);
