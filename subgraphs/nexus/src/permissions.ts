import { hasScope, type Claims, type OperationRules } from '@sw/auth';

/**
 * Who may do what in the Nexus subgraph. Reads of the Nexus world are public (the home page shows it before sign-in);
 * generation, its jobs and their progress need an admin with the galaxy:manage scope (docs/decisions/auth.md).
 */

/** Scope of every generation operation. */
export const GALAXY_SCOPE = 'galaxy:manage';

/** Generate or regenerate the Nexus, read a generation job, follow its progress. */
export function canManageGalaxy(claims: Claims | null): boolean {
  return hasScope(claims, GALAXY_SCOPE);
}

/** One entry per Mutation / Subscription field of this subgraph (and private queries): docs/decisions/permissions.md. */
export const OPERATION_RULES: OperationRules = {
  'Mutation.generateNexus': ['admin'],
  'Mutation.regenerateCluster': ['admin'],
  'Subscription.generationProgress': ['admin'],
  'Query.generationJob': ['admin'],
};
