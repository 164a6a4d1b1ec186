import { DomainError } from './errors.ts';

/**
 * UUID syntax check used before an id reaches SQL: a malformed id is a caller error (ERR_VALIDATION),
 * never a database error. Accepts any RFC 4122 layout (v1–v8) in either case.
 */
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a syntactically valid UUID string. */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** Returns `value` when it is a uuid; throws DomainError ERR_VALIDATION naming `field` otherwise. */
export function assertUuid(value: unknown, field: string): string {
  if (!isUuid(value)) throw new DomainError('ERR_VALIDATION', `${field} must be a uuid`, { field });
  return value;
}
