/**
 * Every subgraph's OPERATION_RULES and grid argument builders in one place (docs/decisions/permissions.md). A new
 * subgraph adds its two imports here; a key defined by two subgraphs is a problem the grid reports.
 */
import type { OperationRules } from '@sw/auth';
import type { GridArgs } from '@sw/testing';
import { OPERATION_RULES as governanceRules } from '@sw/subgraph-governance/permissions';
import { GRID_ARGS as governanceArgs } from '@sw/subgraph-governance/grid-args';
import { OPERATION_RULES as nexusRules } from '@sw/subgraph-nexus/permissions';
import { GRID_ARGS as nexusArgs } from '@sw/subgraph-nexus/grid-args';
import { OPERATION_RULES as regionRules } from '@sw/subgraph-region/permissions';
import { GRID_ARGS as regionArgs } from '@sw/subgraph-region/grid-args';
import { OPERATION_RULES as orchestratorRules } from '@sw/orchestrator/permissions';
import { GRID_ARGS as orchestratorArgs } from '@sw/orchestrator/grid-args';

const SOURCES: ReadonlyArray<readonly [string, OperationRules, GridArgs]> = [
  ['governance', governanceRules, governanceArgs],
  ['nexus', nexusRules, nexusArgs],
  ['region', regionRules, regionArgs],
  ['orchestrator', orchestratorRules, orchestratorArgs],
];

export function collectRules(): { rules: OperationRules; args: GridArgs; duplicates: string[] } {
  const rules: Record<string, OperationRules[string]> = {};
  const args: Record<string, GridArgs[string]> = {};
  const duplicates: string[] = [];
  for (const [name, r, a] of SOURCES) {
    for (const [key, roles] of Object.entries(r)) {
      if (rules[key]) duplicates.push(`${key} is ruled twice (again by ${name})`);
      rules[key] = roles;
    }
    for (const key of Object.keys(a)) if (!r[key]) duplicates.push(`${name} has grid arguments for ${key} but no rule of its own`);
    Object.assign(args, a);
  }
  return { rules, args, duplicates };
}
