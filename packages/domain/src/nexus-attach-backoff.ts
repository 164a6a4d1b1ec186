/**
 * Nexus attach retry rule (the provisioning step that links a new region to the Central Nexus): after each failed attempt wait 1 s, 5 s, 30 s, 5 min,
 * 30 min, then every 6 h; after 5 failed attempts the region is `attachment_pending` (ops alert) but
 * retries continue on the 6 h step. The idempotency key of attempt n is `${regionId}:${n}`.
 */
export const NEXUS_ATTACH_BACKOFF_MS = [1_000, 5_000, 30_000, 5 * 60_000, 30 * 60_000, 6 * 60 * 60_000] as const;
export const NEXUS_ATTACH_MAX_FAILURES = 5;

export interface NexusAttachRetry {
  delayMs: number;
  nextRetryAt: Date;
  /** True once `failedAttempts` reached NEXUS_ATTACH_MAX_FAILURES. */
  attachmentPending: boolean;
}

/** When to retry after `failedAttempts` (≥1) failures, counted from `now`. */
export function nextNexusAttachRetry(failedAttempts: number, now: Date): NexusAttachRetry {
  const n = Math.max(1, Math.floor(failedAttempts));
  const delayMs = NEXUS_ATTACH_BACKOFF_MS[Math.min(n - 1, NEXUS_ATTACH_BACKOFF_MS.length - 1)]!;
  return { delayMs, nextRetryAt: new Date(now.getTime() + delayMs), attachmentPending: n >= NEXUS_ATTACH_MAX_FAILURES };
}

/** The idempotency key stored on the spoke warp_tunnels row (unique, insert ON CONFLICT DO NOTHING). */
export function nexusAttachIdempotencyKey(regionId: string, attempt: number): string {
  return `${regionId}:${attempt}`;
}
