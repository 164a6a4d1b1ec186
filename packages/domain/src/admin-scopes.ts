/**
 * Admin scopes: an admin account holds the admin role plus a list of scopes, and each admin operation names the
 * scope it needs (docs/decisions/auth.md). Accounts with admin rights are created by `pnpm accounts-cli
 * create-admin`, never by registration.
 */
export const ADMIN_SCOPES = [
  /** Generate or regenerate the Central Nexus and other galaxy content. */
  'galaxy:manage',
  /** Provision, scale, terminate and inspect any player region's runtime. */
  'fleet:manage',
  /** Read every billing subscription, and cancel one on its subscriber's behalf. */
  'billing:view',
  /** Read the audit log. */
  'audit:view',
  /** Manage accounts (revoke sessions of other users). */
  'accounts:manage',
] as const;
export type AdminScope = (typeof ADMIN_SCOPES)[number];

/** True for a known admin scope spelling. */
export function isAdminScope(value: string): value is AdminScope {
  return (ADMIN_SCOPES as readonly string[]).includes(value);
}
