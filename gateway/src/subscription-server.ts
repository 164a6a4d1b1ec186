/**
 * graphql-ws (graphql-transport-ws) on the gateway's /graphql path and http.Server, backed by the planner bridge
 * (subscription-hub.ts). graphql-ws handles the protocol (subprotocol 4406, ack, 4401, 4408, 4409, 4429, ping/pong,
 * complete) through graphql-ws-adapter.ts (a client that resets its socket is not an internal error); this file adds:
 *  - auth: `authorization: 'Bearer <jwt>'` (or `token: '<jwt>'`) in connectionParams, verified on connection_init
 *    (invalid/expired → close 4403); no token = anonymous (the owning subgraph decides what anonymous may see);
 *    token expiry re-checked on every subscribe (error ERR_INVALID_TOKEN) and the connection is closed with 4403 when the
 *    token expires while it is open;
 *  - caps: at most `maxConnections` open connections (one more is closed at once with 1013 "Too many connections";
 *    graphql-ws clients retry later by themselves) and `maxSubscriptionsPerConnection` active subscriptions per
 *    connection (one more gets an `error` coded ERR_TOO_MANY_SUBSCRIPTIONS; the connection stays open);
 *  - the HTTP endpoint's query limits (bytes, depth, complexity; gateway-limits.ts) checked at subscribe;
 *  - a maximum connection lifetime (GATEWAY_WS_MAX_LIFETIME_MS, default 1 h) → close 4000 "Connection lifetime exceeded"
 *    (graphql-ws clients reconnect and re-subscribe by themselves; resync from a snapshot query using `extensions.seq`);
 *  - validation/planning errors as a graphql-ws `error` message with codes;
 *  - reloadSupergraph(sdl): running subscriptions end with an `error` coded SUBSCRIPTION_SCHEMA_RELOAD;
 *  - session revocation: a token of an ended session is refused at connection_init (4403), and when a session ends
 *    while its connections are open they are closed with 4401 "Session revoked" (auth/session-revocations.ts);
 *  - rate limits: every subscribe spends one unit of the caller's request budget (rate-limits.ts).
 */
import type http from 'node:http';
import { WebSocketServer } from 'ws';
import type WebSocket from 'ws';
import { useGraphqlWsServer } from './graphql-ws-adapter.ts';
import { handleProtocols } from 'graphql-ws';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Context } from 'graphql-ws';
import { createRequestAuthenticator } from './request-auth.ts';
import type { RevocationCheck, VerifiedAuth } from './request-auth.ts';
import type { GatewayLimiters } from './rate-limits.ts';
import { SubscriptionPlanner } from './subscription-planner.ts';
import type { PlannedSubscription } from './subscription-planner.ts';
import { SubscriptionHub, SubscriptionTerminated } from './subscription-hub.ts';
import type { HubStats } from './subscription-hub.ts';
import type { FanoutLimits, RawFrameSink } from './subscription-fanout.ts';
import { SUBSCRIPTION_CLOSE_CODES } from './subscription-delivery-modes.ts';
import type { DeliveryMode } from './subscription-delivery-modes.ts';
import { randomUUID } from 'node:crypto';
import { DEFAULT_QUERY_LIMITS, checkQueryLimits, fieldCostsFromSdl, limitError, queryExceedsBytes } from '@sw/service-kit';
import type { QueryLimits } from '@sw/service-kit';
import { DEFAULT_SUBSCRIPTION_CAPS } from './gateway-limits.ts';

