/** Error codes of region configuration, discovery and regional stats; part of ERROR_STATUS (errors.ts). Rules: docs/rules/region-config.md. */
export const REGION_CONFIG_ERROR_STATUS = {
  /** The change is invalid; `details.issues` lists every problem as {path, message}. Nothing was written. */
  ERR_CONFIG_INVALID: 400,
  /** expectedVersion is not the region's current configuration version (someone changed it first). */
  ERR_VERSION_CONFLICT: 409,
  /** The change would not alter anything (no new version is written). */
  ERR_CONFIG_NO_CHANGE: 409,
  /** Under this governance type the change happens only through a passed policy; `details` says who decides. */
  ERR_POLICY_REQUIRED: 403,
  /** The caller holds no office that may change (or propose) these settings. */
  ERR_SETTING_CHANGE_DENIED: 403,
  /** A search cursor that this server did not issue, or for another sort. */
  ERR_INVALID_CURSOR: 400,
} as const;
export type RegionConfigErrorCode = keyof typeof REGION_CONFIG_ERROR_STATUS;
