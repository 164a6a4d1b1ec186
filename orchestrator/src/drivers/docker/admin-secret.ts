import { ConfigError, isProduction, secretProblem } from '@sw/config';

/** Development fallback of the region Postgres admin secret (never accepted in production). */
export const DEV_DOCKER_ADMIN_SECRET = 'DEV_DOCKER_ADMIN_SECRET';

/**
 * The secret the docker driver derives each region Postgres superuser password from. Outside production: the explicit
 * option, SW_DOCKER_ADMIN_SECRET, INTERNAL_CLAIMS_SECRET, then a development constant. In production only an explicit
 * option or SW_DOCKER_ADMIN_SECRET counts (never another service's secret), and it must pass the shared secret rules;
 * otherwise ConfigError.
 */
export function resolveDockerAdminSecret(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (isProduction(env)) {
    const secret = explicit ?? env.SW_DOCKER_ADMIN_SECRET;
    const problem = secretProblem('SW_DOCKER_ADMIN_SECRET', secret, { defaults: [DEV_DOCKER_ADMIN_SECRET] });
    if (problem !== null || secret === undefined) throw new ConfigError(`refusing to start the docker driver in production: ${problem ?? 'no secret'}`);
    return secret;
  }
  return explicit ?? (env.SW_DOCKER_ADMIN_SECRET || undefined) ?? (env.INTERNAL_CLAIMS_SECRET || undefined) ?? DEV_DOCKER_ADMIN_SECRET;
}
