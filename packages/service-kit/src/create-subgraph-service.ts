import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ErrorRequestHandler, Express, RequestHandler } from 'express';
import { GraphQLError, getOperationAST, parse } from 'graphql';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { apolloHandler } from './apollo-handler.ts';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { assertProductionSecrets, decodeForwardedClaims, internalClaimsSecret } from '@sw/auth';
import type { Claims } from '@sw/auth';
import { DomainError, httpStatusOf } from '@sw/domain';
import { readEnv } from '@sw/config';
import { createLogger } from './create-logger.ts';
import type { Logger } from './create-logger.ts';
import { createErrorFormatter, domainGraphQLError, isDomainError } from './format-error.ts';
import { healthHandler } from './health-handler.ts';
import { createRequestContext, requestIdFrom } from './request-context.ts';
import type { RequestContext } from './request-context.ts';
import { restError } from './rest-error.ts';
import { initTracing, traceRequests } from './tracing.ts';
import { createServiceMetrics, metricsPlugin } from './service-metrics.ts';
import type { ServiceMetrics } from './service-metrics.ts';
import { checkQueryLimits, queryExceedsBytes, readQueryLimits, DEFAULT_SUBGRAPH_QUERY_LIMITS } from './query-limits/query-limits.ts';
import type { QueryLimits } from './query-limits/query-limits.ts';
import { fieldCostsFromSdl } from './query-limits/field-costs.ts';
import { queryLimitsPlugin } from './query-limits/query-limits-plugin.ts';

/** Largest accepted GraphQL request body (HTTP) and WebSocket message. */
export const GRAPHQL_BODY_LIMIT_BYTES = 1024 * 1024;

export interface SubgraphServiceOptions<C extends RequestContext> {
  /** Service name used in logs, metrics labels and /health. */
  name: string;
  /** The subgraph's SDL file, read once at startup. */
  sdlPath: string;
  /** Resolver map over the service's context; Subscription fields use `{ subscribe, resolve? }`. */
  resolvers: GraphQLResolverMap<C>;
  /** Port to listen on; 0 picks a free one (see `port` of the result). */
  port: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Extends the base context per operation (HTTP request or subscription). May throw DomainError. */
  buildContext?: (base: RequestContext) => C | Promise<C>;
  /** Named readiness checks run by GET /health. */
  healthChecks?: Record<string, () => Promise<unknown>>;
  /** Extra REST routes, mounted before /graphql (no body parser is installed for them). */
  routes?: (app: Express) => void;
  /** Runs at the end of stop(), after HTTP, WebSocket and Apollo are closed (close DB pools here). */
  onStop?: () => Promise<void>;
  /** Logger to use instead of createLogger(name). */
  logger?: Logger;
  /** INTERNAL_CLAIMS_SECRET override (tests). */
  internalClaimsSecret?: string;
  /** How long stop() lets in-flight HTTP requests finish before cutting connections (default 5000 ms). */
  stopGracePeriodMs?: number;
  /**
   * Depth / complexity / size limits of every operation, over HTTP and graphql-ws (default SUBGRAPH_* env over
   * DEFAULT_SUBGRAPH_QUERY_LIMITS). Field weights come from `@cost` in the SDL.
   */
  queryLimits?: QueryLimits;
}

export interface SubgraphService {
  /** http://127.0.0.1:<port> (no path); GraphQL is at `${url}/graphql`. */
  url: string;
  port: number;
  httpServer: http.Server;
  /** Closes WebSocket clients, the HTTP server and Apollo, then runs onStop. Idempotent. */
  stop(): Promise<void>;
  logger: Logger;
  metrics: ServiceMetrics;
}

function graphqlErrorBody(err: DomainError): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message: err.message, extensions: { code: err.code, http: { status: httpStatusOf(err.code) } } }] };
}

/**
 * Starts one subgraph process: Express 5 + Apollo Server 5 over `buildSubgraphSchema(sdl, resolvers)` at
 * POST/GET /graphql, graphql-ws subscriptions on the same path and server, GET /health and GET /metrics.
 * Every request's identity comes only from gateway-signed forwarded claims (x-sw-claims headers or the same
 * keys in graphql-ws connectionParams); a forged or expired pair is rejected with ERR_INVALID_TOKEN (401, or
 * WebSocket close 4403). Throws ConfigError at startup in production with development secrets.
 */
