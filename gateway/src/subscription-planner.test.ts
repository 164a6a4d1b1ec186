import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SubscriptionPlanner } from './subscription-planner.ts';
import { SUPERGRAPH_PATH } from './subgraph-list.ts';
import { SUBSCRIPTION_DELIVERY_MODES, deliveryModeOf } from './subscription-delivery-modes.ts';

const planner = new SubscriptionPlanner(readFileSync(SUPERGRAPH_PATH, 'utf8'));

describe('SubscriptionPlanner over the checked-in supergraph', () => {
  it('plans regionRuntimeChanged { region { name } } as an orchestrator primary plus a region entity fetch', () => {
    const o = planner.plan('subscription R($id: ID!) { regionRuntimeChanged(regionId: $id) { seq region { name } } }', 'R', { id: 'r1' });
    if (!o.ok) throw new Error(o.errors.map((e) => e.message).join());
    expect(o.plan.primary.serviceName).toBe('orchestrator');
    expect(o.plan.primary.variableUsages).toEqual(['id']);
    expect(o.plan.primary.operation).toMatch(/region\s*{\s*__typename\s+id\s*}/);
    expect(o.plan.primary.operation).not.toMatch(/\bname\b/);
    expect(JSON.stringify(o.plan.execPlan)).toContain('"serviceName":"region"');
    expect(o.plan.mode).toBe('fifo');
    expect(o.variables).toEqual({ id: 'r1' });
  });

  it('plans generationProgress as a single nexus fetch in latest-only mode', () => {
    const o = planner.plan('subscription { generationProgress(jobId: "j") { seq percent } }', undefined, undefined);
    if (!o.ok) throw new Error('plan failed');
    expect(o.plan.primary.serviceName).toBe('nexus');
    expect(o.plan.execPlan.node).toBe(o.plan.primary);
    expect(o.plan.mode).toBe('latest');
  });

  it('returns coded errors for bad documents, variables and operation types; caches plans per text', () => {
    const codes = (q: string, v?: unknown) => {
      const o = planner.plan(q, undefined, v);
      return o.ok ? 'ok' : o.errors.map((e) => e.extensions.code).join();
    };
    expect(codes('subscription {')).toBe('GRAPHQL_PARSE_FAILED');
    expect(codes('subscription { generationProgress { seq } }')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(codes('subscription($j: ID!) { generationProgress(jobId: $j) { seq } }', {})).toBe('BAD_USER_INPUT');
    expect(codes('subscription($j: ID!) { generationProgress(jobId: $j) { seq } }', [1])).toBe('BAD_USER_INPUT');
    expect(codes('{ __typename }')).toBe('ERR_OPERATION_NOT_SUPPORTED');
    const q = 'subscription($j: ID!) { generationProgress(jobId: $j) { seq } }';
    const a = planner.plan(q, undefined, { j: '1' });
    const b = planner.plan(q, undefined, { j: '2' });
    expect(a.ok && b.ok && a.plan === b.plan).toBe(true);
  });

  it('every Subscription field of the supergraph has a declared delivery mode', () => {
    const fields = Object.keys(planner.apiGraphQLSchema.getSubscriptionType()!.getFields());
    for (const f of fields) expect(SUBSCRIPTION_DELIVERY_MODES[f], `add ${f} to SUBSCRIPTION_DELIVERY_MODES`).toBeDefined();
    expect(deliveryModeOf('somethingNew')).toBe('fifo');
    expect(deliveryModeOf('generationProgress', { generationProgress: 'fifo' })).toBe('fifo');
  });
});
