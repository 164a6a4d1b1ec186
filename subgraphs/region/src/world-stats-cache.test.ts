import { describe, expect, it } from 'vitest';
import { WorldStatsCache } from './world-stats-cache.ts';
import type { WorldStats } from './world-stats.ts';

const stats: WorldStats = { sectors: 500, clusters: 10, ports: 40, planets: 80, warps: 1200, playersOnline: 3 };

function counting(result: WorldStats | null = stats) {
  const calls: string[] = [];
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  return {
    calls,
    release: () => release(),
    fetch: async (endpoint: string) => {
      calls.push(endpoint);
      await gate;
      return result;
    },
  };
}

describe('WorldStatsCache', () => {
  it('shares one region-server call between concurrent and repeated selections of the same region', async () => {
    const f = counting();
    let t = 1000;
    const cache = new WorldStatsCache({ fetch: f.fetch, ttlMs: 5000, now: () => t });
    // 100 aliases of Region.world on one region in one request, plus a second request at the same moment.
    const all = Array.from({ length: 100 }, () => cache.get('r1', 'http://region-1:4002'));
    f.release();
    expect(await Promise.all(all)).toEqual(Array.from({ length: 100 }, () => stats));
    t += 4999;
    expect(await cache.get('r1', 'http://region-1:4002')).toEqual(stats);
    expect(f.calls).toEqual(['http://region-1:4002']);
  });

  it('asks again after the TTL, and at once when the region moved to another endpoint', async () => {
    const f = counting();
    f.release();
    let t = 0;
    const cache = new WorldStatsCache({ fetch: f.fetch, ttlMs: 5000, now: () => t });
    await cache.get('r1', 'http://a');
    await cache.get('r1', 'http://b');
    t = 5000;
    await cache.get('r1', 'http://a');
    expect(f.calls).toEqual(['http://a', 'http://b', 'http://a']);
  });

  it('caches a missing world too (a dead region-server is not hammered), and a rejecting fetch as null', async () => {
    const f = counting(null);
    f.release();
    const cache = new WorldStatsCache({ fetch: f.fetch });
    expect(await cache.get('r1', 'http://dead')).toBeNull();
    expect(await cache.get('r1', 'http://dead')).toBeNull();
    expect(f.calls).toHaveLength(1);
    const failing = new WorldStatsCache({ fetch: () => Promise.reject(new Error('boom')) });
    expect(await failing.get('r2', 'http://x')).toBeNull();
  });

  it('answers null without a call when the region has no endpoint', async () => {
    const f = counting();
    const cache = new WorldStatsCache({ fetch: f.fetch });
    expect(await cache.get('r1', null)).toBeNull();
    expect(await cache.get('r1', '')).toBeNull();
    expect(f.calls).toEqual([]);
    expect(cache.size).toBe(0);
  });

  it('is bounded: beyond maxEntries the least recently used region is dropped', async () => {
    const f = counting();
    f.release();
    const cache = new WorldStatsCache({ fetch: f.fetch, maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) await cache.get(id, `http://${id}`);
    expect(cache.size).toBe(3);
    await cache.get('a', 'http://a');
    expect(f.calls).toEqual(['http://a', 'http://b', 'http://c', 'http://d', 'http://a']);
  });
});
