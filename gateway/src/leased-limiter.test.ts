import { describe, expect, it } from 'vitest';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { LeasedLimiter, leaseSizeFor } from './leased-limiter.ts';

const fail = (err: unknown) => {
  throw err;
};

describe('LeasedLimiter', () => {
  it('sizes leases at about 1/20 of the budget, 1 to 10', () => {
    expect([3, 19, 20, 100, 500, 1000, 10_000].map(leaseSizeFor)).toEqual([1, 1, 1, 5, 10, 10, 10]);
  });

  it('never allows more than the budget, on one replica or several sharing one counter', async () => {
    const shared = new RateLimiterMemory({ points: 100, duration: 60 });
    const a = new LeasedLimiter(shared, 100, fail);
    const b = new LeasedLimiter(shared, 100, fail);
    let allowed = 0;
    for (let i = 0; i < 150; i++) if ((await (i % 3 === 0 ? b : a).consume('caller')).ok) allowed += 1;
    expect(allowed).toBeLessThanOrEqual(100);
    expect(allowed).toBeGreaterThanOrEqual(100 - 2 * (leaseSizeFor(100) - 1));
  });

  it('is exact for one replica and answers over-budget calls from memory with Retry-After', async () => {
    let calls = 0;
    const inner = new RateLimiterMemory({ points: 100, duration: 60 });
    const counting = Object.assign(Object.create(inner) as RateLimiterMemory, {
      consume: (key: string, pts: number) => {
        calls += 1;
        return inner.consume(key, pts);
      },
    });
    const l = new LeasedLimiter(counting, 100, fail);
    const decisions = [];
    for (let i = 0; i < 103; i++) decisions.push(await l.consume('k'));
    expect(decisions.filter((d) => d.ok)).toHaveLength(100);
    expect(decisions[102]).toMatchObject({ ok: false });
    expect((decisions[102] as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // 20 leases of 5 for the budget, one refused lease, then memory answers.
    expect(calls).toBe(21);
  });

  it('small budgets use leases of one (exact counting)', async () => {
    const l = new LeasedLimiter(new RateLimiterMemory({ points: 3, duration: 60 }), 3, fail);
    const ok = [];
    for (let i = 0; i < 5; i++) ok.push((await l.consume('k')).ok);
    expect(ok).toEqual([true, true, true, false, false]);
  });
});
