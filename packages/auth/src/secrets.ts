import { ConfigError, DEV_INTERNAL_SECRET, DEV_JWT_SECRET, MIN_SECRET_LENGTH, isProduction, readEnv, secretProblem, urlPasswordProblem } from '@sw/config';

/** Secret for access tokens: JWT_SECRET, or the development default. Read on every call so tests can vary it. */
export function jwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  return readEnv('JWT_SECRET', DEV_JWT_SECRET, env);
}

/** Secret for gateway→subgraph forwarded claims: INTERNAL_CLAIMS_SECRET, or the development default. */
export function internalClaimsSecret(env: NodeJS.ProcessEnv = process.env): string {
  return readEnv('INTERNAL_CLAIMS_SECRET', DEV_INTERNAL_SECRET, env);
}

/** Minimum secret length accepted in production (HS256 wants at least 256 bits of key). */
export const MIN_PRODUCTION_SECRET_LENGTH = MIN_SECRET_LENGTH;

/**
 * Every problem with the secrets a service reads, when NODE_ENV=production (empty outside production):
 * JWT_SECRET and INTERNAL_CLAIMS_SECRET must each be set, not a documented default, not a placeholder, at least 32
 * characters of some variety (secretProblem in @sw/config), and different from each other; the password in DATABASE_URL
 * (when it has one) passes the same rules; REDIS_URL (when set) must carry a password that passes them, and so must
 * REDIS_CLUSTER_NODES (when set: the cluster's one password, in its redis:// entries).
 */
export function productionSecretProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  if (!isProduction(env)) return [];
  const problems: string[] = [];
  const jwt = env.JWT_SECRET;
  const internal = env.INTERNAL_CLAIMS_SECRET;
  for (const problem of [
    secretProblem('JWT_SECRET', jwt),
    secretProblem('INTERNAL_CLAIMS_SECRET', internal),
    urlPasswordProblem('DATABASE_URL', env.DATABASE_URL, { required: false }),
    urlPasswordProblem('REDIS_URL', env.REDIS_URL, { required: true }),
    clusterNodesPasswordProblem(env.REDIS_CLUSTER_NODES),
  ]) {
    if (problem) problems.push(problem);
  }
  if (jwt && jwt === internal) problems.push('JWT_SECRET and INTERNAL_CLAIMS_SECRET must differ');
  return problems;
}

/** REDIS_CLUSTER_NODES' password: the entries that carry credentials (redis://:pw@host:port) share one. */
function clusterNodesPasswordProblem(nodes: string | undefined): string | null {
  if (nodes === undefined || nodes.trim() === '') return null;
  const withCredentials = nodes.split(',').map((e) => e.trim()).find((e) => e.includes('@'));
  if (withCredentials === undefined) return 'REDIS_CLUSTER_NODES has no password';
  return urlPasswordProblem('REDIS_CLUSTER_NODES', withCredentials, { required: true });
}

/**
 * Call once at service startup. When NODE_ENV=production, throws ConfigError (ERR_CONFIG) listing every problem of
 * productionSecretProblems (never the values). Does nothing outside production.
 */
export function assertProductionSecrets(env: NodeJS.ProcessEnv = process.env): void {
  const problems = productionSecretProblems(env);
  if (problems.length > 0) {
    throw new ConfigError(`refusing to start with NODE_ENV=production: ${problems.join('; ')}`);
  }
}
