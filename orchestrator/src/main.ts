/**
 * Orchestrator process entry: `pnpm --filter @sw/orchestrator exec node src/main.ts` (env per
 * config.ts). Stops loops, billing and the HTTP server on SIGTERM / SIGINT; region-servers keep running
 * and are adopted by the next start, unless ORCHESTRATOR_STOP_REGIONS_ON_EXIT=true (the launcher's
 * setting): then they are stopped too (desired state unchanged) and the next start brings them back.
 *
 * Ctrl-C on `npm start` delivers TWO signals: the terminal's SIGINT to the whole process group, then the
 * launcher's SIGTERM. The second one must wait for the shutdown the first one started — exiting on it
 * ended the process between "orchestrator stopped" and stopping the region stacks, which were left running.
 */
import { startOrchestrator } from './index.ts';

/** Longest graceful stop before the process exits anyway (the launcher waits longer before its SIGKILL). */
const STOP_DEADLINE_MS = 10_000;

// The handlers go in before the start: the HTTP API answers before the start has finished (pg-boss sweeps start
// after it), and a signal in that window must stop what started instead of killing the process outright.
const started = startOrchestrator();
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => {
    console.error(JSON.stringify({ level: 'error', msg: `orchestrator did not stop within ${STOP_DEADLINE_MS} ms; exiting` }));
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
  started.then((orch) => orch.stop()).then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(JSON.stringify({ level: 'error', msg: 'orchestrator stop failed', err: String(err) }));
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
await started;
