import { DEV_INTERNAL_SECRET, DEV_JWT_SECRET } from './services.ts';

/** Shortest secret production accepts (HS256 wants at least 256 bits of key; `openssl rand -hex 32` gives 64 chars). */
export const MIN_SECRET_LENGTH = 32;
/** Fewest distinct characters a production secret must have (random hex of 32 chars has about 15). */
const MIN_DISTINCT_CHARS = 8;

/**
 * Values that appear in this repository as defaults or examples (services.ts, the compose file's history, docs):
 * anyone can read them, so production refuses them whatever their length.
 */
export const DOCUMENTED_DEFAULT_SECRETS: readonly string[] = [
  DEV_JWT_SECRET,
  DEV_INTERNAL_SECRET,
  'sw-dev-paypal-secret',
  'DEV_DOCKER_ADMIN_SECRET',
  'change-me-jwt-secret-0123456789abcdef',
  'change-me-internal-secret-0123456789',
  'change-me-region-db-admin-secret',
  'change-me-grafana',
  'sectorwars',
  'postgres',
  'region',
];

/** Shapes of "fill me in" values: change-me, replace-me, placeholder, example, <angle brackets>, your-secret-here... */
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /change[-_. ]?(me|it|this)/i,
  /replace[-_. ]?(me|this)/i,
  /placeholder/i,
  /example/i,
  /<[^>]*>/,
  /\byour[-_. ]?(own[-_. ]?)?(secret|password|key|token)/i,
  /\b(dummy|insecure|not[-_. ]?secret)\b/i,
  /^(secret|password|passw0rd|default|admin|test|dev|x+|0+|1234.*)$/i,
];

export interface SecretRules {
  /** Extra documented defaults of the caller (e.g. the PayPal emulator's credentials). */
  defaults?: readonly string[];
  minLength?: number;
}

/**
 * Why `value` cannot be a production secret named `name`, or null when it can: unset, a documented default, a
 * placeholder, shorter than MIN_SECRET_LENGTH or with too little variety. Messages name the variable, never the value.
 */
export function secretProblem(name: string, value: string | undefined, rules: SecretRules = {}): string | null {
  if (value === undefined || value === '') return `${name} is not set`;
  if (DOCUMENTED_DEFAULT_SECRETS.includes(value) || rules.defaults?.includes(value)) return `${name} is a documented default`;
  if (PLACEHOLDER_PATTERNS.some((p) => p.test(value))) return `${name} is a placeholder`;
  const min = rules.minLength ?? MIN_SECRET_LENGTH;
  if (value.length < min) return `${name} is shorter than ${min} characters`;
  if (new Set(value).size < MIN_DISTINCT_CHARS) return `${name} has too few distinct characters (use a random value: openssl rand -hex 32)`;
  return null;
}

/**
 * The password of a connection URL (DATABASE_URL, REDIS_URL) as a production secret: `required` makes a URL without a
 * password a problem (Redis has no other authentication); a present password must pass secretProblem. A URL that does
 * not parse is a problem too.
 */
export function urlPasswordProblem(name: string, url: string | undefined, opts: { required: boolean }): string | null {
  if (url === undefined || url === '') return null;
  let password: string;
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return `${name} is not a valid URL`;
  }
  if (password === '') return opts.required ? `${name} has no password` : null;
  return secretProblem(`${name} password`, password);
}
