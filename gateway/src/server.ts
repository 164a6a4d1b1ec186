import http from 'node:http';
import { corsMiddleware, defaultCorsOrigins } from './cors.ts';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import pino from 'pino';
import type { Logger } from 'pino';
import { assertProductionSecrets } from '@sw/auth';
import {
  DEV_INTERNAL_SECRET,
  DEV_JWT_SECRET,
  PORTS,
  isProduction,
  readEnv,
  readEnvBool,
  readEnvInt,
  serviceUrls,
} from '@sw/config';
import { httpStatusOf } from '@sw/domain';
import { SUBGRAPHS, SUPERGRAPH_PATH } from './subgraph-list.ts';
import { UndiciGraphQLDataSource, isOkJson, type HandedOverAnswer } from './undici-data-source.ts';
import { createRequestAuthenticator, isInternalClaimsHeader } from './request-auth.ts';
import type { VerifiedAuth } from './request-auth.ts';
import type { GatewayContext } from './gateway-context.ts';
import { queryExceedsBytes, queryLimitsPlugin } from './query-limits.ts';
import { fieldCostsFromSdl, initTracing, traceMixin, traceRequests } from '@sw/service-kit';
import { DEFAULT_GATEWAY_HOST, gatewayQueryLimits, gatewaySubscriptionCaps } from './gateway-limits.ts';
import type { QueryLimitsOverride } from './gateway-limits.ts';
import { aggregateHealth } from './health-aggregator.ts';
import type { HealthTarget } from './health-aggregator.ts';
import { hubUserLookup, mountDevLogin } from './dev-login.ts';
import { devLoginLoopbackOnly } from './dev-login-guard.ts';
import type { DevLoginLookup } from './dev-login.ts';
import { mountPlayground, sendPlayground, wantsHtml } from './playground.ts';
import { createGatewayMetrics } from './gateway-metrics.ts';
import { attachSubscriptionServer } from './subscription-server.ts';
import type { SubscriptionConfig, SubscriptionServer } from './subscription-server.ts';
import { CompiledPlanCache, compilePlan, executeCompiledPlan } from './plan-executor.ts';
import type { GraphQLSchema } from 'graphql';
import { FastPathCache, fastPathBody, fastPathEntryFor, isPlainDataBody, supergraphAllowsFastPath } from './single-fetch-fast-path.ts';
import { createDb, type HubDb } from '@sw/db';
import { createRedisEventBus, type EventBus } from '@sw/events';
import { argon2ParamsFromEnv, createPasswordHasher, sessionConfigFromEnv, type AccountsDeps } from '@sw/accounts';
import { mountAuthRoutes } from './auth/auth-routes.ts';
import { SessionRevocations, startRevocationFeed } from './auth/session-revocations.ts';
import { costlyMutationLimitPlugin, createGatewayLimiters, rateLimitConfigFromEnv } from './rate-limits.ts';
import type { GatewayLimiters, RateLimitConfig } from './rate-limits.ts';

export const GRAPHQL_PATH = '/graphql';

export interface StartGatewayOptions {
  /** 0 = random free port. Default GATEWAY_PORT or 4000. */
  port?: number;
  /** Listen address. Default GATEWAY_HOST or 127.0.0.1 (loopback: set GATEWAY_HOST=0.0.0.0 to serve other hosts). */
  host?: string;
  /** Supergraph SDL; default the checked-in gateway/supergraph.graphql. */
  supergraphSdl?: string;
  /**
   * Per-subgraph URL override (base URL like http://127.0.0.1:4002 or the full /graphql URL). Unset subgraphs use
   * `<NAME>_URL` from env, else the URL baked into the supergraph.
   */
  subgraphUrls?: Partial<Record<string, string>>;
  /** Environment to read defaults from (tests pass their own). Default process.env. */
  env?: NodeJS.ProcessEnv;
  jwtSecret?: string;
  internalSecret?: string;
  /** Hub database for the dev login's user lookup. Default DATABASE_URL. */
  databaseUrl?: string;
  /** Replaces the hub DB lookup (tests of the dev login can still use the real DB through databaseUrl). */
  devLoginLookup?: DevLoginLookup;
  /** Query limits over the GATEWAY_* environment (gateway-limits.ts). */
  limits?: QueryLimitsOverride;
  /** Services polled by GET /api/v1/status/health; default the four subgraphs (required) + web (optional). */
  healthTargets?: HealthTarget[];
  healthTimeoutMs?: number;
  logger?: Logger;
  /**
   * Single-fetch fast path (single-fetch-fast-path.ts) and compiled multi-fetch plans (plan-executor.ts); false = every
   * query takes the full Apollo pipeline. Default GATEWAY_FAST_PATH or true.
   */
  fastPath?: boolean;
  /** graphql-ws subscriptions on /graphql (subscription-server.ts); env GATEWAY_WS_MAX_LIFETIME_MS, GATEWAY_WS_INIT_TIMEOUT_MS. */
  subscriptions?: Partial<SubscriptionConfig>;
  /** Rate limits and sign-in lockouts (rate-limits.ts); unset fields come from the environment. */
  rateLimits?: Partial<RateLimitConfig>;
  /** Event bus for session revocations between gateways; default Redis at REDIS_URL (EVENTS_PREFIX). */
  bus?: EventBus;
  /** Overrides of the account commands' dependencies (tests: a cheaper password hasher, a clock). */
  accounts?: Partial<Omit<AccountsDeps, 'db' | 'onSessionsRevoked'>>;
}

