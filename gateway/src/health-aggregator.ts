import { request } from 'undici';

/** One service the status endpoint polls. `required: false` services are reported but never make the platform degraded. */
export interface HealthTarget {
  name: string;
  /** Full URL of the service's health endpoint, e.g. http://127.0.0.1:4002/health. */
  url: string;
  required: boolean;
}

export interface ServiceHealth {
  status: 'ok' | 'down' | 'degraded';
  required: boolean;
  latencyMs: number;
  error?: string;
}

export interface PlatformHealth {
  status: 'ok' | 'degraded';
  checkedAt: string;
  services: Record<string, ServiceHealth>;
}

/** Probes one health URL with a hard timeout; any non-2xx, network error or timeout is reported with a reason. */
async function probe(target: HealthTarget, timeoutMs: number): Promise<ServiceHealth> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const res = await request(target.url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.body.text();
    if (res.statusCode >= 200 && res.statusCode < 300) return { status: 'ok', required: target.required, latencyMs: latency() };
    let reason = `HTTP ${res.statusCode}`;
    try {
      const body = JSON.parse(text) as { status?: string; error?: unknown; reason?: unknown };
      const detail = body.error ?? body.reason;
      if (detail !== undefined) reason += `: ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`;
    } catch {}
    return { status: 'degraded', required: target.required, latencyMs: latency(), error: reason.slice(0, 300) };
  } catch (err) {
    const e = err as Error & { code?: string; cause?: { code?: string } };
    const reason =
      e.name === 'TimeoutError' || e.name === 'AbortError' ? `timed out after ${timeoutMs} ms` : (e.cause?.code ?? e.code ?? e.message);
    return { status: 'down', required: target.required, latencyMs: latency(), error: String(reason) };
  }
}

/**
 * Polls every target in parallel (each bounded by `timeoutMs`) and summarizes: 'ok' when every required service is
 * ok, 'degraded' otherwise. Optional services (the web app) are listed but do not change the summary.
 */
export async function aggregateHealth(targets: HealthTarget[], timeoutMs: number): Promise<PlatformHealth> {
  const results = await Promise.all(targets.map((t) => probe(t, timeoutMs)));
  const services: Record<string, ServiceHealth> = {};
  let ok = true;
  targets.forEach((t, i) => {
    const r = results[i]!;
    services[t.name] = r;
    if (t.required && r.status !== 'ok') ok = false;
  });
  return { status: ok ? 'ok' : 'degraded', checkedAt: new Date().toISOString(), services };
}
