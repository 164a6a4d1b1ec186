/**
 * A real subgraph pair for the subscription bridge tests and the fan-out bench, built with service-kit:
 * "feed" owns `Subscription.regionPings/regionLevel` whose events carry a `Region` reference; "names" resolves
 * `Region.name`. Events travel through Redis (@sw/events) like the real subgraphs', so publishers can live in any process.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import pino from 'pino';
import { createRedisEventBus } from '@sw/events';
import type { EventBus } from '@sw/events';
import { createSubgraphService } from '@sw/service-kit';
import type { RequestContext } from '@sw/service-kit';
import { DomainError } from '@sw/domain';
import type { DeliveryMode } from '../subscription-delivery-modes.ts';

export const FEED_SDL_PATH = fileURLToPath(new URL('./feed-subgraph.graphql', import.meta.url));
export const NAMES_SDL_PATH = fileURLToPath(new URL('./names-subgraph.graphql', import.meta.url));

/** Delivery modes of the fixture's Subscription fields (passed as overrides; production uses the table). */
export const FEED_DELIVERY_MODES: Record<string, DeliveryMode> = { regionPings: 'fifo', regionLevel: 'latest' };

export const pingChannel = (regionId: string) => `test.ping.${regionId}`;
export const levelChannel = (regionId: string) => `test.level.${regionId}`;

export interface PingEvent {
  regionId: string;
  n: number;
  publishedAt: number;
  pad?: string | null;
}

export interface FeedCounters {
  /** Upstream subscribe calls the feed subgraph has served in total / has open now. */
  subscribeCalls: number;
  active: number;
}

/** Starts the feed subgraph on a random port; subscriptions read `test.ping.<regionId>` from Redis under `prefix`. */
export async function startFeedSubgraph(opts: { internalClaimsSecret?: string; redisUrl?: string; prefix: string; port?: number }) {
  const bus: EventBus = createRedisEventBus({ ...(opts.redisUrl ? { url: opts.redisUrl } : {}), prefix: opts.prefix });
  const counters: FeedCounters = { subscribeCalls: 0, active: 0 };
  /**
   * A plain async iterator (not an async generator): return() must release the Redis subscription at once even while a
   * next() is pending — an async generator suspended in `await` would only run its finally block after the next event.
   */
  function stream<T>(channel: string, wrap: (e: T) => unknown): AsyncIterableIterator<unknown> {
    counters.subscribeCalls += 1;
    counters.active += 1;
    const sub = bus.subscribe<T>(channel, { bufferSize: 100_000 });
    let open = true;
    const end = () => {
      if (!open) return;
      open = false;
      counters.active -= 1;
      sub.close();
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next() {
        const r = await sub.next();
        if (r.done) {
          end();
          return { done: true, value: undefined };
        }
        return { done: false, value: wrap(r.value) };
      },
      async return() {
        end();
        return { done: true, value: undefined };
      },
    };
  }
  const service = await createSubgraphService<RequestContext>({
    name: 'feed',
    sdlPath: FEED_SDL_PATH,
    port: opts.port ?? 0,
    logger: pino({ level: 'silent' }),
    ...(opts.internalClaimsSecret ? { internalClaimsSecret: opts.internalClaimsSecret } : {}),
    resolvers: {
      Query: { feedInfo: () => 'feed' },
      Subscription: {
        regionPings: {
          subscribe: (_: unknown, a: { regionId: string }, ctx: RequestContext) => {
            // 'admin-only' streams refuse non-admins, like the real nexus generationProgress.
            if (a.regionId.startsWith('admin-only') && !ctx.claims?.roles.includes('admin')) {
              throw new DomainError('ERR_ADMIN_REQUIRED', 'admin role required');
            }
            return stream<PingEvent>(pingChannel(a.regionId), (e) => ({ regionPings: e }));
          },
        },
        regionLevel: {
          subscribe: (_: unknown, a: { regionId: string }) =>
            stream<{ regionId: string; level: number }>(levelChannel(a.regionId), (e) => ({ regionLevel: e })),
        },
      },
      RegionPing: {
        viewer: (_: unknown, __: unknown, ctx: RequestContext) => ctx.claims?.username ?? null,
        region: (p: PingEvent) => ({ id: p.regionId }),
      },
    },
    onStop: () => bus.close(),
  });
  return { ...service, bus, counters };
}

/** Starts the names subgraph: Region.name = "Region <id>". Counts entity fetches. */
export async function startNamesSubgraph(opts: { internalClaimsSecret?: string; port?: number }) {
  const counters = { entityFetches: 0 };
  const service = await createSubgraphService<RequestContext>({
    name: 'names',
    sdlPath: NAMES_SDL_PATH,
    port: opts.port ?? 0,
    logger: pino({ level: 'silent' }),
    ...(opts.internalClaimsSecret ? { internalClaimsSecret: opts.internalClaimsSecret } : {}),
    resolvers: {
      Query: { regionName: (_: unknown, a: { id: string }) => `Region ${a.id}` },
      Region: {
        __resolveReference: (ref: { id: string }) => {
          counters.entityFetches += 1;
          return { id: ref.id };
        },
        name: (r: { id: string }) => `Region ${r.id}`,
        fetchedBy: (_: unknown, __: unknown, ctx: RequestContext) => ctx.claims?.username ?? null,
      },
    },
  });
  return { ...service, counters };
}

/** Composes feed (+ names when given) into a supergraph routed to the given base URLs. */
export function feedSupergraph(feedUrl: string, namesUrl?: string): string {
  const services = [{ name: 'feed', url: `${feedUrl}/graphql`, typeDefs: parse(readFileSync(FEED_SDL_PATH, 'utf8')) }];
  if (namesUrl) services.push({ name: 'names', url: `${namesUrl}/graphql`, typeDefs: parse(readFileSync(NAMES_SDL_PATH, 'utf8')) });
  const result = composeServices(services);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}
