import { GraphQLError, Kind } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

/** Limits applied to every GraphQL operation the gateway accepts over HTTP. */
export interface QueryLimits {
  /** Deepest field nesting allowed (root fields are depth 1). Env GATEWAY_MAX_DEPTH, default 12. */
  maxDepth: number;
  /** Largest query document in UTF-8 bytes. Env GATEWAY_MAX_QUERY_BYTES, default 20 KB. */
  maxBytes: number;
  /** Most field selections (aliases included, fragments expanded per use). Env GATEWAY_MAX_FIELDS, default 500. */
  maxFields: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxBytes: 20 * 1024, maxFields: 500 };

export interface DocumentCost {
  depth: number;
  fields: number;
}

/**
 * Measures one operation of a parsed document: the maximum field depth and the number of field selections, expanding
 * fragment spreads where they are used (a fragment used twice counts twice). Recursion through fragment cycles is
 * stopped (validation reports the cycle itself). Work is bounded: it stops counting once `stopAt` fields are seen.
 */
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  stopAt = Number.POSITIVE_INFINITY,
): DocumentCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let fields = 0;
  let maxDepth = 0;
  const visit = (set: SelectionSetNode, depth: number, active: Set<string>): void => {
    for (const sel of set.selections) {
      if (fields > stopAt) return;
      if (sel.kind === Kind.FIELD) {
        fields++;
        if (depth > maxDepth) maxDepth = depth;
        if (sel.selectionSet) visit(sel.selectionSet, depth + 1, active);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        visit(sel.selectionSet, depth, active);
      } else {
        const name = sel.name.value;
        const frag = fragments.get(name);
        if (!frag || active.has(name)) continue;
        active.add(name);
        visit(frag.selectionSet, depth, active);
        active.delete(name);
      }
    }
  };
  visit(operation.selectionSet, 1, new Set());
  return { depth: maxDepth, fields };
}

/** A 4xx GraphQL error with a stable code (Apollo Server uses extensions.http for the response status). */
export function limitError(code: string, message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

/**
 * Returns the limit violation of an operation, or null. Subscriptions are refused first: over HTTP the gateway cannot
 * execute them (they belong on the graphql-ws endpoint), so they get ERR_SUBSCRIPTION_OVER_HTTP (405) instead of the
 * gateway's internal "not supported" error.
 */
export function checkOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limits: QueryLimits,
): GraphQLError | null {
  if (operation.operation === 'subscription') {
    return limitError(
      'ERR_SUBSCRIPTION_OVER_HTTP',
      'Subscriptions are not supported over HTTP; connect with graphql-ws (WebSocket) to the same /graphql path',
      405,
    );
  }
  const cost = measureOperation(document, operation, limits.maxFields);
  if (cost.depth > limits.maxDepth) {
    return limitError('ERR_QUERY_TOO_DEEP', `Query depth ${cost.depth} exceeds the maximum of ${limits.maxDepth}`);
  }
  if (cost.fields > limits.maxFields) {
    return limitError('ERR_QUERY_TOO_COMPLEX', `Query selects more than the maximum of ${limits.maxFields} fields`);
  }
  return null;
}

/**
 * Apollo Server plugin enforcing depth / field-count limits and refusing subscriptions over HTTP. The verdict is
 * memoized per (validated, cached) DocumentNode + operation, so a repeated query costs one WeakMap lookup. The byte-size
 * limit is enforced earlier, at the HTTP layer, before the document is parsed.
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  const verdicts = new WeakMap<OperationDefinitionNode, GraphQLError | null>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          const operation = ctx.operation;
          if (!operation) return;
          let verdict = verdicts.get(operation);
          if (verdict === undefined) {
            verdict = checkOperation(ctx.document, operation, limits);
            verdicts.set(operation, verdict);
          }
          if (verdict) throw new GraphQLError(verdict.message, { extensions: verdict.extensions });
        },
      };
    },
  };
}

/** UTF-8 size of a query string, computed only when the string could possibly exceed the limit. */
export function queryExceedsBytes(query: string, maxBytes: number): boolean {
  if (query.length * 3 <= maxBytes) return false;
  return Buffer.byteLength(query, 'utf8') > maxBytes;
}
