/**
 * Orchestrator process entry: `pnpm --filter @sw/orchestrator exec node src/main.ts` (env per
 * config.ts). Stops loops, billing and the HTTP server on SIGTERM / SIGINT; region-servers keep running
 * and are adopted by the next start, unless ORCHESTRATOR_STOP_REGIONS_ON_EXIT=true (the launcher's
 * setting): then they are stopped too (desired state unchanged) and the next start brings them back.
 */
import { startOrchestrator } from './index.ts';

const orch = await startOrchestrator();
const stop = () => {
  void orch
    .stop()
    .catch((err: unknown) => console.error(JSON.stringify({ level: 'error', msg: 'orchestrator stop failed', err: String((err as Error)?.stack ?? err) })))
    .finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 10_000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
