/**
 * Plans client subscriptions with Apollo's own QueryPlanner over the same supergraph the HTTP gateway serves
 * A plan's `primary` fetch is what the owning subgraph is subscribed to; the
 * `execPlan` (primary followed by the `rest`) is what executeQueryPlan runs for every upstream event, with a stub
 * data source answering the primary fetch with the event.
 */
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { GraphQLError, getOperationAST, getVariableValues, parse, validate } from 'graphql';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import type { Schema } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { FetchNode, PlanNode, QueryPlan } from '@apollo/query-planner';
import { buildOperationContext } from '@apollo/gateway';
import { deliveryModeOf, type DeliveryMode } from './subscription-delivery-modes.ts';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** Everything needed to run one (validated) client subscription document. Shared by all clients sending the same text. */
export interface PlannedSubscription {
  /** The fetch sent to the owning subgraph as a graphql-ws subscription. */
  primary: FetchNode;
  /** Plan executed per event: Sequence[primary, rest] or just primary. */
  execPlan: QueryPlan;
  operationContext: OperationContext;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** Root Subscription field name (not alias). */
  fieldName: string;
  mode: DeliveryMode;
}

export type PlanOutcome =
  | { ok: true; plan: PlannedSubscription; variables: Record<string, unknown> }
  | { ok: false; errors: GraphQLError[] };

const MAX_CACHED_PLANS = 1000;

/** One supergraph's planner; build a new one on supergraph reload. */
export class SubscriptionPlanner {
  readonly supergraphSdl: string;
  readonly apiSchema: Schema;
  readonly apiGraphQLSchema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  readonly subgraphUrls: Record<string, string>;
  private readonly planner: QueryPlanner;
  private readonly cache = new Map<string, PlannedSubscription | GraphQLError[]>();
  private readonly modeOverrides: Readonly<Record<string, DeliveryMode>> | undefined;

  constructor(supergraphSdl: string, modeOverrides?: Readonly<Record<string, DeliveryMode>>) {
    const supergraph = Supergraph.build(supergraphSdl);
    this.supergraphSdl = supergraphSdl;
    this.apiSchema = supergraph.apiSchema();
    this.apiGraphQLSchema = this.apiSchema.toGraphQLJSSchema();
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
    this.modeOverrides = modeOverrides;
    const urls: Record<string, string> = {};
    for (const s of supergraph.subgraphsMetadata().values()) urls[s.name] = s.url;
    this.subgraphUrls = urls;
  }

  /**
   * Parses, validates (API schema), plans and coerces variables. Errors are GraphQL errors with a code
   * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT, ERR_OPERATION_NOT_SUPPORTED).
   */
  plan(query: string, operationName: string | null | undefined, rawVariables: unknown): PlanOutcome {
    const cacheKey = `${operationName ?? ''}\u0000${query}`;
    let planned = this.cache.get(cacheKey);
    if (planned === undefined) {
      planned = this.build(query, operationName ?? undefined);
      if (this.cache.size >= MAX_CACHED_PLANS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(cacheKey, planned);
    }
    if (Array.isArray(planned)) return { ok: false, errors: planned };
    const vars = rawVariables === undefined || rawVariables === null ? {} : rawVariables;
    if (typeof vars !== 'object' || Array.isArray(vars)) {
      return { ok: false, errors: [coded('Variables must be a JSON object', 'BAD_USER_INPUT')] };
    }
    const coerced = getVariableValues(this.apiGraphQLSchema, planned.operation.variableDefinitions ?? [], vars as Record<string, unknown>);
    if (coerced.errors) return { ok: false, errors: coerced.errors.map((e) => withCode(e, 'BAD_USER_INPUT')) };
    return { ok: true, plan: planned, variables: coerced.coerced };
  }

  private build(query: string, operationName: string | undefined): PlannedSubscription | GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: 5000 });
    } catch (err) {
      return [withCode(err instanceof GraphQLError ? err : new GraphQLError(String(err)), 'GRAPHQL_PARSE_FAILED')];
    }
    const errors = validate(this.apiGraphQLSchema, document);
    if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
    const operation = getOperationAST(document, operationName);
    if (!operation) return [coded('Unable to identify the operation to run (check operationName)', 'GRAPHQL_VALIDATION_FAILED')];
    if (operation.operation !== 'subscription') {
      return [
        coded(
          `Only subscriptions are served over WebSocket; send ${operation.operation}s over HTTP POST /graphql`,
          'ERR_OPERATION_NOT_SUPPORTED',
        ),
      ];
    }
    const root = operation.selectionSet.selections[0];
    if (!root || root.kind !== 'Field') {
      return [coded('A subscription must select its root field directly', 'GRAPHQL_VALIDATION_FAILED')];
    }
    let plan: QueryPlan;
    try {
      plan = this.planner.buildQueryPlan(operationFromDocument(this.apiSchema, document, { operationName }));
    } catch (err) {
      return [coded(err instanceof Error ? err.message : 'Query planning failed', 'GRAPHQL_VALIDATION_FAILED')];
    }
    const node = plan.node;
    let primary: FetchNode;
    let rest: PlanNode | undefined;
    if (node?.kind === 'Subscription') {
      primary = node.primary;
      rest = node.rest;
    } else if (node?.kind === 'Fetch') {
      primary = node;
    } else {
      return [coded('This subscription cannot be planned', 'GRAPHQL_VALIDATION_FAILED')];
    }
    const execNode: PlanNode = rest ? { kind: 'Sequence', nodes: [primary, rest] } : primary;
    return {
      primary,
      execPlan: { kind: 'QueryPlan', node: execNode },
      operationContext: buildOperationContext({ schema: this.apiGraphQLSchema, operationDocument: document, operationName }),
      document,
      operation,
      fieldName: root.name.value,
      mode: deliveryModeOf(root.name.value, this.modeOverrides),
    };
  }
}

function coded(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function withCode(err: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(err.message, {
    nodes: err.nodes,
    source: err.source,
    positions: err.positions,
    path: err.path,
    originalError: err.originalError,
    extensions: { ...err.extensions, code: (err.extensions?.code as string | undefined) ?? code },
  });
}
