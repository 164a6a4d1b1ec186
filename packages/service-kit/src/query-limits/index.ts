/** Depth / complexity limits shared by the gateway and every subgraph (one home; see docs/decisions/query-limits.md). */
export { measureOperation } from './measure-operation.ts';
export type { Cost, CostModel, OperationCost, StopAt } from './measure-operation.ts';
export { fieldCostsFromSdl } from './field-costs.ts';
export {
  DEFAULT_QUERY_LIMITS,
  DEFAULT_SUBGRAPH_QUERY_LIMITS,
  checkQueryLimits,
  limitError,
  limitViolation,
  queryExceedsBytes,
  readQueryLimits,
} from './query-limits.ts';
export type { DepthAndComplexity, QueryLimits } from './query-limits.ts';
export { queryLimitsPlugin } from './query-limits-plugin.ts';
export type { QueryLimitsPluginOptions } from './query-limits-plugin.ts';