export interface RunningGateway {
  /** http://127.0.0.1:<port> (no path). */
  url: string;
  port: number;
  httpServer: http.Server;
  app: express.Express;
  logger: Logger;
  /** The graphql-ws server and planner bridge on the same path (stats, hub). */
  subscriptions: SubscriptionServer;
  /** Ended sessions known to this gateway (auth/session-revocations.ts). */
  revocations: SessionRevocations;
  limiters: GatewayLimiters;
  /**
   * Reloads the supergraph of the subscription bridge: running subscriptions end with an `error` coded
   * SUBSCRIPTION_SCHEMA_RELOAD and new ones are planned over `supergraphSdl`. (HTTP queries keep the startup supergraph;
   * a full reload of the HTTP side is a gateway restart.)
   */
  reloadSupergraph(supergraphSdl: string): Promise<void>;
  stop(): Promise<void>;
}

/** Appends /graphql to a base URL; keeps a URL that already names a path. */
function graphqlUrlOf(url: string): string {
  const u = new URL(url);
  if (u.pathname === '/' || u.pathname === '') u.pathname = GRAPHQL_PATH;
  return u.toString();
}

/** The health URL next to a subgraph's GraphQL URL (same origin, /health). */
function healthUrlOf(graphqlUrl: string): string {
  const u = new URL(graphqlUrl);
  return `${u.origin}/health`;
}

/** Reads the subgraph URLs baked into the supergraph's join__Graph enum (name → url). */
export function supergraphSubgraphUrls(supergraphSdl: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]*)"\)/g;
  for (let m = re.exec(supergraphSdl); m; m = re.exec(supergraphSdl)) out[m[1]!] = m[2]!;
  return out;
}

/**
 * Resolves each subgraph's GraphQL URL: explicit option > `<NAME>_URL` env > `<NAME>_PORT` env on loopback (the
 * launcher on another port base) > supergraph default.
 */
