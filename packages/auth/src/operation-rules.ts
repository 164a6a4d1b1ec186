/**
 * The roles of the permission grid: every Mutation and Subscription field of the composed supergraph (and every
 * Query field that exposes private data) has one rule naming the roles allowed to call it. Roles relative to a
 * region (visitor … councillor) are held in the region the operation touches. Each subgraph's permissions module
 * exports its `OPERATION_RULES`; the grid test (docs/decisions/permissions.md) reads the supergraph and fails for a
 * field without a rule, then calls every field as every role.
 */
export const GRID_ROLES = [
  'anonymous',
  'player',
  'visitor',
  'resident',
  'citizen',
  'councillor',
  'governor',
  'owner',
  'admin',
] as const;
export type GridRole = (typeof GRID_ROLES)[number];

/** `'Mutation.castVote'` → the roles that may call it (every other role is refused with a stable code). */
export type OperationRules = Readonly<Record<string, readonly GridRole[]>>;
