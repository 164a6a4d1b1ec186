import { GRID_ROLES, SIGNED_IN_ROLES, type OperationRules } from '@sw/auth';

/**
 * The orchestrator subgraph's entries of the permission grid (docs/decisions/permissions.md). The predicates
 * themselves live beside the commands (commands/permissions.ts: runtime actions, admins with fleet:manage;
 * billing/subscription-permissions.ts: one subscription, its subscriber or admins with billing:view). Subjects: the
 * grid fixture's region, and a regional_owner subscription of its owner (the grid's admin holds every scope).
 */
export const OPERATION_RULES: OperationRules = {
  'Mutation.provisionRegion': ['admin'],
  'Mutation.scaleRegion': ['owner', 'admin'],
  'Mutation.terminateRegion': ['owner', 'admin'],
  'Mutation.cancelTermination': ['owner', 'admin'],
  // Fleet dormancy commands (docs/rules/hibernation.md "Operator commands"): fleet:manage admins only.
  'Mutation.hibernateRegion': ['admin'],
  'Mutation.wakeRegion': ['admin'],
  'Mutation.resurrectRegion': ['admin'],
  'Mutation.createSubscription': SIGNED_IN_ROLES,
  'Mutation.cancelSubscription': ['owner', 'admin'],
  'Mutation.useEmergencyRelocation': SIGNED_IN_ROLES,
  'Subscription.regionRuntimeChanged': ['owner', 'admin'],
  // The galaxy map is public (region names and runtime states are on it for everyone).
  'Subscription.galaxyChanged': GRID_ROLES,
  'Query.regionRuntime': ['owner', 'admin'],
  'Query.fleet': ['admin'],
  'Query.regionMetricsRange': ['admin'],
  'Query.mySubscriptions': SIGNED_IN_ROLES,
  'Query.subscription': ['owner', 'admin'],
};
