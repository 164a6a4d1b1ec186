/**
 * Entry point of a region-server process, spawned by the process driver:
 * `node --max-old-space-size=<MB> main.ts --sw-managed-by=… --sw-instance=… --sw-region-id=<id> --port=<n>`
 * with REGION_DATABASE_URL (and REGION_NAME) in the environment. Exits 1 when startup fails, and
 * closes cleanly on SIGTERM / SIGINT.
 */
import { runRegionServerProcess } from './run-region-server.ts';

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

await runRegionServerProcess({ regionId, databaseUrl, port });
