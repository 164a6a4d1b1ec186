import type { ValidationIssue } from './errors.ts';
import { REGION_NAME_PATTERN } from './vocabulary.ts';

/**
 * The ONE region-name validator (docs/rules/original-defects.md #3). Every path that names a region (subscription
 * create, name availability, admin provisioning) calls it, and the DB CHECK `regions_name_slug` uses the
 * same REGION_NAME_PATTERN. Case-insensitive uniqueness is the caller's job (index uq_regions_name_lower).
 */
export const REGION_NAME_MIN_LENGTH = 3;
export const REGION_NAME_MAX_LENGTH = 50;

/**
 * Reserved names: the union of the original's three lists (PayPal create route, available-names route
 * and the region-manager provision validation) plus the platform regions' slugs.
 */
export const RESERVED_REGION_NAMES: readonly string[] = [
  'admin',
  'administrator',
  'api',
  'app',
  'central',
  'central-nexus',
  'central_nexus',
  'default',
  'ftp',
  'galactic',
  'help',
  'mail',
  'moderator',
  'nexus',
  'official',
  'platform',
  'production',
  'root',
  'staff',
  'staging',
  'support',
  'system',
  'terran',
  'terran-space',
  'terran_space',
  'test',
  'www',
];

const RESERVED = new Set(RESERVED_REGION_NAMES);
const SLUG = new RegExp(REGION_NAME_PATTERN);

export type RegionNameCheck =
  | { ok: true; slug: string; displayName: string; issues: [] }
  | { ok: false; slug: string; issues: ValidationIssue[] };

/**
 * Validates a requested region name. The slug is the trimmed, lower-cased input; it must be 3–50 chars
 * of [a-z0-9_-], not start or end with '-' / '_', and not be reserved. Returns every problem found.
 */
export function validateRegionName(name: unknown, path = 'regionName'): RegionNameCheck {
  const slug = typeof name === 'string' ? name.trim().toLowerCase() : '';
  const issues: ValidationIssue[] = [];
  if (typeof name !== 'string') {
    issues.push({ path, message: 'region name must be a string' });
    return { ok: false, slug, issues };
  }
  if (slug.length < REGION_NAME_MIN_LENGTH || slug.length > REGION_NAME_MAX_LENGTH) {
    issues.push({ path, message: `region name must be ${REGION_NAME_MIN_LENGTH}-${REGION_NAME_MAX_LENGTH} characters` });
  }
  if (!/^[a-z0-9_-]*$/.test(slug)) {
    issues.push({ path, message: 'region name may contain only letters, digits, "_" and "-"' });
  }
  if (/^[-_]|[-_]$/.test(slug)) {
    issues.push({ path, message: 'region name must start and end with a letter or digit' });
  }
  if (RESERVED.has(slug)) issues.push({ path, message: `region name "${slug}" is reserved` });
  // Belt and braces: whatever passes here must pass the DB CHECK regions_name_slug.
  if (issues.length === 0 && !SLUG.test(slug)) issues.push({ path, message: 'region name is not a valid slug' });
  if (issues.length) return { ok: false, slug, issues };
  return { ok: true, slug, displayName: regionDisplayName(slug), issues: [] };
}

/** User-facing spelling of a slug: '_' and '-' become spaces, words title-cased. */
export function regionDisplayName(slug: string): string {
  return slug
    .split(/[-_]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(' ');
}