export interface SubscriptionConfig {
  /** Close a connection after this long (default GATEWAY_WS_MAX_LIFETIME_MS or 3,600,000). */
  maxLifetimeMs: number;
  /** graphql-ws connection_init wait (default GATEWAY_WS_INIT_TIMEOUT_MS or 3000) → 4408. */
  connectionInitWaitTimeoutMs: number;
  /** ws-level ping interval; a peer that misses a pong for this long is terminated (default 12,000). */
  keepAliveMs: number;
  /** Extra/override delivery modes (see subscription-delivery-modes.ts; tests and benches). */
  deliveryModes?: Readonly<Record<string, DeliveryMode>>;
  /** Slow-client limits (high-water bytes, fifo capacity). */
  limits?: Partial<FanoutLimits>;
  /** Largest accepted WebSocket message (default 256 KiB). */
  maxMessageBytes: number;
  /**
   * Write `next` frames straight to the TCP socket as a two-fragment message (prebuilt per-subscriber head + shared
   * per-event tail) instead of ws.send (default GATEWAY_WS_RAW_FRAMES or true). See subscription-fanout.ts.
   */
  rawFrames: boolean;
  /** Open connections at most (default 10,000); see gateway-limits.ts. */
  maxConnections: number;
  /** Active subscriptions per connection at most (default 100). */
  maxSubscriptionsPerConnection: number;
  /** Bytes / depth / complexity limits checked at subscribe (default: the HTTP endpoint's defaults). */
  queryLimits: QueryLimits;
}

export interface SubscriptionServerOptions extends Partial<SubscriptionConfig> {
  httpServer: http.Server;
  path: string;
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  jwtSecret: string;
  internalSecret: string;
  logger: Logger;
  /** Ended sessions: refused at connect, and their open connections closed when they end. */
  revocations?: RevocationCheck & { onRevoked(listener: (sessionIds: readonly string[]) => void): () => void };
  limiters?: GatewayLimiters;
}

export interface SubscriptionServer {
  hub: SubscriptionHub;
  /** Replaces the supergraph used for new subscriptions; running ones end with SUBSCRIPTION_SCHEMA_RELOAD. */
  reloadSupergraph(supergraphSdl: string): Promise<void>;
  stats(): HubStats & { connections: number };
  stop(): Promise<void>;
}

interface ConnectionState {
  auth: VerifiedAuth | null;
  timers: NodeJS.Timeout[];
}

interface BridgeContext {
  bridge: {
    plan: PlannedSubscription;
    variables: Record<string, unknown>;
    id: string;
    socket: WebSocket;
    raw: RawFrameSink | undefined;
    auth: VerifiedAuth | null;
  };
}

type Extra = { socket: WebSocket; request: http.IncomingMessage };

const MAX_TIMER_MS = 2_147_483_647;

/** Reads the client's token from connectionParams: `authorization: 'Bearer x'` (any case) or `token: 'x'`. */
export function authorizationFromParams(params: Record<string, unknown> | undefined): string | undefined {
  if (!params) return undefined;
  for (const [k, v] of Object.entries(params)) {
    if (k.toLowerCase() === 'authorization' && typeof v === 'string' && v !== '') return v;
  }
  const token = params.token;
  if (typeof token === 'string' && token !== '') return /^bearer\s/i.test(token) ? token : `Bearer ${token}`;
  return undefined;
}

