import { DomainError } from './errors.ts';

/**
 * GraphQL enum values are the upper-case spelling of the lower-case strings stored in Postgres
 * (`player_owned` ⇄ `PLAYER_OWNED`, `voting` ⇄ `VOTING`). Every subgraph converts with these two helpers.
 */

/** Database string → GraphQL enum value; null stays null. */
export function toGraphqlEnum(dbValue: string | null | undefined): string | null {
  return dbValue == null ? null : dbValue.toUpperCase();
}

/**
 * GraphQL enum value → database string, checked against the closed list of database values.
 * Throws DomainError ERR_VALIDATION for a value outside the list.
 */
export function toDbEnum<T extends string>(graphqlValue: string, allowed: readonly T[], field: string): T {
  const lower = graphqlValue.toLowerCase();
  if (!(allowed as readonly string[]).includes(lower)) {
    throw new DomainError('ERR_VALIDATION', `${field} must be one of ${allowed.map((v) => v.toUpperCase()).join(', ')}`, {
      field,
    });
  }
  return lower as T;
}
