/**
 * A small LRU map with a per-entry expiry (ms since epoch). Used to skip repeated signature checks of the
 * same token: a hit costs one Map lookup. Bounded: inserting past `maxEntries` evicts the least recently used.
 */
export class BoundedCache<V> {
  readonly maxEntries: number;
  private readonly map = new Map<string, { value: V; expiresAtMs: number }>();

  constructor(maxEntries: number) {
    this.maxEntries = maxEntries;
  }

  /** The cached value, or undefined when absent or expired (an expired entry is removed). */
  get(key: string, nowMs: number = Date.now()): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAtMs <= nowMs) {
      this.map.delete(key);
      return undefined;
    }
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, expiresAtMs: number): void {
    this.map.delete(key);
    if (this.map.size >= this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
    this.map.set(key, { value, expiresAtMs });
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
