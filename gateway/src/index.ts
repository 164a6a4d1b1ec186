export { startGateway, resolveSubgraphUrls, supergraphSubgraphUrls, GRAPHQL_PATH } from './server.ts';
export type { StartGatewayOptions, RunningGateway } from './server.ts';
export { composeSupergraph, REGENERATE_COMMAND } from './compose-supergraph.ts';
export { SUBGRAPHS, SUPERGRAPH_PATH } from './subgraph-list.ts';
export { DEFAULT_QUERY_LIMITS, checkOperation, measureOperation } from './query-limits.ts';
export type { QueryLimits } from './query-limits.ts';
export { aggregateHealth } from './health-aggregator.ts';
export type { HealthTarget, PlatformHealth } from './health-aggregator.ts';
export { startStockGateway } from './stock-gateway.ts';
