import type { ValidationIssue } from './errors.ts';

/**
 * Registration input rules (docs/rules/accounts.md): usernames and e-mail addresses are compared case-insensitively
 * (stored lower-case), passwords follow the length-over-composition advice of OWASP / NIST SP 800-63B: at least 12
 * characters, at most 128, not a well-known password, not built from the username or e-mail, not one repeated
 * character. Every problem is reported at once; nothing here touches a database.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{2,29}$/;
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
export const EMAIL_MAX_LENGTH = 254;
const EMAIL_PATTERN = /^[^\s@"<>()[\]\\,;:]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/** Passwords people pick first; a breached-password service would be the next step (not reachable offline). */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', 'password1234', 'password12345', 'passwordpassword', 'qwertyuiopas',
  'qwerty123456', '111111111111', '000000000000', 'iloveyou1234', 'letmein12345', 'welcome12345',
  'administrator', 'sectorwars2102', 'sectorwars123', 'changeme1234', 'abcdefghijkl', 'abc123456789',
  'trustno1trustno1', 'football1234', 'baseball1234', 'monkey123456', 'dragon123456', 'sunshine1234',
]);

/** The stored (comparison) form of a username: trimmed and lower-case. */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The stored (comparison) form of an e-mail address: trimmed and lower-case. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Problems with a username (already normalized or not). */
export function validateUsername(raw: unknown, path = 'username'): ValidationIssue[] {
  if (typeof raw !== 'string') return [{ path, message: 'username is required' }];
  const u = normalizeUsername(raw);
  if (!USERNAME_PATTERN.test(u)) {
    return [{ path, message: '3-30 characters: letters, digits, "_", "." or "-", starting with a letter or digit' }];
  }
  return [];
}

/** Problems with an e-mail address. */
export function validateEmail(raw: unknown, path = 'email'): ValidationIssue[] {
  if (typeof raw !== 'string' || raw.trim() === '') return [{ path, message: 'e-mail address is required' }];
  const e = normalizeEmail(raw);
  if (e.length > EMAIL_MAX_LENGTH) return [{ path, message: `at most ${EMAIL_MAX_LENGTH} characters` }];
  if (!EMAIL_PATTERN.test(e)) return [{ path, message: 'not an e-mail address' }];
  return [];
}

/**
 * Problems with a password for this username / e-mail (the ERR_WEAK_PASSWORD details). Length is counted in
 * Unicode code points, so a passphrase in any script counts what the user typed.
 */
export function validatePassword(password: unknown, context: { username?: string; email?: string } = {}, path = 'password'): ValidationIssue[] {
  if (typeof password !== 'string' || password === '') return [{ path, message: 'password is required' }];
  const issues: ValidationIssue[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) issues.push({ path, message: `at least ${PASSWORD_MIN_LENGTH} characters` });
  if (length > PASSWORD_MAX_LENGTH) issues.push({ path, message: `at most ${PASSWORD_MAX_LENGTH} characters` });
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) issues.push({ path, message: 'a well-known password' });
  if (length > 0 && new Set(password).size === 1) issues.push({ path, message: 'one repeated character' });
  const username = context.username ? normalizeUsername(context.username) : '';
  const emailLocal = context.email ? normalizeEmail(context.email).split('@')[0] ?? '' : '';
  for (const [what, value] of [['username', username], ['e-mail address', emailLocal]] as const) {
    if (value.length >= 3 && lower.includes(value)) issues.push({ path, message: `must not contain your ${what}` });
  }
  return issues;
}

export interface RegistrationInput {
  username: unknown;
  email: unknown;
  password: unknown;
}

/** Shape problems (username, e-mail) and password problems, kept apart because they map to different codes. */
export function validateRegistration(input: RegistrationInput): { shape: ValidationIssue[]; password: ValidationIssue[] } {
  const shape = [...validateUsername(input.username), ...validateEmail(input.email)];
  const password = validatePassword(input.password, {
    ...(typeof input.username === 'string' ? { username: input.username } : {}),
    ...(typeof input.email === 'string' ? { email: input.email } : {}),
  });
  return { shape, password };
}
