import { Cluster, Redis } from 'ioredis';
import { resolveRedisTarget } from '@sw/events';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import type { Logger } from 'pino';
import { isAdmin, type Claims } from '@sw/auth';
import { LeasedLimiter } from './leased-limiter.ts';
import { DEFAULT_REDIS_URL, readEnv, readEnvBool, readEnvInt } from '@sw/config';

/**
 * Request rate limits and sign-in brute-force protection on Redis (rate-limiter-flexible), so every gateway
 * replica shares one count (docs/decisions/auth.md "Rate limits"). Each Redis limiter has an in-memory insurance
 * limiter with the same budget: when Redis is unreachable a replica keeps limiting on its own instead of failing.
 * Refusals are HTTP 429 with ERR_RATE_LIMITED and Retry-After (seconds).
 */
export interface RateLimitConfig {
  enabled: boolean;
  anonymousPerMinute: number;
  signedInPerMinute: number;
  adminPerMinute: number;
  generationPerHour: number;
  /** Failed sign-ins of one account within the window before it is locked until the window ends. */
  loginFailsPerAccount: number;
  loginAccountWindowSeconds: number;
  /** Failed sign-ins from one address (any account) within the window. */
  loginFailsPerAddress: number;
  loginAddressWindowSeconds: number;
  registrationsPerAddressPerHour: number;
  redisUrl: string;
  /** Redis Cluster seed nodes (REDIS_CLUSTER_NODES): when set the counts live on the cluster, like the event bus. */
  redisClusterNodes: string;
  keyPrefix: string;
}

/** Defaults and environment names: README "Configuration". */
export function rateLimitConfigFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitConfig {
  return {
    enabled: readEnvBool('RATE_LIMIT_ENABLED', true, env),
    anonymousPerMinute: readEnvInt('RATE_LIMIT_ANONYMOUS_PER_MIN', 100, env),
    signedInPerMinute: readEnvInt('RATE_LIMIT_SIGNED_IN_PER_MIN', 1000, env),
    adminPerMinute: readEnvInt('RATE_LIMIT_ADMIN_PER_MIN', 500, env),
    generationPerHour: readEnvInt('RATE_LIMIT_GENERATION_PER_HOUR', 5, env),
    loginFailsPerAccount: readEnvInt('AUTH_LOCKOUT_FAILS_PER_ACCOUNT', 5, env),
    loginAccountWindowSeconds: readEnvInt('AUTH_LOCKOUT_ACCOUNT_MINUTES', 15, env) * 60,
    loginFailsPerAddress: readEnvInt('AUTH_LOCKOUT_FAILS_PER_ADDRESS', 50, env),
    loginAddressWindowSeconds: readEnvInt('AUTH_LOCKOUT_ADDRESS_MINUTES', 60, env) * 60,
    registrationsPerAddressPerHour: readEnvInt('AUTH_REGISTRATIONS_PER_ADDRESS_PER_HOUR', 20, env),
    redisUrl: readEnv('REDIS_URL', DEFAULT_REDIS_URL, env),
    redisClusterNodes: readEnv('REDIS_CLUSTER_NODES', '', env),
    keyPrefix: readEnv('RATE_LIMIT_PREFIX', 'sw:rl:', env),
  };
}

/** Root Mutation fields with their own, much smaller budget (galaxy generation is expensive). */
export const COSTLY_MUTATIONS: Readonly<Record<string, 'generation'>> = {
  generateNexus: 'generation',
  regenerateCluster: 'generation',
};

export type LimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

const ALLOW: LimitDecision = { ok: true };

function refusedBy(res: RateLimiterRes): LimitDecision {
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
}

export interface GatewayLimiters {
  readonly config: RateLimitConfig;
  /**
   * Resolves once Redis answers (or after `readyTimeoutMs`, logged): until then checks are counted by the in-memory
   * insurance limiters only, so the gateway waits for this before it listens.
   */
  readonly ready: Promise<void>;
  /** One GraphQL request (HTTP) or subscription start by this caller. */
  request(claims: Claims | null, address: string): Promise<LimitDecision>;
  /** One costly mutation (COSTLY_MUTATIONS) by this caller. */
  costly(kind: 'generation', claims: Claims | null, address: string): Promise<LimitDecision>;
  /** Refuses a sign-in attempt while the account or the address is locked out (also with the right password). */
  signInAllowed(account: string, address: string): Promise<LimitDecision>;
  /** Counts one failed sign-in against the account and the address. */
  signInFailed(account: string, address: string): Promise<void>;
  /** A successful sign-in clears the account's consecutive failures (the address count keeps its window). */
  signInSucceeded(account: string): Promise<void>;
  /** One registration attempt from this address. */
  registration(address: string): Promise<LimitDecision>;
  close(): Promise<void>;
}

