/**
 * The subgraphs' own limits (DEFAULT_SUBGRAPH_QUERY_LIMITS) must never refuse a fetch of a query plan the gateway
 * accepted: for queries at the gateway's depth and complexity limits over the real supergraph, every fetch the
 * planner sends (root and `_entities` fetches, keys and __typename added) is measured with the owning subgraph's schema
 * and @cost weights and must be within the subgraph defaults.
 */
import { readFileSync } from 'node:fs';
import { Kind, getNamedType, isLeafType, isNonNullType, isObjectType, parse } from 'graphql';
import type { GraphQLObjectType, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { FetchNode, PlanNode } from '@apollo/query-planner';
import { DEFAULT_QUERY_LIMITS, DEFAULT_SUBGRAPH_QUERY_LIMITS, checkQueryLimits, fieldCostsFromSdl, measureOperation } from '@sw/service-kit';
import { SUBGRAPHS, SUPERGRAPH_PATH, readSubgraphSdl } from './subgraph-list.ts';

const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
const supergraph = Supergraph.build(supergraphSdl);
const apiSchema = supergraph.apiSchema();
const api = apiSchema.toGraphQLJSSchema();
const planner = new QueryPlanner(supergraph);
const gatewayCosts = fieldCostsFromSdl(supergraphSdl);

/** Owning subgraph of each `Type.field` (from @join__field(graph:)), to prefer fields that cross subgraphs. */
const owners = new Map<string, string>();
for (const def of parse(supergraphSdl).definitions) {
  if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
  for (const f of def.fields ?? []) {
    const graph = f.directives?.find((d) => d.name.value === 'join__field')?.arguments?.find((a) => a.name.value === 'graph')?.value;
    if (graph?.kind === Kind.ENUM) owners.set(`${def.name.value}.${f.name.value}`, graph.value);
  }
}

/**
 * A query of exactly `maxDepth` that spends the gateway's complexity budget: depth first, at each level the fields of
 * another subgraph first (entity fetches), fields with required arguments left out.
 */
function budgetQuery(rootFields: string[], maxDepth: number, budget: number): string {
  let spent = 0;
  const select = (type: GraphQLObjectType, coordOwner: string | undefined, depth: number, only?: string[]): string => {
    const fields = Object.values(type.getFields())
      .filter((f) => (only ? only.includes(f.name) : true))
      .filter((f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined))
      .sort((a, b) => {
        const crossA = owners.get(`${type.name}.${a.name}`) !== coordOwner ? 0 : 1;
        const crossB = owners.get(`${type.name}.${b.name}`) !== coordOwner ? 0 : 1;
        return crossA - crossB;
      });
    const parts: string[] = [];
    for (const f of fields) {
      const named = getNamedType(f.type);
      const weight = gatewayCosts.get(`${type.name}.${f.name}`) ?? 1;
      if (spent + weight > budget) break;
      if (isLeafType(named)) {
        spent += weight;
        parts.push(f.name);
      } else if (isObjectType(named) && depth < maxDepth) {
        spent += weight;
        const inner = select(named, owners.get(`${type.name}.${f.name}`), depth + 1);
        if (inner) parts.push(`${f.name} { ${inner} }`);
        else spent -= weight;
      }
    }
    if (parts.length === 0) return '';
    return parts.join(' ');
  };
  return `{ ${select(api.getQueryType()!, undefined, 1, rootFields)} }`;
}

function fetchesOf(node: PlanNode | undefined, out: FetchNode[] = []): FetchNode[] {
  if (!node) return out;
  switch (node.kind) {
    case 'Fetch':
      out.push(node);
      break;
    case 'Sequence':
    case 'Parallel':
      for (const n of node.nodes) fetchesOf(n, out);
      break;
    case 'Flatten':
      fetchesOf(node.node, out);
      break;
    case 'Condition':
      fetchesOf(node.ifClause, out);
      fetchesOf(node.elseClause, out);
      break;
    default:
      break;
  }
  return out;
}

const subgraphModels = new Map<string, { schema: GraphQLSchema; fieldCosts: Map<string, number> }>(
  SUBGRAPHS.map((s) => [
    s.name,
    { schema: supergraph.subgraphs().get(s.name)!.schema.toGraphQLJSSchema(), fieldCosts: fieldCostsFromSdl(readSubgraphSdl(s.sdlPath)) },
  ]),
);

describe('subgraph limits leave room for every fetch of an accepted gateway query', () => {
  it.each([
    ['regions', ['regions']],
    ['me', ['me']],
    ['regions + me + fleet + clusters', ['regions', 'me', 'fleet', 'clusters', 'plans']],
  ])('query at the gateway limits from %s', (_label, roots) => {
    const query = budgetQuery(roots, DEFAULT_QUERY_LIMITS.maxDepth, DEFAULT_QUERY_LIMITS.maxComplexity);
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const cost = measureOperation(document, operation, { schema: api, fieldCosts: gatewayCosts });
    expect(cost.data.complexity).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxComplexity);
    expect(cost.data.complexity).toBeGreaterThan(DEFAULT_QUERY_LIMITS.maxComplexity / 2);
    const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, document));
    const node = plan.node;
    if (!node || node.kind === 'Subscription') throw new Error('expected a query plan');
    const fetches = fetchesOf(node);
    expect(fetches.length).toBeGreaterThan(1);
    for (const fetch of fetches) {
      const fetchDoc = parse(fetch.operation);
      const fetchOp = fetchDoc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      const verdict = checkQueryLimits(fetchDoc, fetchOp, DEFAULT_SUBGRAPH_QUERY_LIMITS, subgraphModels.get(fetch.serviceName)!);
      expect(verdict, `${fetch.serviceName}: ${fetch.operation.slice(0, 200)}`).toBeNull();
    }
  });

  it('builds a query that reaches the gateway depth limit', () => {
    const document = parse(budgetQuery(['regions'], DEFAULT_QUERY_LIMITS.maxDepth, DEFAULT_QUERY_LIMITS.maxComplexity));
    const cost = measureOperation(document, document.definitions[0] as OperationDefinitionNode, { schema: api });
    expect(cost.data.depth).toBe(DEFAULT_QUERY_LIMITS.maxDepth);
  });
});