export async function createSubgraphService<C extends RequestContext = RequestContext>(
  opts: SubgraphServiceOptions<C>,
): Promise<SubgraphService> {
  assertProductionSecrets();
  const logger = opts.logger ?? createLogger(opts.name);
  const secret = opts.internalClaimsSecret ?? internalClaimsSecret();
  const typeDefs = parse(readFileSync(opts.sdlPath, 'utf8'));
  // The module-list form takes a context-typed resolver map (the `{ typeDefs, resolvers }` form wants `unknown`).
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: opts.resolvers }]);
  // A subgraph may be reachable without the gateway in front of it: it enforces the same kind of limits itself.
  const limits = opts.queryLimits ?? readQueryLimits('SUBGRAPH', DEFAULT_SUBGRAPH_QUERY_LIMITS);
  const fieldCosts = fieldCostsFromSdl(typeDefs);
  const parseOptions = { maxTokens: Math.max(1000, Math.ceil(limits.maxBytes / 2)) };
  const formatError = createErrorFormatter(logger);
  const metrics = createServiceMetrics(opts.name);

  async function contextFor(base: RequestContext): Promise<C> {
    if (!opts.buildContext) return base as C;
    try {
      return await opts.buildContext(base);
    } catch (err) {
      // Let Apollo answer with the domain status instead of "Context creation failed" + 500.
      if (isDomainError(err)) throw domainGraphQLError(err);
      throw err;
    }
  }

  initTracing(opts.name);
  const app = express();
  app.disable('x-powered-by');
  // W3C trace context first: every route, every resolver and every log line of a request run in its span.
  app.use(traceRequests(opts.name, (r) => logger.debug(r, 'request served')));
  app.set('etag', false);
  const httpServer = http.createServer(app);
  // Longer than the gateway's keep-alive idle time, so the server never closes a socket the gateway is reusing.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  /** The limit errors of a graphql-ws subscribe payload, or undefined to let graphql-ws parse and validate it. */
  function subscribeLimitErrors(query: string, operationName: string | null | undefined): GraphQLError[] | undefined {
    if (queryExceedsBytes(query, limits.maxBytes)) {
      return [domainGraphQLError(new DomainError('ERR_QUERY_TOO_LARGE', `query document exceeds ${limits.maxBytes} bytes`))];
    }
    let document;
    try {
      document = parse(query, parseOptions);
    } catch {
      return undefined; // graphql-ws reports the syntax error itself
    }
    const operation = getOperationAST(document, operationName);
    if (!operation) return undefined;
    const verdict = checkQueryLimits(document, operation, limits, { schema, fieldCosts });
    return verdict ? [verdict] : undefined;
  }

  // --- graphql-ws (subscriptions) on the same server and path ---
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: GRAPHQL_BODY_LIMIT_BYTES });
  const wsClaims = new WeakMap<object, Claims | null>();
  const formatAll = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));
  const wsCleanup = useServer(
    {
      schema,
      onConnect(ctx) {
        try {
          wsClaims.set(ctx, decodeForwardedClaims((ctx.connectionParams ?? {}) as Record<string, string>, secret));
          metrics.wsConnections.inc();
          return true;
        } catch (err) {
          logger.debug({ err }, 'graphql-ws connection refused: invalid forwarded claims');
          return false; // closes with 4403 Forbidden
        }
      },
      onDisconnect(ctx) {
        if (wsClaims.has(ctx)) metrics.wsConnections.dec();
      },
      onSubscribe(ctx, _id, payload) {
        const claims = wsClaims.get(ctx) ?? null;
        if (claims !== null && claims.exp * 1000 <= Date.now()) {
          return [domainGraphQLError(new DomainError('ERR_INVALID_TOKEN', 'token expired'))];
        }
        return subscribeLimitErrors(payload.query, payload.operationName);
      },
      async context(ctx) {
        const params = (ctx.connectionParams ?? {}) as Record<string, unknown>;
        return contextFor(createRequestContext(wsClaims.get(ctx) ?? null, requestIdFrom(params['x-request-id']), logger));
      },
      onNext(_ctx, _id, _payload, _args, result: ExecutionResult) {
        if (!result.errors?.length) return undefined;
        return { ...result, errors: formatAll(result.errors) };
      },
      onError(_ctx, _id, _payload, errors) {
        return formatAll(errors);
      },
    },
    wsServer,
  );

  // --- Apollo Server ---
  const apollo = new ApolloServer<C>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    formatError,
    logger,
    parseOptions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: opts.stopGracePeriodMs ?? 5000 }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              // Clients get 1001 Going away; any that do not finish the close handshake within 1 s are cut.
              const timer = setTimeout(() => { for (const c of wsServer.clients) c.terminate(); }, 1000);
              try {
                await wsCleanup.dispose();
              } finally {
                clearTimeout(timer);
              }
            },
          };
        },
      },
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // The default cache-control plugin hooks every field resolution; nothing here uses cache hints.
      ApolloServerPluginCacheControlDisabled(),
      metricsPlugin(metrics),
      queryLimitsPlugin<C>({ limits, fieldCosts }),
    ],
  });
  await apollo.start();

  // --- routes ---
  app.get('/health', healthHandler(opts.name, opts.healthChecks ?? {}));
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  opts.routes?.(app);

  const forwardedClaims: RequestHandler = (req, res, next) => {
    let claims: Claims | null;
    try {
      claims = decodeForwardedClaims(req.headers, secret);
    } catch (err) {
      const domain = isDomainError(err) ? err : new DomainError('ERR_INVALID_TOKEN', 'invalid forwarded claims');
      res.status(httpStatusOf(domain.code)).json(graphqlErrorBody(domain));
      return;
    }
    res.locals.swContext = createRequestContext(claims, requestIdFrom(req.headers['x-request-id']), logger);
    next();
  };
  const queryBytes: RequestHandler = (req, res, next) => {
    const body = req.body as { query?: unknown } | undefined;
    const query = req.method === 'GET' ? req.query.query : body?.query;
    if (typeof query === 'string' && queryExceedsBytes(query, limits.maxBytes)) {
      res.status(400).json(graphqlErrorBody(new DomainError('ERR_QUERY_TOO_LARGE', `query document exceeds ${limits.maxBytes} bytes`)));
      return;
    }
    next();
  };
  app.use(
    '/graphql',
    express.json({ limit: GRAPHQL_BODY_LIMIT_BYTES }),
    queryBytes,
    forwardedClaims,
    apolloHandler(apollo, (_req, res) => contextFor(res.locals.swContext as RequestContext)),
  );

  app.use((_req, res) => restError(res, 'ERR_NOT_FOUND', 'no such route'));
  const onError: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    // Body-parser and http-errors attach `status`; anything else is a 500.
    const fields = typeof err === 'object' && err !== null ? (err as { status?: unknown; message?: unknown }) : {};
    const status = typeof fields.status === 'number' ? fields.status : 500;
    const domain = isDomainError(err)
      ? err
      : status === 413
        ? new DomainError('ERR_QUERY_TOO_LARGE', `request body exceeds ${GRAPHQL_BODY_LIMIT_BYTES} bytes`)
        : status >= 400 && status < 500
          ? new DomainError('ERR_BAD_REQUEST', typeof fields.message === 'string' ? fields.message : 'bad request')
          : null;
    if (domain === null) logger.error({ err, path: req.path }, 'unhandled error in HTTP route');
    if (res.headersSent) return;
    if (req.originalUrl.startsWith('/graphql')) {
      const d = domain ?? new DomainError('ERR_INTERNAL', 'Internal server error');
      res.status(httpStatusOf(d.code)).json(graphqlErrorBody(d));
    } else {
      restError(res, domain ?? err);
    }
  };
  app.use(onError);

  // --- listen ---
  // Loopback unless told otherwise: `<NAME>_HOST` (e.g. NEXUS_HOST=0.0.0.0 inside a container), then HOST.
  const host = opts.host ?? readEnv(`${opts.name.toUpperCase()}_HOST`, readEnv('HOST', '127.0.0.1'));
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(opts.port, host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await apollo.stop().catch(() => {});
    throw err;
  }
  const port = (httpServer.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  logger.info({ url }, `${opts.name} listening`);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await apollo.stop(); // drains HTTP (drain plugin) and WebSockets (dispose plugin) in parallel
      if (opts.onStop) await opts.onStop();
      logger.info(`${opts.name} stopped`);
    })());

  return { url, port, httpServer, stop, logger, metrics };
}
