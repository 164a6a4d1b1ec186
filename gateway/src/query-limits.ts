/**
 * The gateway's use of the shared query limits (@sw/service-kit query-limits): the same depth / complexity rules as
 * every subgraph, with field weights read from the supergraph's @cost directives, plus one gateway-only rule:
 * subscriptions are refused over HTTP.
 */
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { GraphQLError } from 'graphql';
import { checkQueryLimits, limitError, queryLimitsPlugin as sharedQueryLimitsPlugin } from '@sw/service-kit';
import type { QueryLimits } from '@sw/service-kit';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './gateway-context.ts';

export { DEFAULT_QUERY_LIMITS, measureOperation, queryExceedsBytes } from '@sw/service-kit';
export type { QueryLimits } from '@sw/service-kit';

/**
 * Over HTTP the gateway cannot execute subscriptions (they belong on the graphql-ws endpoint), so they get
 * ERR_SUBSCRIPTION_OVER_HTTP (405) instead of the gateway's internal "not supported" error.
 */
export function refuseSubscriptionOverHttp(operation: OperationDefinitionNode): GraphQLError | null {
  if (operation.operation !== 'subscription') return null;
  return limitError(
    'ERR_SUBSCRIPTION_OVER_HTTP',
    'Subscriptions are not supported over HTTP; connect with graphql-ws (WebSocket) to the same /graphql path',
    405,
  );
}

/** The verdict the HTTP endpoint gives an operation: subscription refusal first, then the limits; null = accepted. */
export function checkOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limits: QueryLimits,
  model: { schema?: GraphQLSchema; fieldCosts?: ReadonlyMap<string, number> } = {},
): GraphQLError | null {
  return refuseSubscriptionOverHttp(operation) ?? checkQueryLimits(document, operation, limits, model);
}

/** Apollo Server plugin of the HTTP endpoint (memoized per operation; see the shared plugin). */
export function queryLimitsPlugin(limits: QueryLimits, fieldCosts?: ReadonlyMap<string, number>): ApolloServerPlugin<GatewayContext> {
  return sharedQueryLimitsPlugin<GatewayContext>({
    limits,
    ...(fieldCosts ? { fieldCosts } : {}),
    precheck: refuseSubscriptionOverHttp,
  });
}
