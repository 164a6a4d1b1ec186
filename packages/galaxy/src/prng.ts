/**
 * Small seeded PRNG for the galaxy generator: sfc32 seeded from a 128-bit cyrb128 hash of the seed string.
 * Seeds may be bigint, number or string; they are normalised with `seedKey` so 42, 42n and '42' are the
 * same seed. `deriveRng(seed, ...labels)` gives independent streams (one per cluster, per stage), which is
 * what lets one Nexus cluster be regenerated without touching the rest.
 */

export type GalaxySeed = bigint | number | string;

export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform integer in [min, max] (inclusive). */
  range(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** floor(x) plus 1 with probability frac(x): an integer whose expectation is x. */
  roundStochastic(x: number): number;
  pick<T>(items: readonly T[]): T;
  /** k distinct items chosen uniformly (partial Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], k: number): T[];
  shuffle<T>(items: T[]): T[];
}

/** Canonical string form of a seed. Non-integer or non-finite numbers are rejected. */
export function seedKey(seed: GalaxySeed): string {
  if (typeof seed === 'number' && (!Number.isFinite(seed) || !Number.isInteger(seed))) {
    throw new RangeError(`galaxy seed must be an integer, bigint or string, got ${seed}`);
  }
  return String(seed);
}

function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** An sfc32 stream seeded from the hash of `key`. */
export function createRng(key: string): Rng {
  let [a, b, c, d] = cyrb128(key);
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // warm-up: decorrelate similar keys
  const int = (n: number): number => Math.floor(next() * n);
  const rng: Rng = {
    next,
    int,
    range: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    roundStochastic: (x) => {
      const f = Math.floor(x);
      return f + (next() < x - f ? 1 : 0);
    },
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[int(items.length)] as never;
    },
    sample: (items, k) => {
      const copy = items.slice();
      const n = Math.min(k, copy.length);
      for (let i = 0; i < n; i++) {
        const j = i + int(copy.length - i);
        const tmp = copy[i]!;
        copy[i] = copy[j]!;
        copy[j] = tmp;
      }
      copy.length = n;
      return copy;
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const tmp = items[i]!;
        items[i] = items[j]!;
        items[j] = tmp;
      }
      return items;
    },
  };
  return rng;
}

/** An independent stream for (seed, labels…), e.g. deriveRng(seed, 'cluster', 7). */
export function deriveRng(seed: GalaxySeed, ...labels: Array<string | number>): Rng {
  return createRng([seedKey(seed), ...labels].join('|'));
}
