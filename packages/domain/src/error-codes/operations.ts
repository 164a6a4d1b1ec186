/** Error codes of hibernation, archival, backups and the webhook inbox; part of ERROR_STATUS (errors.ts). */
export const OPERATIONS_ERROR_STATUS = {
  /** The owner may not change a region that billing holds (suspended, grace, terminated); an admin may. */
  ERR_REGION_SUSPENDED: 409,
  /** The owner may only withdraw a termination they started; one started by billing or an admin stands. */
  ERR_TERMINATION_NOT_OWNERS: 403,
  /** A region-server call without the region's service token (hub → region-server authentication). */
  ERR_REGION_SERVER_UNAUTHORIZED: 401,
  /** No backup of that region (or no backup with that id). */
  ERR_BACKUP_NOT_FOUND: 404,
  /** A backup whose dump no longer matches the sha256 in its manifest; nothing was restored. */
  ERR_BACKUP_CORRUPT: 422,
  /** The region was hibernated or tombstoned and is starting again: retry shortly (the answer carries the state). */
  ERR_REGION_WAKING: 503,
  /** Hibernate asked of a region that is not ready and running (docs/rules/hibernation.md). */
  ERR_REGION_NOT_HIBERNATABLE: 409,
  /** Wake / resurrect asked of a region whose runtime is gone or broken (archived, terminated, error...). */
  ERR_REGION_NOT_WAKEABLE: 409,
  /** An operator's wake asked of a region that is not dormant (ready, draining, provisioning...): nothing to wake. */
  ERR_REGION_NOT_DORMANT: 409,
  /** Prometheus (the fleet charts' source) is not configured, not answering, or refused the query. */
  ERR_METRICS_UNAVAILABLE: 503,
} as const;
