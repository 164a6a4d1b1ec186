/** Body of a region-server GET /health. */
export interface RegionHealth {
  status: 'ok' | 'degraded';
  regionId: string;
  uptimeS: number;
}

/** GET <endpoint>/health with a timeout; null on any failure (refused, timeout, bad body). */
export async function probeHealth(endpoint: string, timeoutMs: number): Promise<RegionHealth | null> {
  try {
    const res = await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok && res.status !== 503) return null;
    const body = (await res.json()) as RegionHealth;
    return typeof body?.regionId === 'string' ? body : null;
  } catch {
    return null;
  }
}
