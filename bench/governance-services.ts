/**
 * Child process of `pnpm bench:governance`: runs ONE service (BENCH_SERVICE = governance | region | gateway) so each
 * has its own event loop, as in production. GOV_DB_POOL overrides the governance subgraph's hub pool (default: the service's own). Reports {type:'ready', url} over IPC and stops on {type:'stop'}.
 */
import pino from 'pino';
import { startGateway } from '@sw/gateway';
import { startGovernanceSubgraph } from '@sw/subgraph-governance';
import { startRegionSubgraph } from '@sw/subgraph-region';
import { benchRateLimits } from './bench-rate-limits.ts';

const kind = process.env.BENCH_SERVICE;
const databaseUrl = process.env.DATABASE_URL!;
let stop: () => Promise<void>;
let url: string;
if (kind === 'governance') {
  const s = await startGovernanceSubgraph({ port: 0, databaseUrl, eventsPrefix: process.env.EVENTS_PREFIX!, runJobs: false, ...(process.env.GOV_DB_POOL ? { dbPoolSize: Number(process.env.GOV_DB_POOL) } : {}) });
  url = s.url;
  stop = () => s.stop();
} else if (kind === 'region') {
  const s = await startRegionSubgraph({ port: 0, databaseUrl, host: '127.0.0.1' });
  url = s.url;
  stop = () => s.stop();
} else {
  const gw = await startGateway({
    port: 0, host: '127.0.0.1', subgraphUrls: JSON.parse(process.env.SUBGRAPH_URLS!) as Record<string, string>,
    logger: pino({ level: 'warn' }), databaseUrl, env: {}, rateLimits: benchRateLimits(`${process.env.EVENTS_PREFIX!}rl:`),
  });
  url = gw.url;
  stop = () => gw.stop();
}
process.send!({ type: 'ready', url });
process.on('message', (m: { type?: string }) => {
  if (m.type === 'stop') void stop().finally(() => process.exit(0));
});
