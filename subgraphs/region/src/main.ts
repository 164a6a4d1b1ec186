/**
 * Process entry of the Region subgraph: `node subgraphs/region/src/main.ts`. Reads REGION_PORT (default
 * PORTS.region), DATABASE_URL and REDIS_URL, and stops cleanly on SIGINT / SIGTERM.
 */
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, PORTS, readEnv, readEnvInt } from '@sw/config';
import { startRegionSubgraph } from './start-region-subgraph.ts';

const service = await startRegionSubgraph({
  port: readEnvInt('REGION_PORT', PORTS.region),
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
