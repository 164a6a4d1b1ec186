/**
 * Environment-driven configuration shared by every service. Each reader takes the variable name and
 * its documented default; the README's configuration table lists the same names and defaults.
 */
export { readEnv, readEnvInt, readEnvBool, isProduction, ConfigError } from './env.ts';
export { PORTS, serviceUrls, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, DEV_JWT_SECRET, DEV_INTERNAL_SECRET } from './services.ts';
export type { ServiceName } from './services.ts';
export { DOCUMENTED_DEFAULT_SECRETS, MIN_SECRET_LENGTH, secretProblem, urlPasswordProblem } from './secret-strength.ts';
export type { SecretRules } from './secret-strength.ts';
