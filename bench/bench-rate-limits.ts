import type { StartGatewayOptions } from '@sw/gateway';

/**
 * Gateway rate limits for a bench: on (their Redis round trip is part of every request's cost) but with budgets a
 * load generator on one address cannot exhaust — at the production 100/min per anonymous address a bench's
 * subscribers or search phase would be refused (ERR_RATE_LIMITED), not measured. `keyPrefix` keeps the counters apart
 * from any other run sharing the Redis.
 */
export function benchRateLimits(keyPrefix: string): NonNullable<StartGatewayOptions['rateLimits']> {
  return { enabled: true, keyPrefix, anonymousPerMinute: 10_000_000, signedInPerMinute: 10_000_000, adminPerMinute: 10_000_000 };
}
