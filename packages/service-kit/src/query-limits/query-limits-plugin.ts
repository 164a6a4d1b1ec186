import { GraphQLError } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { checkQueryLimits } from './query-limits.ts';
import type { QueryLimits } from './query-limits.ts';

export interface QueryLimitsPluginOptions {
  limits: QueryLimits;
  /** `Type.field` → weight (fieldCostsFromSdl); the schema comes from the request. */
  fieldCosts?: ReadonlyMap<string, number>;
  /** A check that runs first (the gateway refuses subscriptions over HTTP here). */
  precheck?: (operation: OperationDefinitionNode) => GraphQLError | null;
}

/**
 * Apollo Server plugin enforcing the depth / complexity limits (data and introspection apart) after validation. The
 * verdict is memoized per (validated, cached) operation node, so a repeated query costs one WeakMap lookup. Byte size
 * is checked by the caller before parsing where it can be (the gateway does it at the HTTP layer).
 */
export function queryLimitsPlugin<C extends BaseContext>(opts: QueryLimitsPluginOptions): ApolloServerPlugin<C> {
  const verdicts = new WeakMap<OperationDefinitionNode, GraphQLError | null>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          const operation = ctx.operation;
          if (!operation) return;
          let verdict = verdicts.get(operation);
          if (verdict === undefined) {
            verdict =
              opts.precheck?.(operation) ??
              checkQueryLimits(ctx.document, operation, opts.limits, { schema: ctx.schema, fieldCosts: opts.fieldCosts });
            verdicts.set(operation, verdict);
          }
          // A fresh error per request: Apollo attaches request-specific data to what is thrown.
          if (verdict) throw new GraphQLError(verdict.message, { extensions: verdict.extensions });
        },
      };
    },
  };
}