/** Attaches graphql-ws + the planner bridge to `httpServer` at `path`. */
export function attachSubscriptionServer(opts: SubscriptionServerOptions): SubscriptionServer {
  const logger = opts.logger;
  const maxLifetimeMs = opts.maxLifetimeMs ?? 3_600_000;
  const rawFrames = opts.rawFrames ?? true;
  let planner = new SubscriptionPlanner(opts.supergraphSdl, opts.deliveryModes);
  let fieldCosts = fieldCostsFromSdl(opts.supergraphSdl);
  const queryLimits = opts.queryLimits ?? DEFAULT_QUERY_LIMITS;
  const maxConnections = opts.maxConnections ?? DEFAULT_SUBSCRIPTION_CAPS.maxConnections;
  const maxSubscriptions = opts.maxSubscriptionsPerConnection ?? DEFAULT_SUBSCRIPTION_CAPS.maxSubscriptionsPerConnection;
  // Limit verdicts per planned document (plans are cached per query text by the planner).
  let verdicts = new WeakMap<PlannedSubscription, GraphQLError | null>();
  const hub = new SubscriptionHub({
    planner,
    subgraphUrls: opts.subgraphUrls,
    internalSecret: opts.internalSecret,
    logger,
    ...(opts.limits ? { limits: opts.limits } : {}),
  });
  const authenticate = createRequestAuthenticator({
    jwtSecret: opts.jwtSecret,
    internalSecret: opts.internalSecret,
    ...(opts.revocations ? { revocations: opts.revocations } : {}),
  });
  const states = new WeakMap<object, ConnectionState>();
  // Open sockets per session id, so an ended session's connections can be closed at once.
  const socketsBySession = new Map<string, Set<WebSocket>>();
  const stopWatchingRevocations = opts.revocations?.onRevoked((sessionIds) => {
    for (const sid of sessionIds) {
      const sockets = socketsBySession.get(sid);
      if (!sockets) continue;
      socketsBySession.delete(sid);
      for (const socket of sockets) socket.close(SUBSCRIPTION_CLOSE_CODES.sessionRevoked, 'Session revoked');
    }
  });

  const wss = new WebSocketServer({
    server: opts.httpServer,
    path: opts.path,
    maxPayload: opts.maxMessageBytes ?? 256 * 1024,
    handleProtocols: (protocols) => handleProtocols(protocols),
    perMessageDeflate: false,
  });
  // Registered before graphql-ws's own listener, so an over-cap socket is closed before the protocol starts on it.
  wss.on('connection', (socket) => {
    if (wss.clients.size > maxConnections) socket.close(SUBSCRIPTION_CLOSE_CODES.tooManyConnections, 'Too many connections');
  });

  const cleanup = useGraphqlWsServer<Record<string, unknown>>(
    {
      connectionInitWaitTimeout: opts.connectionInitWaitTimeoutMs ?? 3000,
      async onConnect(ctx: Context<Record<string, unknown>, Extra>) {
        const outcome = await authenticate(authorizationFromParams(ctx.connectionParams));
        if (!outcome.ok) {
          logger.debug({ reason: outcome.message }, 'graphql-ws connection refused');
          return false; // 4403 Forbidden
        }
        const socket = ctx.extra.socket;
        const state: ConnectionState = { auth: outcome.auth, timers: [] };
        state.timers.push(
          setTimeout(() => socket.close(SUBSCRIPTION_CLOSE_CODES.maxLifetime, 'Connection lifetime exceeded'), Math.min(maxLifetimeMs, MAX_TIMER_MS)),
        );
        const exp = outcome.auth?.claims.exp;
        if (exp !== undefined) {
          const left = exp * 1000 - Date.now();
          if (left < maxLifetimeMs) {
            state.timers.push(setTimeout(() => socket.close(SUBSCRIPTION_CLOSE_CODES.tokenExpired, 'Access token expired'), Math.max(0, left)));
          }
        }
        for (const t of state.timers) t.unref();
        states.set(ctx, state);
        const sid = outcome.auth?.claims.sid;
        if (sid !== undefined) {
          let set = socketsBySession.get(sid);
          if (!set) socketsBySession.set(sid, (set = new Set()));
          set.add(socket);
        }
        return true;
      },
      onClose(ctx) {
        const state = states.get(ctx);
        if (state) for (const t of state.timers) clearTimeout(t);
        const sid = state?.auth?.claims.sid;
        const set = sid !== undefined ? socketsBySession.get(sid) : undefined;
        if (set) {
          set.delete(ctx.extra.socket);
          if (set.size === 0) socketsBySession.delete(sid!);
        }
      },
      async onSubscribe(ctx, id, payload) {
        const state = states.get(ctx);
        const auth = state?.auth ?? null;
        if (auth && auth.claims.exp * 1000 <= Date.now()) {
          return [new GraphQLError('Access token expired; reconnect with a fresh token', { extensions: { code: 'ERR_INVALID_TOKEN' } })];
        }
        // graphql-ws registers the id in ctx.subscriptions before calling onSubscribe: the count includes this one.
        if (Object.keys(ctx.subscriptions).length > maxSubscriptions) {
          return [
            limitError('ERR_TOO_MANY_SUBSCRIPTIONS', `At most ${maxSubscriptions} active subscriptions per connection; complete one first`, 429),
          ];
        }
        if (typeof payload.query === 'string' && queryExceedsBytes(payload.query, queryLimits.maxBytes)) {
          return [limitError('ERR_QUERY_TOO_LARGE', `Query document exceeds the maximum of ${queryLimits.maxBytes} bytes`)];
        }
        if (auth && opts.revocations?.isRevoked(auth.claims.sid)) {
          return [new GraphQLError('This session was signed out; sign in again', { extensions: { code: 'ERR_SESSION_REVOKED' } })];
        }
        if (opts.limiters) {
          const decision = await opts.limiters.request(auth?.claims ?? null, ctx.extra.request.socket.remoteAddress ?? 'unknown');
          if (!decision.ok) {
            return [
              new GraphQLError(`Too many requests; retry in ${decision.retryAfterSeconds} s`, {
                extensions: { code: 'ERR_RATE_LIMITED', retryAfterSeconds: decision.retryAfterSeconds },
              }),
            ];
          }
        }
        const outcome = planner.plan(payload.query, payload.operationName, payload.variables);
        if (!outcome.ok) return outcome.errors;
        let verdict = verdicts.get(outcome.plan);
        if (verdict === undefined) {
          verdict = checkQueryLimits(outcome.plan.document, outcome.plan.operation, queryLimits, { schema: planner.apiGraphQLSchema, fieldCosts });
          verdicts.set(outcome.plan, verdict);
        }
        if (verdict) return [verdict];
        const contextValue: BridgeContext = {
          bridge: {
            plan: outcome.plan,
            variables: outcome.variables,
            id,
            socket: ctx.extra.socket,
            // The upgraded TCP socket (public: the upgrade request's socket); frames go there directly when enabled.
            raw: rawFrames ? ctx.extra.request.socket : undefined,
            auth,
          },
        };
        return {
          schema: planner.apiGraphQLSchema,
          document: outcome.plan.document,
          operationName: payload.operationName ?? null,
          variableValues: outcome.variables,
          contextValue,
        };
      },
      // Called by graphql-ws with the execution args returned above: register with the hub (no per-client execution).
      subscribe(args) {
        const { bridge } = args.contextValue as BridgeContext;
        return hub.subscribe({
          socket: bridge.socket,
          ...(bridge.raw ? { raw: bridge.raw } : {}),
          id: bridge.id,
          plan: bridge.plan,
          variables: bridge.variables,
          claims: bridge.auth?.claims ?? null,
          requestId: randomUUID(),
        });
      },
      onError(_ctx, _id, _payload, errors) {
        const original = errors[0]?.originalError;
        if (original instanceof SubscriptionTerminated) return original.errors;
        return errors.map((e) => e.toJSON());
      },
    },
    wss,
    opts.keepAliveMs ?? 12_000,
    logger,
  );

  let stopped: Promise<void> | undefined;
  return {
    hub,
    async reloadSupergraph(supergraphSdl: string) {
      const next = new SubscriptionPlanner(supergraphSdl, opts.deliveryModes); // throws before touching running ones
      planner = next;
      fieldCosts = fieldCostsFromSdl(supergraphSdl);
      verdicts = new WeakMap();
      await hub.reload(next);
      logger.info('subscription supergraph reloaded; running subscriptions ended with SUBSCRIPTION_SCHEMA_RELOAD');
    },
    stats() {
      return { ...hub.stats(), connections: wss.clients.size };
    },
    stop() {
      stopped ??= (async () => {
        stopWatchingRevocations?.();
        await hub.stop();
        // Let graphql-ws flush the terminal `error` messages before the sockets close.
        await new Promise((r) => setTimeout(r, 20));
        await Promise.resolve(cleanup.dispose()).catch((err: unknown) => logger.debug({ err }, 'graphql-ws dispose failed'));
      })();
      return stopped;
    },
  };
}
