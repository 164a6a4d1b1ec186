/**
 * Runs the governance sweep once, exactly as the governance service's pg-boss job does (runGovernanceSweep with a
 * Redis event bus and the tally publisher), against DATABASE_URL, and prints its report as one JSON line. The e2e
 * specs spawn it (test-database.ts `runGovernanceSweep`) after moving an election's window into the past, so an
 * election opens or closes now instead of in days. Run with Node 24 (native type stripping), like the services.
 */
import { createDb } from '@sw/db';
import { createRedisEventBus } from '@sw/events';
import { createLogger } from '@sw/service-kit';
import { createTallyPublisher, runGovernanceSweep } from '@sw/subgraph-governance';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const handle = createDb(url, { max: 2, applicationName: 'sw-e2e-governance-sweep' });
// The platform's bus (same REDIS_URL / EVENTS_PREFIX as the launcher's services), so live views see the events.
const bus = createRedisEventBus();
const log = createLogger('e2e-governance-sweep', { level: 'warn' });
const tallies = createTallyPublisher(handle.db, bus, log);
try {
  const report = await runGovernanceSweep({ db: handle.db, bus, now: () => new Date(), tallies, log });
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  await tallies.close();
  await bus.close();
  await handle.close();
}
