/**
 * Entry point of the region-server INSIDE a region container (docker driver). Same server as
 * region-server/main.ts, but bound to 0.0.0.0 (a container's loopback is unreachable from the host and
 * from the region network) and configured only through env: REGION_ID, REGION_NAME, REGION_DATABASE_URL,
 * REGION_SERVER_PORT (default 4002). Exits 1 when startup fails; closes cleanly on SIGTERM / SIGINT.
 */
import { runRegionServerProcess } from '../../region-server/run-region-server.ts';

const regionId = process.env.REGION_ID;
const databaseUrl = process.env.REGION_DATABASE_URL;
const port = Number(process.env.REGION_SERVER_PORT ?? 4002);
if (!regionId || !databaseUrl) {
  console.error('region-entry: REGION_ID and REGION_DATABASE_URL are required');
  process.exit(1);
}

await runRegionServerProcess({ regionId, databaseUrl, port, host: '0.0.0.0' });
