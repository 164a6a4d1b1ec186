import type { ServiceSpec } from './service-table.ts';

/** Polls every service's health endpoint until all answer 2xx, or throws after `timeoutMs` naming the laggards. */
export async function waitForHealthy(
  services: ServiceSpec[],
  opts: { timeoutMs: number; isStopping?: () => boolean },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  const pending = new Set(services.map((s) => s.id));
  while (pending.size > 0) {
    if (opts.isStopping?.()) throw new Error('stopping');
    if (Date.now() > deadline) throw new Error(`services not healthy after ${opts.timeoutMs} ms: ${[...pending].join(', ')}`);
    await Promise.all(
      services
        .filter((s) => pending.has(s.id))
        .map(async (s) => {
          try {
            const res = await fetch(`http://127.0.0.1:${s.port}${s.healthPath}`, { signal: AbortSignal.timeout(1000) });
            if (res.ok) pending.delete(s.id);
            await res.body?.cancel();
          } catch {
            // not listening yet
          }
        }),
    );
    if (pending.size > 0) await new Promise((r) => setTimeout(r, 100));
  }
}
