import { ConfigError, DEV_INTERNAL_SECRET, DEV_JWT_SECRET, isProduction, readEnv } from '@sw/config';

/** Secret for access tokens: JWT_SECRET, or the development default. Read on every call so tests can vary it. */
export function jwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  return readEnv('JWT_SECRET', DEV_JWT_SECRET, env);
}

/** Secret for gateway→subgraph forwarded claims: INTERNAL_CLAIMS_SECRET, or the development default. */
export function internalClaimsSecret(env: NodeJS.ProcessEnv = process.env): string {
  return readEnv('INTERNAL_CLAIMS_SECRET', DEV_INTERNAL_SECRET, env);
}

/** Minimum secret length accepted in production (HS256 wants at least 256 bits of key). */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

/**
 * Call once at service startup. When NODE_ENV=production, throws ConfigError (ERR_CONFIG) if JWT_SECRET or
 * INTERNAL_CLAIMS_SECRET is unset, equal to a development default, shorter than 32 characters, or if both
 * are the same value. Does nothing outside production.
 */
export function assertProductionSecrets(env: NodeJS.ProcessEnv = process.env): void {
  if (!isProduction(env)) return;
  const jwt = jwtSecret(env);
  const internal = internalClaimsSecret(env);
  const problems: string[] = [];
  for (const [name, value] of [['JWT_SECRET', jwt], ['INTERNAL_CLAIMS_SECRET', internal]] as const) {
    if (value === DEV_JWT_SECRET || value === DEV_INTERNAL_SECRET) problems.push(`${name} is a development default`);
    else if (value.length < MIN_PRODUCTION_SECRET_LENGTH) problems.push(`${name} is shorter than ${MIN_PRODUCTION_SECRET_LENGTH} characters`);
  }
  if (jwt === internal) problems.push('JWT_SECRET and INTERNAL_CLAIMS_SECRET must differ');
  if (problems.length > 0) {
    throw new ConfigError(`refusing to start with NODE_ENV=production: ${problems.join('; ')}`);
  }
}
