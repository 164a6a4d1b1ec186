/** Raised at startup when an environment variable is present but unusable; services exit on it. */
export class ConfigError extends Error {
  readonly code = 'ERR_CONFIG';
}

/** Reads a string variable, falling back to the documented default when unset or empty. */
export function readEnv(name: string, fallback: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

/** Reads an integer variable; a non-integer value is a startup error, never silently the default. */
export function readEnvInt(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  return value;
}

/** Reads a boolean variable (true/false/1/0/yes/no). */
export function readEnvBool(name: string, fallback: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be a boolean, got "${env[name]}"`);
}

/** True when NODE_ENV=production: dev login, signature bypasses and dev secrets are refused. */
export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}
