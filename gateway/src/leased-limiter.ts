import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * A request budget that spends Redis round trips in leases (docs/decisions/auth.md "Rate limits"): instead of one
 * Redis increment per request, a gateway takes `lease` points of a caller's budget at once and serves that many
 * requests from memory. The shared counter still bounds the total: a lease is granted only up to what is left of
 * the budget, so callers are never allowed more than the limit across all replicas — at worst a caller spread over
 * several replicas is refused up to (lease - 1) requests per replica early. Budgets under 20 use leases of 1 (exact).
 */
export type LeaseDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Lease {
  left: number;
  /** End of the window this lease belongs to (ms since epoch). */
  until: number;
}

/** Lease size for a budget: about 1/20 of it, between 1 and 10. */
export function leaseSizeFor(points: number): number {
  return Math.max(1, Math.min(10, Math.floor(points / 20)));
}

export class LeasedLimiter {
  private readonly limiter: RateLimiterAbstract;
  private readonly points: number;
  private readonly lease: number;
  private readonly leases = new Map<string, Lease>();
  private readonly onError: (err: unknown) => void;

  constructor(limiter: RateLimiterAbstract, points: number, onError: (err: unknown) => void, lease = leaseSizeFor(points)) {
    this.limiter = limiter;
    this.points = points;
    this.lease = lease;
    this.onError = onError;
  }

  /** Spends one request of `key`'s budget. */
  async consume(key: string, nowMs: number = Date.now()): Promise<LeaseDecision> {
    const held = this.leases.get(key);
    if (held && held.until > nowMs) {
      if (held.left > 0) {
        held.left -= 1;
        return { ok: true };
      }
      if (held.left < 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((held.until - nowMs) / 1000)) };
    }
    try {
      const res = await this.limiter.consume(key, this.lease);
      this.remember(key, { left: this.lease - 1, until: nowMs + res.msBeforeNext }, nowMs);
      return { ok: true };
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) {
        this.onError(err);
        return { ok: true };
      }
      // Only part of the lease (or nothing) was left in the budget: grant what was there.
      const available = Math.max(0, this.points - (err.consumedPoints - this.lease));
      const until = nowMs + err.msBeforeNext;
      if (available > 0) {
        this.remember(key, { left: Math.min(available, this.lease) - 1, until }, nowMs);
        return { ok: true };
      }
      // Exhausted until the window ends: answer from memory meanwhile (left -1 = known refused).
      this.remember(key, { left: -1, until }, nowMs);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    }
  }

  private remember(key: string, lease: Lease, nowMs: number): void {
    if (this.leases.size > 50_000) for (const [k, l] of this.leases) if (l.until <= nowMs) this.leases.delete(k);
    this.leases.set(key, lease);
  }
}