function limiterClient(config: RateLimitConfig): Redis | Cluster {
  const target = resolveRedisTarget({ url: config.redisUrl, clusterNodes: config.redisClusterNodes });
  if (target.kind === 'standalone') return new Redis(target.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  return new Cluster(target.nodes, {
    enableOfflineQueue: false,
    slotsRefreshTimeout: 5_000,
    redisOptions: {
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      maxRetriesPerRequest: 1,
    },
  });
}

/** Builds the limiters; with `enabled: false` every check allows and nothing touches Redis. */
export function createGatewayLimiters(config: RateLimitConfig, logger: Logger, redis?: Redis | Cluster, readyTimeoutMs = 10_000): GatewayLimiters {
  if (!config.enabled) {
    return {
      config,
      ready: Promise.resolve(),
      request: () => Promise.resolve(ALLOW),
      costly: () => Promise.resolve(ALLOW),
      signInAllowed: () => Promise.resolve(ALLOW),
      signInFailed: () => Promise.resolve(),
      signInSucceeded: () => Promise.resolve(),
      registration: () => Promise.resolve(ALLOW),
      close: () => Promise.resolve(),
    };
  }
  const ownClient = redis === undefined;
  // No offline queue: while Redis is down a command fails at once and the insurance limiter answers. Each limiter key
  // is one Redis key, so on a cluster every count lives on the shard of its key.
  const client = redis ?? limiterClient(config);
  client.on('error', (err: Error) => logger.debug({ err }, 'rate limit redis error'));
  const ready =
    client.status === 'ready'
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            logger.warn({ url: config.redisUrl }, 'rate limits: Redis not ready; limiting in memory until it is');
            resolve();
          }, readyTimeoutMs);
          client.once('ready', () => {
            clearTimeout(timer);
            resolve();
          });
        });
  const make = (name: string, points: number, duration: number): RateLimiterAbstract =>
    new RateLimiterRedis({
      storeClient: client,
      keyPrefix: `${config.keyPrefix}${name}`,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${config.keyPrefix}${name}`, points, duration }),
    });
  // Request budgets are spent in leases (leased-limiter.ts): one Redis round trip per few requests, never over budget.
  const onLimiterError = (err: unknown) => logger.warn({ err }, 'rate limiter failed; allowing the request');
  const anonymous = new LeasedLimiter(make('anon', config.anonymousPerMinute, 60), config.anonymousPerMinute, onLimiterError);
  const signedIn = new LeasedLimiter(make('user', config.signedInPerMinute, 60), config.signedInPerMinute, onLimiterError);
  const admin = new LeasedLimiter(make('admin', config.adminPerMinute, 60), config.adminPerMinute, onLimiterError);
  const generation = make('generation', config.generationPerHour, 3600);
  const failsByAccount = make('login-account', config.loginFailsPerAccount, config.loginAccountWindowSeconds);
  const failsByAddress = make('login-address', config.loginFailsPerAddress, config.loginAddressWindowSeconds);
  const registrations = make('register', config.registrationsPerAddressPerHour, 3600);

  async function consume(limiter: RateLimiterAbstract, key: string): Promise<LimitDecision> {
    try {
      await limiter.consume(key, 1);
      return ALLOW;
    } catch (err) {
      if (err instanceof RateLimiterRes) return refusedBy(err);
      logger.warn({ err }, 'rate limiter failed; allowing the request');
      return ALLOW;
    }
  }
  async function lockedOut(limiter: RateLimiterAbstract, key: string, max: number): Promise<LimitDecision> {
    try {
      const res = await limiter.get(key);
      return res !== null && res.consumedPoints >= max ? refusedBy(res) : ALLOW;
    } catch (err) {
      logger.warn({ err }, 'sign-in limiter read failed');
      return ALLOW;
    }
  }
  const callerKey = (claims: Claims | null, address: string) => (claims ? `u:${claims.sub}` : `a:${address}`);

  return {
    config,
    ready,
    request(claims, address) {
      if (!claims) return anonymous.consume(address);
      return (isAdmin(claims) ? admin : signedIn).consume(claims.sub);
    },
    costly(_kind, claims, address) {
      return consume(generation, callerKey(claims, address));
    },
    async signInAllowed(account, address) {
      const byAccount = await lockedOut(failsByAccount, account, config.loginFailsPerAccount);
      if (!byAccount.ok) return byAccount;
      return lockedOut(failsByAddress, address, config.loginFailsPerAddress);
    },
    async signInFailed(account, address) {
      // Over-consuming past the budget is expected here (the rejection just says "now locked").
      await Promise.all([failsByAccount.consume(account).catch(() => undefined), failsByAddress.consume(address).catch(() => undefined)]);
    },
    async signInSucceeded(account) {
      await failsByAccount.delete(account).catch((err: unknown) => logger.warn({ err }, 'could not clear sign-in failures'));
    },
    registration(address) {
      return consume(registrations, address);
    },
    async close() {
      if (ownClient) client.disconnect();
    },
  };
}

/**
 * Apollo plugin: a mutation selecting a COSTLY_MUTATIONS root field spends one unit of that field's budget per
 * operation, before any subgraph is called; over budget → ERR_RATE_LIMITED (429, Retry-After).
 */
export function costlyMutationLimitPlugin(
  limiters: GatewayLimiters,
  callerOf: (context: unknown) => { claims: Claims | null; address: string },
): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue, response }) {
          if (operation?.operation !== 'mutation') return;
          const kinds = new Set<'generation'>();
          for (const sel of operation.selectionSet.selections) {
            if (sel.kind === Kind.FIELD && COSTLY_MUTATIONS[sel.name.value]) kinds.add(COSTLY_MUTATIONS[sel.name.value]!);
          }
          const { claims, address } = callerOf(contextValue);
          for (const kind of kinds) {
            const decision = await limiters.costly(kind, claims, address);
            if (!decision.ok) {
              response.http.headers.set('retry-after', String(decision.retryAfterSeconds));
              throw new GraphQLError(`Too many ${kind} requests; retry in ${decision.retryAfterSeconds} s`, {
                extensions: { code: 'ERR_RATE_LIMITED', retryAfterSeconds: decision.retryAfterSeconds, http: { status: 429 } },
              });
            }
          }
        },
      };
    },
  };
}
