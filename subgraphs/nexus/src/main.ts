/**
 * Process entry of the Central Nexus subgraph: `node subgraphs/nexus/src/main.ts`. Reads NEXUS_PORT (default
 * PORTS.nexus), DATABASE_URL and REDIS_URL, and stops cleanly on SIGINT / SIGTERM.
 */
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, PORTS, readEnv, readEnvInt } from '@sw/config';
import { startNexusSubgraph } from './start-nexus-subgraph.ts';

const service = await startNexusSubgraph({
  port: readEnvInt('NEXUS_PORT', PORTS.nexus),
  databaseUrl: readEnv('DATABASE_URL', DEFAULT_DATABASE_URL),
  redisUrl: readEnv('REDIS_URL', DEFAULT_REDIS_URL),
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  service.logger.info({ signal }, 'stopping');
  try {
    await service.stop();
    process.exit(0);
  } catch (err) {
    service.logger.error({ err }, 'stop failed');
    process.exit(1);
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
