import { readFileSync } from 'node:fs';
import { Kind, getIntrospectionQuery, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldCostsFromSdl } from '@sw/service-kit';
import { SubscriptionPlanner } from './subscription-planner.ts';
import { SUPERGRAPH_PATH } from './subgraph-list.ts';
import { DEFAULT_QUERY_LIMITS, checkOperation, measureOperation } from './query-limits.ts';

const opOf = (src: string) => {
  const doc = parse(src);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { doc, op };
};
const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
const apiSchema = new SubscriptionPlanner(supergraphSdl).apiGraphQLSchema;
const model = { schema: apiSchema, fieldCosts: fieldCostsFromSdl(supergraphSdl) };

describe('checkOperation (gateway HTTP endpoint)', () => {
  it('accepts the standard introspection query (graphql-js getIntrospectionQuery, depth 15) under the default limits', () => {
    const { doc, op } = opOf(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true }));
    expect(measureOperation(doc, op, model).introspection.depth).toBe(15);
    expect(checkOperation(doc, op, DEFAULT_QUERY_LIMITS, model)).toBeNull();
  });

  it('refuses subscriptions with ERR_SUBSCRIPTION_OVER_HTTP (405)', () => {
    const { doc, op } = opOf('subscription { ticks }');
    expect(checkOperation(doc, op, DEFAULT_QUERY_LIMITS)?.extensions).toMatchObject({ code: 'ERR_SUBSCRIPTION_OVER_HTTP', http: { status: 405 } });
  });

  it('counts Region.world at the weight its @cost gives it in the supergraph', () => {
    const weight = model.fieldCosts.get('Region.world');
    expect(weight).toBeGreaterThanOrEqual(20);
    const { doc, op } = opOf('{ regions { world { sectors } } }');
    expect(measureOperation(doc, op, model).data.complexity).toBe(1 + weight! + 1);
    // Aliasing world lists runs into the budget long before the field count does.
    const aliases = Math.floor(DEFAULT_QUERY_LIMITS.maxComplexity / weight!) + 1;
    const many = opOf(`{ ${Array.from({ length: aliases }, (_, i) => `r${i}: regions { world { sectors } }`).join(' ')} }`);
    expect(checkOperation(many.doc, many.op, DEFAULT_QUERY_LIMITS, model)?.extensions.code).toBe('ERR_QUERY_TOO_COMPLEX');
  });
});