export function resolveSubgraphUrls(
  supergraphSdl: string,
  overrides: Partial<Record<string, string>> = {},
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const baked = supergraphSubgraphUrls(supergraphSdl);
  const out: Record<string, string> = {};
  for (const [name, url] of Object.entries(baked)) {
    const explicit = overrides[name];
    const fromEnv = env[`${name.toUpperCase()}_URL`];
    const port = env[`${name.toUpperCase()}_PORT`];
    const fromPort = port && /^\d+$/.test(port) ? `http://127.0.0.1:${port}` : undefined;
    const chosen = explicit || fromEnv || fromPort;
    out[name] = chosen ? graphqlUrlOf(chosen) : url;
  }
  return out;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's x-request-id when it is a short safe token (forwarded to subgraphs for log correlation), else a new id. */
function requestIdOf(value: unknown): string {
  return typeof value === 'string' && REQUEST_ID.test(value) ? value : randomUUID();
}

/** A GraphQL-shaped error body (`{ errors: [...] }`) with a stable code, for failures before Apollo runs. */
function sendGraphQLError(res: Response, status: number, code: string, message: string): void {
  res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Starts the GraphQL gateway: ApolloServer 5 + ApolloGateway over the static supergraph on its own http.Server
 * (Express 5). Serves POST/GET /graphql (playground for browsers), /playground, /health, /metrics,
 * /api/v1/status/health and the dev login. The http.Server is exposed so a graphql-ws server can attach to the same path.
 */
export async function startGateway(opts: StartGatewayOptions = {}): Promise<RunningGateway> {
  const env = opts.env ?? process.env;
  const production = isProduction(env);
  const logger =
    opts.logger ?? pino({ name: 'gateway', level: readEnv('LOG_LEVEL', 'info', env), base: { service: 'gateway' }, mixin: traceMixin });
  // W3C trace context (docs/decisions/tracing.md): each request's span is active while it is planned and fetched.
  initTracing('gateway', env);
  const jwtSecret = opts.jwtSecret ?? readEnv('JWT_SECRET', DEV_JWT_SECRET, env);
  const internalSecret = opts.internalSecret ?? readEnv('INTERNAL_CLAIMS_SECRET', DEV_INTERNAL_SECRET, env);
  // Production refuses dev / short / identical secrets (ConfigError), whichever way they were supplied.
  assertProductionSecrets({ ...env, JWT_SECRET: jwtSecret, INTERNAL_CLAIMS_SECRET: internalSecret });
  const limits = gatewayQueryLimits(env, opts.limits);
  const supergraphSdl = opts.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8');
  // Field weights (@cost in the subgraphs' SDL, carried into the supergraph) count in the complexity budget.
  const fieldCosts = fieldCostsFromSdl(supergraphSdl);
  const subgraphUrls = resolveSubgraphUrls(supergraphSdl, opts.subgraphUrls, env);
  const dataSources = new Map<string, UndiciGraphQLDataSource>();
  const fastPathEnabled =
    (opts.fastPath ?? readEnvBool('GATEWAY_FAST_PATH', true, env)) && supergraphAllowsFastPath(supergraphSdl);
  const fastPaths = new FastPathCache();
  const compiledPlans = new CompiledPlanCache();
  // The API schema the compiled plans were made for (the HTTP side keeps its startup supergraph; see reloadSupergraph).
  let apiSchema: GraphQLSchema | undefined;

  const gateway = new ApolloGateway({
    supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      const ds = new UndiciGraphQLDataSource(subgraphUrls[name] ?? url ?? '', { name });
      dataSources.set(name, ds);
      return ds;
    },
    // Runs after parsing, validation and our limits plugin accepted the operation: the only place fast-path entries
    // are created (see single-fetch-fast-path.ts for the exact conditions).
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      if (!fastPathEnabled) return;
      const { query, operationName } = requestContext.request;
      if (typeof query !== 'string' || requestContext.request.http?.method !== 'POST') return;
      const key = FastPathCache.key(query, operationName);
      if (fastPaths.get(key) !== undefined) return;
      const entry = requestContext.document ? fastPathEntryFor(requestContext.document, operationName, queryPlan) : null;
      fastPaths.set(key, entry);
      // Plans joining subgraphs: compiled for the direct executor when they qualify (plan-executor.ts).
      if (entry === null && requestContext.document) {
        if (apiSchema !== requestContext.schema) {
          apiSchema = requestContext.schema;
          compiledPlans.clear();
        }
        compiledPlans.set(key, compilePlan(requestContext.document, operationName, queryPlan, requestContext.schema));
      }
    },
  });

  // --- accounts, sessions, rate limits (docs/decisions/auth.md) ---------------------------------------------------
  // Rate-limit settings: the process environment overlaid with opts.env (so a test tier can switch limits off
  // once, for gateways started with their own env), then explicit options.
  const limiters = createGatewayLimiters({ ...rateLimitConfigFromEnv({ ...process.env, ...env }), ...opts.rateLimits }, logger);
  const hubDb = createDb(opts.databaseUrl ?? readEnv('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/sectorwars', env), {
    max: readEnvInt('GATEWAY_DB_POOL', 5, env),
    applicationName: 'sw-gateway',
  });
  const ownBus = opts.bus === undefined;
  const bus = opts.bus ?? createRedisEventBus({ url: readEnv('REDIS_URL', 'redis://127.0.0.1:6379', env), onError: (err) => logger.debug({ err }, 'gateway event bus error') });
  const sessionConfig = sessionConfigFromEnv(jwtSecret, env);
  // Keep a revoked id a minute longer than any access token it could have issued.
  const retainMs = (sessionConfig.accessTtlSeconds + 60) * 1000;
  const revocations = new SessionRevocations(retainMs);
  const revocationFeed = startRevocationFeed({
    revocations,
    bus,
    db: hubDb.db as HubDb,
    retainMs,
    resyncMs: readEnvInt('AUTH_REVOCATION_RESYNC_MS', 30_000, env),
    logger,
  });
  const accountsDeps: AccountsDeps = {
    db: hubDb.db,
    hasher: createPasswordHasher(argon2ParamsFromEnv(env)),
    sessions: sessionConfig,
    logError: (err, message) => logger.error({ err }, message),
    ...opts.accounts,
    onSessionsRevoked: (revoked) =>
      revocationFeed.announce(revoked).catch((err: unknown) => logger.error({ err }, 'could not announce ended sessions')),
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(traceRequests('gateway', (r) => logger.debug(r, 'request served')));
  app.set('etag', false);
  // Which proxies may name the client's address in X-Forwarded-For (Express syntax; default: none).
  const trustProxy = readEnv('GATEWAY_TRUST_PROXY', 'false', env);
  app.set('trust proxy', trustProxy === 'false' ? false : trustProxy === 'true' ? true : trustProxy);
  app.use(corsMiddleware(readEnv('GATEWAY_CORS_ORIGINS', defaultCorsOrigins(readEnvInt('WEB_PORT', 3000, env)), env).split(',').map((o) => o.trim())));
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const metrics = createGatewayMetrics();

  const server = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    includeStacktraceInErrorResponses: false,
    persistedQueries: false,
    introspection: readEnvBool('GATEWAY_INTROSPECTION', !production, env),
    // Tokens bound parsing work before validation (the byte limit already caps the document).
    parseOptions: { maxTokens: Math.max(1000, limits.maxBytes) },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(limits, fieldCosts),
      costlyMutationLimitPlugin(limiters, (c) => ({ claims: (c as GatewayContext).claims, address: (c as GatewayContext).clientAddress ?? 'unknown' })),
    ],
  });
  await server.start();

  const authenticate = createRequestAuthenticator({ jwtSecret, internalSecret, revocations });

  // --- liveness, metrics, platform status -------------------------------------------------------------------------
  const startedAt = Date.now();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway', uptimeS: Math.round((Date.now() - startedAt) / 1000) });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const urls = serviceUrls(env);
  const healthTargets: HealthTarget[] = opts.healthTargets ?? [
    ...SUBGRAPHS.map((s) => ({
      name: s.name,
      url: healthUrlOf(subgraphUrls[s.name] ?? `http://127.0.0.1:${s.port}${GRAPHQL_PATH}`),
      required: true,
    })),
    { name: 'web', url: `${urls.web}${readEnv('WEB_HEALTH_PATH', '/api/health', env)}`, required: false },
  ];
  const healthTimeoutMs = opts.healthTimeoutMs ?? readEnvInt('GATEWAY_HEALTH_TIMEOUT_MS', 1500, env);
  app.get('/api/v1/status/health', async (_req, res) => {
    const report = await aggregateHealth(healthTargets, healthTimeoutMs);
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });

  // --- dev login ----------------------------------------------------------------------------------------------------
  const devLoginEnabled = !production && readEnvBool('DEV_LOGIN', true, env);
  let closeDb: (() => Promise<void>) | undefined;
  let lookupPromise: Promise<DevLoginLookup> | undefined;
  const lookup = (): Promise<DevLoginLookup> => {
    if (opts.devLoginLookup) return Promise.resolve(opts.devLoginLookup);
    lookupPromise ??= (async () => {
      const { createDb } = await import('@sw/db');
      const conn = createDb(opts.databaseUrl ?? readEnv('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/sectorwars', env));
      closeDb = () => conn.close();
      return hubUserLookup(conn.sql as never);
    })();
    return lookupPromise;
  };
  mountAuthRoutes(app, {
    accounts: accountsDeps,
    limiters,
    authenticate,
    cookies: { secure: readEnvBool('AUTH_COOKIE_SECURE', production, env) },
    logger,
  });
  app.use('/api/v1/auth', express.json({ limit: '16kb' }));
  // Whoever reaches the dev login gets any seeded user's token: callers on this machine only (dev-login-guard.ts).
  if (devLoginEnabled) app.post('/api/v1/auth/dev-login', devLoginLoopbackOnly());
  mountDevLogin(app, {
    enabled: devLoginEnabled,
    lookup,
    jwtSecret,
    onError: (err) => logger.error({ err }, 'dev login failed'),
  });

  // --- playground -----------------------------------------------------------------------------------------------------
  mountPlayground(app, GRAPHQL_PATH);

  // --- GraphQL --------------------------------------------------------------------------------------------------------
  app.get(GRAPHQL_PATH, (req, res, next) => {
    if (wantsHtml(req)) sendPlayground(res, GRAPHQL_PATH);
    else next();
  });
  app.use(GRAPHQL_PATH, express.json({ limit: Math.max(64 * 1024, limits.maxBytes * 4) }));
  app.use(GRAPHQL_PATH, async (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    res.on('finish', () => metrics.observe(req.method, res.statusCode, performance.now() - started));
    // Never let a client speak for the gateway: drop any x-sw-claims* header before anything else sees the request.
    for (const name of Object.keys(req.headers)) if (isInternalClaimsHeader(name)) delete req.headers[name];
    let query: unknown;
    if (req.method === 'POST') {
      const body = req.body as unknown;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        sendGraphQLError(res, 400, 'ERR_BAD_REQUEST', 'Request body must be a JSON object {query, variables?, operationName?}');
        return;
      }
      query = (body as { query?: unknown }).query;
    } else if (req.method === 'GET') {
      query = req.query.query;
    } else {
      next();
      return;
    }
    if (typeof query !== 'string' || query.trim() === '') {
      sendGraphQLError(res, 400, 'ERR_BAD_REQUEST', 'GraphQL request must contain a non-empty "query" string');
      return;
    }
    if (queryExceedsBytes(query, limits.maxBytes)) {
      sendGraphQLError(res, 400, 'ERR_QUERY_TOO_LARGE', `Query document exceeds the maximum of ${limits.maxBytes} bytes`);
      return;
    }
    const outcome = await authenticate(req.headers.authorization);
    if (!outcome.ok) {
      sendGraphQLError(res, httpStatusOf(outcome.code), outcome.code, outcome.message);
      return;
    }
    res.locals.swAuth = outcome.auth;
    const decision = await limiters.request(outcome.auth?.claims ?? null, req.ip ?? req.socket.remoteAddress ?? 'unknown');
    if (!decision.ok) {
      res.setHeader('retry-after', String(decision.retryAfterSeconds));
      sendGraphQLError(res, 429, 'ERR_RATE_LIMITED', `Too many requests; retry in ${decision.retryAfterSeconds} s`);
      return;
    }
    if (fastPathEnabled && req.method === 'POST') {
      const reqBody = req.body as { operationName?: unknown; variables?: unknown };
      const key = FastPathCache.key(query, reqBody.operationName);
      const entry = fastPaths.get(key);
      const accept = req.headers.accept;
      const acceptsJson = accept === undefined || accept.includes('application/json') || accept.includes('*/*');
      const compiled = entry === null && acceptsJson ? compiledPlans.get(key) : undefined;
      if (compiled && apiSchema) {
        const requestId = requestIdOf(req.headers['x-request-id']);
        try {
          const body = await executeCompiledPlan(compiled, apiSchema, reqBody.variables, async (serviceName, upstream) => {
            const ds = dataSources.get(serviceName);
            return ds ? ds.fetchJson(upstream, outcome.auth?.forwardHeaders, requestId) : null;
          });
          if (body !== null) {
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
            res.end(body);
            metrics.compiledPlanHit();
            return;
          }
        } catch (err) {
          logger.debug({ err }, 'compiled plan failed; falling back to the full pipeline');
        }
      }
      const upstreamBody = entry ? fastPathBody(entry, reqBody.variables) : null;
      const ds = entry ? dataSources.get(entry.serviceName) : undefined;
      if (entry?.kind === 'mutation' && upstreamBody && acceptsJson && ds) {
        let sent: HandedOverAnswer['outcome'];
        try {
          sent = { answer: await ds.exchange(upstreamBody, outcome.auth?.forwardHeaders, requestIdOf(req.headers['x-request-id'])) };
        } catch (error) {
          sent = { error };
        }
        if ('answer' in sent && isOkJson(sent.answer) && isPlainDataBody(sent.answer.body)) {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': sent.answer.body.length });
          res.end(sent.answer.body);
          metrics.fastPathHit();
          return;
        }
        res.locals.swHandedOver = { serviceName: entry.serviceName, query: entry.query, outcome: sent, taken: false } satisfies HandedOverAnswer;
      } else if (entry && upstreamBody && acceptsJson) {
        try {
          const raw = await ds?.fetchRaw(upstreamBody, outcome.auth?.forwardHeaders, requestIdOf(req.headers['x-request-id']));
          if (raw && isPlainDataBody(raw)) {
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': raw.length });
            res.end(raw);
            metrics.fastPathHit();
            return;
          }
        } catch (err) {
          logger.debug({ err }, 'fast path fetch failed; falling back to the full pipeline');
        }
      }
    }
    next();
  });
  app.use(
    GRAPHQL_PATH,
    expressMiddleware(server, {
      context: async ({ req, res }): Promise<GatewayContext> => {
        const auth = res.locals.swAuth as VerifiedAuth | null | undefined;
        return {
          claims: auth?.claims ?? null,
          forwardHeaders: auth?.forwardHeaders,
          requestId: requestIdOf(req.headers['x-request-id']),
          clientAddress: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          handedOver: res.locals.swHandedOver as HandedOverAnswer | undefined,
        };
      },
    }),
  );

  // Body-parser failures (malformed JSON, too large) and anything unexpected: stable codes, no internals.
  app.use((err: Error & { type?: string; status?: number }, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    const isGraphql = req.path.startsWith(GRAPHQL_PATH);
    const send = (status: number, code: string, message: string) =>
      isGraphql ? sendGraphQLError(res, status, code, message) : res.status(status).json({ error: { code, message } });
    if (err.type === 'entity.parse.failed') return send(400, 'ERR_BAD_REQUEST', 'Malformed JSON body');
    if (err.type === 'entity.too.large') return send(400, 'ERR_QUERY_TOO_LARGE', 'Request body is too large');
    if (err.status && err.status >= 400 && err.status < 500) return send(err.status, 'ERR_BAD_REQUEST', err.message);
    logger.error({ err }, 'unhandled gateway error');
    return send(500, 'ERR_INTERNAL', 'Internal error');
  });

  // --- graphql-ws subscriptions on the same server and path (planner bridge) ------------------
  const subscriptions = attachSubscriptionServer({
    httpServer,
    path: GRAPHQL_PATH,
    supergraphSdl,
    subgraphUrls,
    jwtSecret,
    internalSecret,
    logger,
    maxLifetimeMs: readEnvInt('GATEWAY_WS_MAX_LIFETIME_MS', 3_600_000, env),
    connectionInitWaitTimeoutMs: readEnvInt('GATEWAY_WS_INIT_TIMEOUT_MS', 3000, env),
    rawFrames: readEnvBool('GATEWAY_WS_RAW_FRAMES', true, env),
    revocations,
    limiters,
    ...gatewaySubscriptionCaps(env),
    ...opts.subscriptions,
    queryLimits: limits,
  });
  metrics.trackSubscriptions(() => subscriptions.stats());

  await limiters.ready;
  const port = opts.port ?? readEnvInt('GATEWAY_PORT', PORTS.gateway, env);
  const host = opts.host ?? readEnv('GATEWAY_HOST', DEFAULT_GATEWAY_HOST, env);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://127.0.0.1:${actualPort}`;
  logger.info({ url, subgraphs: subgraphUrls, devLogin: devLoginEnabled, limits }, 'gateway listening');

  let stopped: Promise<void> | undefined;
  return {
    url,
    port: actualPort,
    httpServer,
    app,
    logger,
    subscriptions,
    revocations,
    limiters,
    reloadSupergraph: (sdl: string) => subscriptions.reloadSupergraph(sdl),
    stop() {
      stopped ??= (async () => {
        await subscriptions.stop(); // upgraded sockets are not drained by the HTTP drain plugin
        await server.stop(); // drains the http.Server and stops the gateway
        await Promise.all([...dataSources.values()].map((d) => d.close().catch(() => undefined)));
        if (closeDb) await closeDb().catch(() => undefined);
        revocationFeed.stop();
        await limiters.close();
        if (ownBus) await bus.close().catch(() => undefined);
        await hubDb.close().catch(() => undefined);
      })();
      return stopped;
    },
  };
}

if (import.meta.main) {
  const running = await startGateway();
  const shutdown = (signal: string) => {
    running.logger.info({ signal }, 'gateway stopping');
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        running.logger.error({ err }, 'gateway stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
