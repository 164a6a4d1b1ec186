/**
 * The environment a region-server is started with — the same variables for both drivers, and nothing
 * else: a region-server must not inherit the orchestrator's environment (hub superuser DATABASE_URL,
 * JWT / internal-claims / PayPal secrets, REGION_SECRETS_KEY). It gets its own database URL (its own
 * role), its limits, its own service token (REGION_SERVER_TOKEN, @sw/auth region-server-token.ts) and the fleet's
 * metrics scrape token (REGION_METRICS_TOKEN: opens GET /metrics only).
 */
import { REGION_METRICS_TOKEN_ENV, REGION_SERVER_TOKEN_ENV } from '@sw/auth';
import type { StackSpec } from './driver.ts';

/** Harmless variables a process-driver region-server may inherit from the orchestrator (runtime basics only). */
export const INHERITED_REGION_SERVER_VARS = ['PATH', 'NODE_ENV', 'TZ', 'LANG', 'LC_ALL', 'LOG_LEVEL'] as const;

/** The region's own variables (`databaseUrl` overrides spec.databaseUrl, e.g. the URL inside a container network). */
export function regionServerVariables(spec: StackSpec, databaseUrl: string = spec.databaseUrl): Record<string, string> {
  return {
    REGION_ID: spec.regionId,
    REGION_NAME: spec.regionName,
    REGION_DATABASE_URL: databaseUrl,
    REGION_CPU_VCPU: String(spec.cpu),
    REGION_MEMORY_GB: String(spec.memoryGb),
    REGION_STORAGE_GB: String(spec.storageGb),
    REGION_MAX_PLAYERS: String(spec.maxPlayers),
    [REGION_SERVER_TOKEN_ENV]: spec.serviceToken,
    ...(spec.metricsToken ? { [REGION_METRICS_TOKEN_ENV]: spec.metricsToken } : {}),
  };
}

/**
 * The full environment of a process-driver region-server: the inherited basics, the driver's `extra`
 * (tests: short timings) and the region's own variables (which `extra` cannot override).
 */
export function processRegionServerEnv(spec: StackSpec, extra: Record<string, string> = {}, parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const k of INHERITED_REGION_SERVER_VARS) {
    const v = parent[k];
    if (v !== undefined) inherited[k] = v;
  }
  return { ...inherited, ...extra, ...regionServerVariables(spec) };
}
