/** Everything a subgraph process needs: server bootstrap, request context, auth guards, errors, logging. */
export { createSubgraphService, GRAPHQL_BODY_LIMIT_BYTES } from './create-subgraph-service.ts';
export type { SubgraphService, SubgraphServiceOptions } from './create-subgraph-service.ts';
export { requireAuth, requireAdmin, requireAdminScope, createRequestContext, requestIdFrom } from './request-context.ts';
export type { RequestContext } from './request-context.ts';
export { createLogger } from './create-logger.ts';
export type { Logger } from './create-logger.ts';
export { restError } from './rest-error.ts';
export { createErrorFormatter, domainGraphQLError, isDomainError } from './format-error.ts';
export { healthHandler, HEALTH_CHECK_TIMEOUT_MS } from './health-handler.ts';
export type { HealthCheckResult } from './health-handler.ts';
export { createServiceMetrics, metricsPlugin } from './service-metrics.ts';
export type { ServiceMetrics } from './service-metrics.ts';
export { stopOnSignals } from './stop-on-signals.ts';
export { extractTraceContext, initTracing, injectTraceHeaders, memorySpans, shutdownTracing, traceMixin, traceRequests, tracingExporterOf } from './tracing.ts';
export type { TracingExporter } from './tracing.ts';
export { pgStatActivityCounts, registerDbPoolMetrics } from './db-pool-metrics.ts';
export type { PoolCounts } from './db-pool-metrics.ts';
export {
  DEFAULT_QUERY_LIMITS,
  DEFAULT_SUBGRAPH_QUERY_LIMITS,
  checkQueryLimits,
  fieldCostsFromSdl,
  limitError,
  limitViolation,
  measureOperation,
  queryExceedsBytes,
  queryLimitsPlugin,
  readQueryLimits,
} from './query-limits/index.ts';
export type { Cost, CostModel, DepthAndComplexity, OperationCost, QueryLimits, QueryLimitsPluginOptions } from './query-limits/index.ts';
