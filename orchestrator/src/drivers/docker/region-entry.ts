/**
 * Entry point of the region-server INSIDE a region container (docker driver). Same server as
 * region-server/main.ts, but bound to 0.0.0.0 (a container's loopback is unreachable from the host and
 * from the region network) and configured only through env: REGION_ID, REGION_NAME, REGION_DATABASE_URL,
 * REGION_SERVER_PORT (default 4002). Exits 1 when startup fails; closes cleanly on SIGTERM / SIGINT.
 */
import { startRegionServer } from '../../region-server/region-server.ts';

const regionId = process.env.REGION_ID;
const databaseUrl = process.env.REGION_DATABASE_URL;
const port = Number(process.env.REGION_SERVER_PORT ?? 4002);
if (!regionId || !databaseUrl) {
  console.error('region-entry: REGION_ID and REGION_DATABASE_URL are required');
  process.exit(1);
}

try {
  const server = await startRegionServer({ regionId, regionName: process.env.REGION_NAME, databaseUrl, port, host: '0.0.0.0' });
  console.log(JSON.stringify({ level: 'info', msg: 'region-server listening', regionId, port: server.port }));
  const stop = () => {
    server.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (err) {
  console.error(JSON.stringify({ level: 'error', msg: 'region-server failed to start', regionId, err: String((err as Error)?.stack ?? err) }));
  process.exit(1);
}
