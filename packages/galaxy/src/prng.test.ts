import { describe, expect, it } from 'vitest';
import { createRng, deriveRng, seedKey } from './prng.ts';

describe('prng', () => {
  it('is deterministic per key and differs across keys', () => {
    const seq = (key: string) => Array.from({ length: 5 }, ((r) => () => r.next())(createRng(key)));
    expect(seq('a')).toEqual(seq('a'));
    expect(seq('a')).not.toEqual(seq('b'));
    expect(deriveRng(42, 'cluster', 1).next()).toBe(deriveRng('42', 'cluster', 1).next());
    expect(deriveRng(42n, 'cluster', 1).next()).not.toBe(deriveRng(42, 'cluster', 2).next());
  });

  it('normalises seeds and rejects non-integer numbers', () => {
    expect(seedKey(42)).toBe('42');
    expect(seedKey(9007199254740993n)).toBe('9007199254740993');
    expect(() => seedKey(1.5)).toThrow(RangeError);
    expect(() => seedKey(Number.NaN)).toThrow(RangeError);
  });

  it('draws in range, roughly uniformly, and samples distinct items', () => {
    const r = createRng('dist');
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 20000; i++) {
      const x = r.int(10);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(10);
      buckets[x]++;
    }
    for (const b of buckets) expect(Math.abs(b - 2000)).toBeLessThan(250);
    const s = r.sample(Array.from({ length: 50 }, (_, i) => i), 20);
    expect(new Set(s).size).toBe(20);
    let total = 0;
    for (let i = 0; i < 10000; i++) total += r.roundStochastic(2.3);
    expect(total / 10000).toBeCloseTo(2.3, 1);
  });
});
