import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRID_ROLES } from '@sw/auth';
import { SUPERGRAPH_PATH } from '../subgraph-list.ts';
import { collectRules } from './all-rules.ts';
import { argumentsFor, operationFor, planGrid } from './grid-plan.ts';

const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');

describe('permission grid plan', () => {
  it('every Mutation and Subscription field of the supergraph has exactly one rule, and every rule a field', () => {
    const { rules, duplicates } = collectRules();
    const plan = planGrid(supergraph, rules);
    expect([...duplicates, ...plan.problems]).toEqual([]);
    expect(plan.entries.length).toBeGreaterThan(10);
  });

  it('fails for a new field without a rule and for a rule without a field', () => {
    const { rules } = collectRules();
    const extended = supergraph.replace(
      /type Mutation\n([^{]*)\{/,
      (m) => `${m}\n  brandNewMutation(regionId: ID!): Boolean! @join__field(graph: GOVERNANCE)\n`,
    );
    const plan = planGrid(extended, { ...rules, 'Mutation.goneAway': ['admin'] });
    expect(plan.problems).toEqual(expect.arrayContaining(['Mutation.brandNewMutation has no OPERATION_RULES entry', 'rule Mutation.goneAway names no field of the supergraph']));
  });

  it('builds routed documents with generated arguments (root fields and entity fields)', () => {
    const { rules } = collectRules();
    const plan = planGrid(supergraph, rules);
    const ids = { regionId: 'r-1', uuid: () => 'u-1' };
    const scale = plan.entries.find((e) => e.key === 'Mutation.scaleRegion')!;
    expect(scale.subgraph).toBe('orchestrator');
    const op = operationFor(scale, argumentsFor(scale, ids));
    expect(op.document).toBe('mutation Grid($regionId: ID!, $input: ScaleRegionInput!) { scaleRegion(regionId: $regionId, input: $input) { __typename } }');
    expect(op.variables).toEqual({ regionId: 'r-1', input: {} });
    const ledger = plan.entries.find((e) => e.key === 'Region.treasuryLedger')!;
    expect(ledger).toMatchObject({ subgraph: 'governance', kind: 'entity' });
    expect(operationFor(ledger, argumentsFor(ledger, ids)).document).toBe(
      'query Grid($__representations: [_Any!]!) { _entities(representations: $__representations) { ... on Region { treasuryLedger { __typename } } } }',
    );
    for (const e of plan.entries) for (const role of e.allowed) expect(GRID_ROLES).toContain(role);
  });
});
