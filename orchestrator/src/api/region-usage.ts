/**
 * Live usage of one region for `region-cli list/show/metrics`: CPU / memory from the driver (relative
 * to the region's allowance), players online and uptime from its region-server. Every part is
 * best-effort with short timeouts: a down region shows nulls, never an error.
 */
import { regionServerAuthHeaders } from '@sw/auth';
import type { RegionRuntimeDriver, StackObserved } from '../drivers/driver.ts';
import type { RegionRow } from '../store/region-row.ts';

export interface RegionUsage {
  cpuPct: number | null;
  memPct: number | null;
  rssMb: number | null;
  playersOnline: number | null;
  uptimeS: number | null;
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<Record<string, unknown> | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_500), headers });
    return res.ok ? ((await res.json()) as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function regionUsage(driver: RegionRuntimeDriver, r: RegionRow): Promise<RegionUsage> {
  const observed = r.runtimeObserved?.regionId ? (r.runtimeObserved as StackObserved) : null;
  if (!observed || !r.runtimeEndpoint) return { cpuPct: null, memPct: null, rssMb: null, playersOnline: null, uptimeS: null };
  const [stats, world, health] = await Promise.all([
    driver.stackStats(r.id, observed).catch(() => null),
    getJson(`${r.runtimeEndpoint}/world/stats`, regionServerAuthHeaders(r.id)),
    getJson(`${r.runtimeEndpoint}/health`),
  ]);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    cpuPct: stats ? round(stats.cpuPct) : null,
    memPct: stats ? round(stats.memPct) : null,
    rssMb: stats ? round(stats.rssBytes / 1024 ** 2) : null,
    playersOnline: typeof world?.playersOnline === 'number' ? world.playersOnline : null,
    uptimeS: typeof health?.uptimeS === 'number' ? health.uptimeS : null,
  };
}
