/**
 * Process entry of the Governance subgraph: `node subgraphs/governance/src/main.ts`. Reads GOVERNANCE_PORT (default
 * PORTS.governance), DATABASE_URL, REDIS_URL and GOVERNANCE_DB_POOL_SIZE, and stops cleanly on SIGINT / SIGTERM.
 */
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, PORTS, readEnv, readEnvInt } from '@sw/config';
import { stopOnSignals } from '@sw/service-kit';
import { GOVERNANCE_DB_POOL_DEFAULT, startGovernanceSubgraph } from './start-governance-subgraph.ts';

const service = await startGovernanceSubgraph({
  port: readEnvInt('GOVERNANCE_PORT', PORTS.governance),
  databaseUrl: readEnv('DATABASE_URL', DEFAULT_DATABASE_URL),
  redisUrl: readEnv('REDIS_URL', DEFAULT_REDIS_URL),
  dbPoolSize: readEnvInt('GOVERNANCE_DB_POOL_SIZE', GOVERNANCE_DB_POOL_DEFAULT),
});

stopOnSignals(service);
