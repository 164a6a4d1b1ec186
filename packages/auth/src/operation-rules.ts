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

/** Every grid role except `anonymous`: "any signed-in caller". */
export const SIGNED_IN_ROLES: readonly GridRole[] = GRID_ROLES.filter((r) => r !== 'anonymous');

/**
 * The stable codes that mean "refused because of who you are" (authentication, role, scope, ownership). The grid
 * test expects one of these for every role a rule leaves out, and none of them for the roles it names; any other
 * code (validation, not found, conflict, eligibility that is no grid role such as ERR_NOT_GALACTIC_CITIZEN or the
 * franchise age ERR_ACCOUNT_TOO_NEW) is a business outcome.
 * A subgraph that adds a refusal code (e.g. "not a member of this region") adds it here.
 */
export const REFUSAL_CODES: readonly string[] = [
  'ERR_UNAUTHENTICATED',
  'ERR_FORBIDDEN',
  'ERR_ADMIN_REQUIRED',
  'ERR_SCOPE_REQUIRED',
  'ERR_NOT_REGION_OWNER',
  'ERR_NOT_SUBSCRIPTION_OWNER',
  // region configuration: the caller may only propose this change as a policy (governance decision table)
  'ERR_POLICY_REQUIRED',
  'ERR_SETTING_CHANGE_DENIED',
  // governance: the caller holds no office that may do this under the region's governance type
  'ERR_GOVERNANCE_DENIED',
  // governance: the caller's standing in the region (a grid role) does not allow it: no membership, no vote (visitor),
  // not a citizen (candidacy), no council seat, or not an owner of a party to the treaty
  'ERR_NOT_A_MEMBER',
  'ERR_NOT_ELIGIBLE',
  'ERR_NOT_A_CITIZEN',
  'ERR_NOT_A_COUNCILLOR',
  'ERR_NOT_TREATY_PARTY',
  // travel: only the destination's owner or governor (or an admin) decides entry requests
  'ERR_NOT_IMMIGRATION_OFFICER',
];
