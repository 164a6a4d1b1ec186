import type { RequestHandler } from 'express';

/** Per-check time limit of GET /health. */
export const HEALTH_CHECK_TIMEOUT_MS = 2000;

export type HealthCheckResult = { status: 'ok'; latencyMs: number } | { status: 'error'; latencyMs: number; error: string };

async function runCheck(check: () => Promise<unknown>, timeoutMs: number): Promise<HealthCheckResult> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(check),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'ok', latencyMs: Math.round(performance.now() - start) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { status: 'error', latencyMs: Math.round(performance.now() - start), error };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs every named check in parallel (each limited to 2 s) and answers 200 `{status:'ok', service, checks}`,
 * or 503 `{status:'error', service, checks, failing:[names]}` when any check throws or times out.
 */
export function healthHandler(
  service: string,
  checks: Record<string, () => Promise<unknown>>,
  timeoutMs: number = HEALTH_CHECK_TIMEOUT_MS,
): RequestHandler {
  const names = Object.keys(checks);
  return async (_req, res) => {
    const results = await Promise.all(names.map((n) => runCheck(checks[n]!, timeoutMs)));
    const out: Record<string, HealthCheckResult> = {};
    const failing: string[] = [];
    names.forEach((n, i) => {
      out[n] = results[i]!;
      if (results[i]!.status !== 'ok') failing.push(n);
    });
    res.setHeader('cache-control', 'no-store');
    if (failing.length === 0) res.status(200).json({ status: 'ok', service, checks: out });
    else res.status(503).json({ status: 'error', service, checks: out, failing });
  };
}
