/**
 * Cross-replica exclusion per region: a session-level Postgres advisory lock held on a connection of its
 * own for the whole of one piece of work (a reconcile pass, a health transition, a scale).
 *
 * Why not a reserved pool connection: the work runs its queries on the hub pool (postgres.js has no
 * transactions on a reserved connection), so as many regions as the pool has connections could each
 * reserve one and then wait forever for another — ten regions turning unhealthy at once froze the API,
 * webhooks and sweeps. Lock connections are therefore separate from the pool, and at most `slots` exist at
 * once; a caller waits at most `acquireTimeoutMs` for a slot, then it is skipped and retried later (like a
 * lock held by another replica).
 *
 * A failed unlock leaves a session that may still hold the lock: that connection is closed and its backend
 * terminated (never reused), so the lock dies with it.
 */
import postgres from 'postgres';
import type { Log } from './context.ts';

export interface RegionLockOptions {
  /** Connections reserved for locks at most at once; must leave room in the pool for the work. */
  slots: number;
  /** How long a caller waits for a free slot before giving up (result null). */
  acquireTimeoutMs: number;
  log: Log;
}

/** Opens one single-connection client (the lock's own session). */
export type LockConnectionFactory = () => postgres.Sql;

export interface RegionLocks {
  /**
   * Runs `fn` while holding the advisory lock of `regionId`. Resolves null without running it when another
   * session holds the lock or no slot came free within the acquire timeout; rejects with fn's error.
   */
  withLock<T>(regionId: string, fn: () => Promise<T>): Promise<T | null>;
  /** Slots in use right now (tests, metrics). */
  inUse(): number;
}

export const LOCK_NAMESPACE = 0x5357; // 'SW'

/** Minimal counting semaphore with a per-acquire timeout. */
function createSlots(size: number) {
  let used = 0;
  const waiters: Array<() => void> = [];
  return {
    inUse: () => used,
    acquire(timeoutMs: number): Promise<boolean> {
      if (used < size) {
        used++;
        return Promise.resolve(true);
      }
      return new Promise((resolve) => {
        const grant = () => {
          clearTimeout(timer);
          used++;
          resolve(true);
        };
        const timer = setTimeout(() => {
          const i = waiters.indexOf(grant);
          if (i >= 0) waiters.splice(i, 1);
          resolve(false);
        }, timeoutMs);
        waiters.push(grant);
      });
    },
    release() {
      used--;
      waiters.shift()?.();
    },
  };
}

export function createRegionLocks(connect: LockConnectionFactory, opts: RegionLockOptions): RegionLocks {
  if (!(opts.slots >= 1)) throw new Error('region lock slots must be at least 1');
  const slots = createSlots(opts.slots);

  /** Ends a lock session for good: close the socket, then make sure the backend is gone (by pid). */
  async function destroy(conn: postgres.Sql, pid: number | null, regionId: string): Promise<void> {
    await conn.end({ timeout: 0 }).catch(() => {});
    if (pid === null) return;
    const killer = connect();
    try {
      // The timeout argument waits until the backend has really exited (and its locks are released).
      await killer`SELECT pg_terminate_backend(${pid}, 5000)`;
    } catch (err) {
      opts.log.error({ err, regionId, pid }, 'could not terminate the backend of a failed advisory unlock');
    } finally {
      await killer.end({ timeout: 1 }).catch(() => {});
    }
  }

  return {
    inUse: slots.inUse,
    async withLock<T>(regionId: string, fn: () => Promise<T>): Promise<T | null> {
      if (!(await slots.acquire(opts.acquireTimeoutMs))) {
        opts.log.warn({ regionId, slots: opts.slots, waitedMs: opts.acquireTimeoutMs }, 'no region lock slot came free; skipping this pass (it is retried)');
        return null;
      }
      const conn = connect();
      let pid: number | null = null;
      let healthy = true;
      try {
        const [got] = await conn<{ ok: boolean; pid: number }[]>`SELECT pg_try_advisory_lock(${LOCK_NAMESPACE}, hashtext(${regionId})) AS ok, pg_backend_pid() AS pid`;
        pid = got?.pid ?? null;
        if (!got?.ok) return null; // another replica is working this region
        try {
          return await fn();
        } finally {
          try {
            await conn`SELECT pg_advisory_unlock(${LOCK_NAMESPACE}, hashtext(${regionId}))`;
          } catch (err) {
            healthy = false;
            opts.log.error({ err, regionId }, 'advisory unlock failed; terminating that connection so the lock cannot outlive this pass');
            await destroy(conn, pid, regionId);
          }
        }
      } finally {
        if (healthy) await conn.end({ timeout: 2 }).catch(() => {});
        slots.release();
      }
    },
  };
}

/** The lock session factory of an orchestrator: one connection per lock, to the hub database. */
export function hubLockConnections(hubUrl: string): LockConnectionFactory {
  return () => postgres(hubUrl, { max: 1, idle_timeout: 5, connect_timeout: 10, onnotice: () => {}, connection: { application_name: 'orchestrator-region-lock' } });
}
