import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerDbPoolMetrics, type PoolCounts } from './db-pool-metrics.ts';

const valueOf = async (registry: Registry, name: string, pool: string) => {
  const m = (await registry.getMetricsAsJSON()).find((x) => x.name === name) as { values: Array<{ labels: { pool?: string }; value: number }> } | undefined;
  return m?.values.find((v) => v.labels.pool === pool)?.value;
};

describe('registerDbPoolMetrics', () => {
  it('reports open, busy and max per pool, reading the counts at scrape time at most once per cache period', async () => {
    const registry = new Registry();
    let calls = 0;
    let counts: PoolCounts = { open: 8, busy: 3 };
    registerDbPoolMetrics(registry, { pool: 'hub', max: 10, cacheMs: 60_000, count: async () => (calls++, counts) });
    registerDbPoolMetrics(registry, { pool: 'jobs', max: 4, count: async () => ({ open: 1, busy: 0 }) });
    expect(await valueOf(registry, 'sw_db_pool_open_connections', 'hub')).toBe(8);
    expect(await valueOf(registry, 'sw_db_pool_busy_connections', 'hub')).toBe(3);
    expect(await valueOf(registry, 'sw_db_pool_max_connections', 'hub')).toBe(10);
    expect(await valueOf(registry, 'sw_db_pool_open_connections', 'jobs')).toBe(1);
    expect(await valueOf(registry, 'sw_db_pool_max_connections', 'jobs')).toBe(4);
    counts = { open: 2, busy: 2 };
    expect(await valueOf(registry, 'sw_db_pool_open_connections', 'hub')).toBe(8); // cached
    expect(calls).toBe(1);
  });

  it('keeps the last counts when counting fails', async () => {
    const registry = new Registry();
    let fail = false;
    registerDbPoolMetrics(registry, { pool: 'hub', max: 5, cacheMs: 0, count: async () => { if (fail) throw new Error('db down'); return { open: 4, busy: 1 }; } });
    expect(await valueOf(registry, 'sw_db_pool_open_connections', 'hub')).toBe(4);
    fail = true;
    expect(await valueOf(registry, 'sw_db_pool_open_connections', 'hub')).toBe(4);
  });
});
