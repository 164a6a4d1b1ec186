/**
 * Entry point of a region-server process, spawned by the process driver:
 * `node --max-old-space-size=<MB> main.ts --sw-managed-by=… --sw-instance=… --sw-region-id=<id> --port=<n>`
 * with REGION_DATABASE_URL (and REGION_NAME) in the environment. Exits 1 when startup fails, and
 * closes cleanly on SIGTERM / SIGINT.
 */
import { startRegionServer } from './region-server.ts';

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const regionId = arg('sw-region-id') ?? process.env.REGION_ID;
const databaseUrl = process.env.REGION_DATABASE_URL;
const port = Number(arg('port') ?? process.env.REGION_SERVER_PORT ?? 0);
if (!regionId || !databaseUrl) {
  console.error('region-server: --sw-region-id and REGION_DATABASE_URL are required');
  process.exit(1);
}

try {
  const server = await startRegionServer({ regionId, regionName: process.env.REGION_NAME, databaseUrl, port });
  console.log(JSON.stringify({ level: 'info', msg: 'region-server listening', regionId, url: server.url, pid: process.pid }));
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
