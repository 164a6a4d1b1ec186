import type postgres from 'postgres';
import { Gauge, type Registry } from 'prom-client';

/** Connections of one pool as the database server sees them. */
export interface PoolCounts {
  open: number;
  busy: number;
}

/**
 * Counts the server connections a pool holds by its application_name, database and role in pg_stat_activity
 * (postgres.js keeps its pool counts private). The counting query's own session is left out; two processes of the
 * same service on the same database and role would be counted together (one per database in both topologies). Behind a transaction pooler the server sessions
 * are the pooler's, so services there report the pooler's view only (docs/decisions/monitoring.md).
 */
export function pgStatActivityCounts(sql: postgres.Sql, applicationName: string): () => Promise<PoolCounts> {
  return async () => {
    const rows = await sql<Array<{ open: number; busy: number }>>`
      SELECT count(*)::int AS open, count(*) FILTER (WHERE state IS DISTINCT FROM 'idle')::int AS busy
      FROM pg_stat_activity
      WHERE application_name = ${applicationName} AND datname = current_database() AND usename = current_user AND pid <> pg_backend_pid()`;
    // The counting query itself holds one of the pool's connections while it runs.
    const r = rows[0] ?? { open: 0, busy: 0 };
    return { open: r.open + 1, busy: r.busy + 1 };
  };
}

interface TrackedPool {
  pool: string;
  max: number;
  read(): Promise<PoolCounts>;
}
const poolsOf = new WeakMap<Registry, TrackedPool[]>();

/**
 * Registers sw_db_pool_open_connections, sw_db_pool_busy_connections and sw_db_pool_max_connections{pool} (the alert
 * rule DbPoolSaturated divides the first by the last). The count is read at scrape time, at most every `cacheMs`
 * (default 5 s); a failed count keeps the last values. Several pools may share one registry.
 */
export function registerDbPoolMetrics(registry: Registry, opts: { pool: string; max: number; count: () => Promise<PoolCounts>; cacheMs?: number }): void {
  const cacheMs = opts.cacheMs ?? 5_000;
  let last: { at: number; counts: PoolCounts } = { at: -Infinity, counts: { open: 0, busy: 0 } };
  let inflight: Promise<PoolCounts> | null = null;
  // The three gauges collect at once: they share one count (in flight, then cached).
  const read = (): Promise<PoolCounts> => {
    if (Date.now() - last.at < cacheMs) return Promise.resolve(last.counts);
    inflight ??= opts
      .count()
      .then((counts) => (last = { at: Date.now(), counts }).counts)
      .catch(() => (last = { ...last, at: Date.now() }).counts)
      .finally(() => (inflight = null));
    return inflight;
  };
  const pools = poolsOf.get(registry);
  if (pools) {
    pools.push({ pool: opts.pool, max: opts.max, read });
    return;
  }
  const tracked: TrackedPool[] = [{ pool: opts.pool, max: opts.max, read }];
  poolsOf.set(registry, tracked);
  const gauge = (name: string, help: string, pick: (p: TrackedPool, c: PoolCounts) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['pool'],
      registers: [registry],
      async collect() {
        for (const p of tracked) this.set({ pool: p.pool }, pick(p, await p.read()));
      },
    });
  gauge('sw_db_pool_open_connections', 'Server connections held by the pool', (_p, c) => c.open);
  gauge('sw_db_pool_busy_connections', 'Pool connections running a statement or transaction', (_p, c) => c.busy);
  gauge('sw_db_pool_max_connections', 'Size of the pool', (p) => p.max);
}
