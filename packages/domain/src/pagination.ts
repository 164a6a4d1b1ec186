import type { ValidationIssue } from './errors.ts';

/** Default and hard limits of offset pagination in list fields (`first` 1..max, `offset` >= 0). */
export const PAGE_LIMITS = { defaultFirst: 50, maxFirst: 200 } as const;

/**
 * Checks a `first`/`offset` page request before it reaches SQL. Returns every problem (empty = valid);
 * callers turn a non-empty list into ERR_VALIDATION. `offset` may be omitted (treated as 0).
 */
export function validatePage(
  first: number,
  offset: number | null | undefined,
  maxFirst: number = PAGE_LIMITS.maxFirst,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!Number.isInteger(first) || first < 1 || first > maxFirst) {
    issues.push({ path: 'first', message: `first must be an integer between 1 and ${maxFirst}` });
  }
  if (offset != null && (!Number.isInteger(offset) || offset < 0)) {
    issues.push({ path: 'offset', message: 'offset must be an integer >= 0' });
  }
  return issues;
}
