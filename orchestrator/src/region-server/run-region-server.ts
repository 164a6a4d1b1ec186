import { REGION_METRICS_TOKEN_ENV, REGION_SERVER_TOKEN_ENV } from '@sw/auth/region-server-token';
import { startRegionServer } from './region-server.ts';

/**
 * Runs a region-server as the whole process (token from REGION_SERVER_TOKEN, optional REGION_PRESENCE_TTL_S /
 * REGION_PRESENCE_SWEEP_MS): starts it, logs one JSON line, stops cleanly on SIGTERM / SIGINT
 * (exiting within 3 s even if a connection lingers), and exits 1 when startup fails. Shared by the process
 * driver's entry (region-server/main.ts) and the container entry (drivers/docker/region-entry.ts).
 */
export async function runRegionServerProcess(opts: { regionId: string; databaseUrl: string; port: number; host?: string }): Promise<void> {
  try {
    const ttl = Number(process.env.REGION_PRESENCE_TTL_S ?? '') || undefined;
    const sweepMs = Number(process.env.REGION_PRESENCE_SWEEP_MS ?? '') || undefined;
    const server = await startRegionServer({
      ...opts,
      regionName: process.env.REGION_NAME,
      serviceToken: process.env[REGION_SERVER_TOKEN_ENV] ?? '',
      ...(process.env[REGION_METRICS_TOKEN_ENV] ? { metricsToken: process.env[REGION_METRICS_TOKEN_ENV] } : {}),
      ...(ttl ? { presenceTtlS: ttl } : {}),
      ...(sweepMs ? { presenceSweepMs: sweepMs } : {}),
    });
    console.log(JSON.stringify({ level: 'info', msg: 'region-server listening', regionId: opts.regionId, url: server.url, port: server.port, pid: process.pid }));
    const stop = () => {
      void server
        .close()
        .catch((err: unknown) => console.error(JSON.stringify({ level: 'error', msg: 'region-server stop failed', regionId: opts.regionId, err: String((err as Error)?.stack ?? err) })))
        .finally(() => process.exit(0));
      setTimeout(() => process.exit(0), 3_000).unref();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  } catch (err) {
    console.error(JSON.stringify({ level: 'error', msg: 'region-server failed to start', regionId: opts.regionId, err: String((err as Error)?.stack ?? err) }));
    process.exit(1);
  }
}
