import { createServer } from 'node:net';

/**
 * A free TCP port on loopback: bound with port 0 and released, so an external program (redis-server, nginx,
 * pgbouncer) can take it right after. Never a fixed port, so parallel test files and other checkouts do not collide.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** Polls `probe` until it returns true (or throws `what` after `timeoutMs`); for programs that start asynchronously. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
