import { BoundedCache } from '@sw/auth';
import { fetchWorldStats, WORLD_STATS_TIMEOUT_MS } from './world-stats.ts';
import type { WorldStats } from './world-stats.ts';

/** How long one region's world stats are reused (REGION_WORLD_CACHE_MS). */
export const WORLD_STATS_CACHE_MS = 5000;
/** Most regions remembered at once (REGION_WORLD_CACHE_MAX); the least recently used is dropped beyond. */
export const WORLD_STATS_CACHE_MAX = 10_000;

export interface WorldStatsCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  /** Budget of one region-server call. */
  timeoutMs?: number;
  /** The region-server call (tests count calls); `regionId` selects the service token it carries. */
  fetch?: (endpoint: string, timeoutMs: number, regionId: string) => Promise<WorldStats | null>;
  now?: () => number;
}

/**
 * Region.world for many regions, or the same region under many aliases, must not fan out one region-server call per
 * selection: each region's answer (a missing world included, so a dead server is not hammered) is shared for `ttlMs`
 * by every request of this process, and concurrent requests for the same region share one call in flight. The cache is
 * bounded (LRU). Keyed by region and endpoint, so a region that moves to another endpoint is asked again at once.
 */
export class WorldStatsCache {
  private readonly entries: BoundedCache<Promise<WorldStats | null>>;
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly fetch: (endpoint: string, timeoutMs: number, regionId: string) => Promise<WorldStats | null>;
  private readonly now: () => number;

  constructor(opts: WorldStatsCacheOptions = {}) {
    this.ttlMs = opts.ttlMs ?? WORLD_STATS_CACHE_MS;
    this.timeoutMs = opts.timeoutMs ?? WORLD_STATS_TIMEOUT_MS;
    this.entries = new BoundedCache(opts.maxEntries ?? WORLD_STATS_CACHE_MAX);
    this.fetch = opts.fetch ?? fetchWorldStats;
    this.now = opts.now ?? Date.now;
  }

  /** The region's world stats (null: no endpoint, unreachable, slow or malformed), from the cache when fresh. */
  get(regionId: string, endpoint: string | null | undefined): Promise<WorldStats | null> {
    if (!endpoint) return Promise.resolve(null);
    const key = `${regionId}\u0000${endpoint}`;
    const now = this.now();
    const cached = this.entries.get(key, now);
    if (cached) return cached;
    // fetchWorldStats never rejects (a failure is null); the catch keeps an injected fetch to the same contract.
    const pending = this.fetch(endpoint, this.timeoutMs, regionId).catch(() => null);
    this.entries.set(key, pending, now + this.ttlMs);
    return pending;
  }

  get size(): number {
    return this.entries.size;
  }
}
