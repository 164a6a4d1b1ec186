/**
 * Process entry of the Governance subgraph: `node subgraphs/governance/src/main.ts`. Reads GOVERNANCE_PORT (default
 * PORTS.governance), DATABASE_URL and REDIS_URL, and stops cleanly on SIGINT / SIGTERM.
 */
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, PORTS, readEnv, readEnvInt } from '@sw/config';
import { stopOnSignals } from '@sw/service-kit';
import { startGovernanceSubgraph } from './start-governance-subgraph.ts';

const service = await startGovernanceSubgraph({
  port: readEnvInt('GOVERNANCE_PORT', PORTS.governance),
  databaseUrl: readEnv('DATABASE_URL', DEFAULT_DATABASE_URL),
  redisUrl: readEnv('REDIS_URL', DEFAULT_REDIS_URL),
});

stopOnSignals(service);
