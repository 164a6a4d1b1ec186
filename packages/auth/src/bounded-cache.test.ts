import { describe, expect, it } from 'vitest';
import { BoundedCache } from './bounded-cache.ts';

describe('BoundedCache', () => {
  it('evicts the least recently used entry when full', () => {
    const c = new BoundedCache<number>(2);
    c.set('a', 1, 1000);
    c.set('b', 2, 1000);
    expect(c.get('a', 0)).toBe(1); // a is now most recent
    c.set('c', 3, 1000);
    expect(c.size).toBe(2);
    expect(c.get('b', 0)).toBeUndefined();
    expect(c.get('a', 0)).toBe(1);
    expect(c.get('c', 0)).toBe(3);
  });

  it('drops entries once their expiry has passed', () => {
    const c = new BoundedCache<string>(10);
    c.set('t', 'claims', 500);
    expect(c.get('t', 499)).toBe('claims');
    expect(c.get('t', 500)).toBeUndefined();
    expect(c.size).toBe(0);
  });
});
