import { GraphQLError } from 'graphql';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { ConfigError, readEnvInt } from '@sw/config';
import { measureOperation } from './measure-operation.ts';
import type { CostModel, OperationCost } from './measure-operation.ts';

/** A depth and a complexity bound (see measure-operation.ts for how both are counted). */
export interface DepthAndComplexity {
  maxDepth: number;
  maxComplexity: number;
}

/**
 * Limits applied to every GraphQL operation a service accepts. The data part of an operation is held to
 * maxDepth / maxComplexity; the introspection part (under `__schema` / `__type`) to `introspection`, so tools can run
 * the standard introspection query without raising the data limits. maxBytes caps the query document (UTF-8).
 */
export interface QueryLimits extends DepthAndComplexity {
  maxBytes: number;
  introspection: DepthAndComplexity;
}

/**
 * The gateway's defaults. Introspection: graphql-js getIntrospectionQuery() is depth 15 and about 230 selections with
 * every option on; the bound leaves room for deeper type references (depth 20) and twice that size, no more.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxComplexity: 500,
  maxBytes: 20 * 1024,
  introspection: { maxDepth: 20, maxComplexity: 500 },
};

/**
 * Subgraph defaults: a backstop for callers that reach a subgraph directly. Each fetch of a query plan the gateway
 * accepted stays inside them (an entity fetch adds `_entities` and an inline fragment; the planner adds keys and
 * __typename), which gateway/src/subgraph-limits-headroom.test.ts checks against the real supergraph.
 */
export const DEFAULT_SUBGRAPH_QUERY_LIMITS: QueryLimits = {
  maxDepth: 16,
  maxComplexity: 2000,
  maxBytes: 256 * 1024,
  introspection: { maxDepth: 20, maxComplexity: 500 },
};

/**
 * Reads limits from `<PREFIX>_MAX_DEPTH`, `<PREFIX>_MAX_COMPLEXITY`, `<PREFIX>_MAX_QUERY_BYTES`,
 * `<PREFIX>_INTROSPECTION_MAX_DEPTH` and `<PREFIX>_INTROSPECTION_MAX_COMPLEXITY` (prefix GATEWAY or SUBGRAPH), falling
 * back to `defaults`. A bound below 1 is a ConfigError: a limit cannot be switched off.
 */
export function readQueryLimits(prefix: string, defaults: QueryLimits, env: NodeJS.ProcessEnv = process.env): QueryLimits {
  const read = (name: string, fallback: number): number => {
    const value = readEnvInt(`${prefix}_${name}`, fallback, env);
    if (value < 1) throw new ConfigError(`${prefix}_${name} must be at least 1, got ${value}`);
    return value;
  };
  return {
    maxDepth: read('MAX_DEPTH', defaults.maxDepth),
    maxComplexity: read('MAX_COMPLEXITY', defaults.maxComplexity),
    maxBytes: read('MAX_QUERY_BYTES', defaults.maxBytes),
    introspection: {
      maxDepth: read('INTROSPECTION_MAX_DEPTH', defaults.introspection.maxDepth),
      maxComplexity: read('INTROSPECTION_MAX_COMPLEXITY', defaults.introspection.maxComplexity),
    },
  };
}

/** A 4xx GraphQL error with a stable code (Apollo Server uses extensions.http for the response status). */
export function limitError(code: string, message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

/** The first limit a measured operation breaks, as a coded error (ERR_QUERY_TOO_DEEP / ERR_QUERY_TOO_COMPLEX), or null. */
export function limitViolation(cost: OperationCost, limits: QueryLimits): GraphQLError | null {
  if (cost.data.depth > limits.maxDepth) {
    return limitError('ERR_QUERY_TOO_DEEP', `Query depth ${cost.data.depth} exceeds the maximum of ${limits.maxDepth}`);
  }
  if (cost.data.complexity > limits.maxComplexity) {
    return limitError('ERR_QUERY_TOO_COMPLEX', `Query complexity exceeds the maximum of ${limits.maxComplexity}`);
  }
  const intro = limits.introspection;
  if (cost.introspection.depth > intro.maxDepth) {
    return limitError('ERR_QUERY_TOO_DEEP', `Introspection depth ${cost.introspection.depth} exceeds the maximum of ${intro.maxDepth}`);
  }
  if (cost.introspection.complexity > intro.maxComplexity) {
    return limitError('ERR_QUERY_TOO_COMPLEX', `Introspection complexity exceeds the maximum of ${intro.maxComplexity}`);
  }
  return null;
}

/** Measures (bounded by the limits) and checks one operation: the coded violation, or null when it is within limits. */
export function checkQueryLimits(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limits: QueryLimits,
  model: CostModel = {},
): GraphQLError | null {
  const cost = measureOperation(document, operation, model, {
    data: limits.maxComplexity,
    introspection: limits.introspection.maxComplexity,
  });
  return limitViolation(cost, limits);
}

/** UTF-8 size of a query string, computed only when the string could possibly exceed the limit. */
export function queryExceedsBytes(query: string, maxBytes: number): boolean {
  if (query.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(query, 'utf8') > maxBytes;
}
