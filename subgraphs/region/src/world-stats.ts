import { regionServerAuthHeaders } from '@sw/auth';
/** The region-server's `GET /world/stats` body (contracts.md, region-server REST). */
export interface WorldStats {
  sectors: number;
  clusters: number;
  ports: number;
  planets: number;
  warps: number;
  playersOnline: number;
}

const WORLD_STATS_KEYS = ['sectors', 'clusters', 'ports', 'planets', 'warps', 'playersOnline'] as const;

/** Default budget for one world-stats call; a slow region-server must not stall a region list. */
export const WORLD_STATS_TIMEOUT_MS = 1000;

/**
 * Reads `${endpoint}/world/stats` from a region-server when `Region.world` is selected. Answers null when
 * the region has no runtime endpoint, the server is unreachable, slower than `timeoutMs`, answers non-2xx,
 * or sends a body that is not the expected shape: a missing world is "no data", never a query error.
 */
export async function fetchWorldStats(
  endpoint: string | null | undefined,
  timeoutMs: number,
  /** The region's id: the call carries its service token (region-servers answer their hub only; without it, 401). */
  regionId: string,
): Promise<WorldStats | null> {
  if (!endpoint) return null;
  try {
    const url = `${endpoint.replace(/\/+$/, '')}/world/stats`;
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json', ...regionServerAuthHeaders(regionId) } });
    if (!res.ok) {
      await res.body?.cancel();
      return null;
    }
    return parseWorldStats(await res.json());
  } catch {
    return null;
  }
}

/** Validates a world-stats body: every counter must be a non-negative integer; otherwise null. */
export function parseWorldStats(body: unknown): WorldStats | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const out = {} as WorldStats;
  for (const key of WORLD_STATS_KEYS) {
    const value = record[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return null;
    out[key] = value;
  }
  return out;
}
