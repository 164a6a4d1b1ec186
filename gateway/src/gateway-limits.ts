/**
 * The gateway's limits and exposure defaults, read from the environment in one place:
 *
 * | Variable | Default | Meaning |
 * |---|---|---|
 * | GATEWAY_HOST | 127.0.0.1 | listen address; the container topology sets 0.0.0.0 behind nginx |
 * | GATEWAY_MAX_DEPTH | 12 | deepest data field nesting |
 * | GATEWAY_MAX_COMPLEXITY | 500 | data selections, each weighted by its @cost (default 1) |
 * | GATEWAY_MAX_QUERY_BYTES | 20480 | query document size (UTF-8) |
 * | GATEWAY_INTROSPECTION_MAX_DEPTH | 20 | the same two bounds for the introspection part (`__schema`, `__type`) |
 * | GATEWAY_INTROSPECTION_MAX_COMPLEXITY | 500 | |
 * | GATEWAY_WS_MAX_CONNECTIONS | 10000 | open graphql-ws connections; one more is closed with 1013 "Too many connections" |
 * | GATEWAY_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION | 100 | active subscriptions on one connection; one more gets ERR_TOO_MANY_SUBSCRIPTIONS |
 *
 * The same limits apply to queries and mutations over HTTP and to subscriptions at subscribe time.
 */
import { ConfigError, readEnvInt } from '@sw/config';
import { DEFAULT_QUERY_LIMITS, readQueryLimits } from '@sw/service-kit';
import type { DepthAndComplexity, QueryLimits } from '@sw/service-kit';

/** Loopback by default: the embedded default (with its dev login) must not be reachable from other hosts. */
export const DEFAULT_GATEWAY_HOST = '127.0.0.1';

/** Explicit limits (tests, embedding) over the environment's. */
export type QueryLimitsOverride = Partial<Omit<QueryLimits, 'introspection'>> & { introspection?: Partial<DepthAndComplexity> };

/** GATEWAY_* limits from `env`, then `override` on top. */
export function gatewayQueryLimits(env: NodeJS.ProcessEnv, override: QueryLimitsOverride = {}): QueryLimits {
  const base = readQueryLimits('GATEWAY', DEFAULT_QUERY_LIMITS, env);
  return { ...base, ...override, introspection: { ...base.introspection, ...override.introspection } };
}

/** Caps of the graphql-ws endpoint (subscription-server.ts). */
export interface SubscriptionCaps {
  maxConnections: number;
  maxSubscriptionsPerConnection: number;
}

export const DEFAULT_SUBSCRIPTION_CAPS: SubscriptionCaps = { maxConnections: 10_000, maxSubscriptionsPerConnection: 100 };

/** GATEWAY_WS_MAX_CONNECTIONS / GATEWAY_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION; a cap below 1 is a ConfigError. */
export function gatewaySubscriptionCaps(env: NodeJS.ProcessEnv): SubscriptionCaps {
  const read = (name: string, fallback: number) => {
    const value = readEnvInt(name, fallback, env);
    if (value < 1) throw new ConfigError(`${name} must be at least 1, got ${value}`);
    return value;
  };
  return {
    maxConnections: read('GATEWAY_WS_MAX_CONNECTIONS', DEFAULT_SUBSCRIPTION_CAPS.maxConnections),
    maxSubscriptionsPerConnection: read('GATEWAY_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION', DEFAULT_SUBSCRIPTION_CAPS.maxSubscriptionsPerConnection),
  };
}
