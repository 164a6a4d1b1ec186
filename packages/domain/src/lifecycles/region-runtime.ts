import { DomainError } from '../errors.ts';
import { REGION_RUNTIME_STATES, type RegionRuntimeState } from '../vocabulary.ts';

/**
 * Region runtime lifecycle (docs/rules/region-status.md, docs/rules/hibernation.md): the state the reconciler observed
 * for a region's runtime stack. One line per state says when a region is in it:
 *
 * - requested: intent persisted (provision accepted), nothing created yet.
 * - provisioning: the reconciler is working through the provisioning conditions.
 * - ready: stack healthy, registered with the Nexus, routable.
 * - unhealthy: heartbeats missing or the region-server exited; a restart is under way.
 * - draining: 30-day evacuation notice running (termination requested); still serving.
 * - archiving: backup + verified restore, then stack and database removal.
 * - archived: backup done, runtime removed (tombstone with backup_uri/backup_checksum).
 * - terminated: everything removed; terminal.
 * - error: permanent failure that needs an operator.
 * - attachment_pending: world ready but the Nexus link failed 5 times; still retried on the 6 h backoff.
 * - generation_corrupt: the generated world failed validation (refund-eligible).
 * - hibernated: nobody present for the idle period; no region-server, database kept (docs/rules/hibernation.md).
 * - waking: a wake was asked for (traveller, world read, admin); the region-server is starting again.
 * - tombstoned: six months without activity; out of the active count, Nexus warp dormant, data kept on disk.
 */
export const REGION_RUNTIME_LIFECYCLE_STATES = REGION_RUNTIME_STATES;
export type { RegionRuntimeState };

/** Allowed transitions. Anything not listed is refused by {@link assertRuntimeTransition}. */
export const REGION_RUNTIME_TRANSITIONS: Readonly<Record<RegionRuntimeState, readonly RegionRuntimeState[]>> = {
  requested: ['provisioning', 'draining', 'archiving', 'terminated', 'error'],
  provisioning: ['ready', 'unhealthy', 'draining', 'archiving', 'error', 'attachment_pending', 'generation_corrupt'],
  ready: ['unhealthy', 'provisioning', 'draining', 'archiving', 'error', 'hibernated'],
  unhealthy: ['ready', 'provisioning', 'draining', 'archiving', 'error'],
  draining: ['ready', 'unhealthy', 'archiving', 'error'],
  archiving: ['archived', 'terminated', 'error'],
  archived: ['terminated', 'provisioning'],
  terminated: [],
  error: ['provisioning', 'draining', 'archiving', 'terminated'],
  attachment_pending: ['provisioning', 'ready', 'unhealthy', 'draining', 'archiving', 'error'],
  generation_corrupt: ['provisioning', 'archiving', 'terminated'],
  hibernated: ['waking', 'tombstoned', 'draining', 'archiving', 'error'],
  waking: ['ready', 'unhealthy', 'hibernated', 'tombstoned', 'draining', 'archiving', 'error'],
  tombstoned: ['waking', 'draining', 'archiving', 'error'],
};

/** True when `from → to` is an allowed transition (staying in the same state is not a transition). */
export function canTransitionRuntime(from: RegionRuntimeState, to: RegionRuntimeState): boolean {
  return REGION_RUNTIME_TRANSITIONS[from].includes(to);
}

/** Throws ERR_INVALID_TRANSITION unless `from → to` is allowed; called before every state write. */
export function assertRuntimeTransition(from: RegionRuntimeState, to: RegionRuntimeState): void {
  if (!canTransitionRuntime(from, to)) {
    throw new DomainError('ERR_INVALID_TRANSITION', `region runtime cannot move from ${from} to ${to}`, { from, to });
  }
}

/** True for a known runtime state string (rows read from the database, CLI input). */
export function isRegionRuntimeState(value: string): value is RegionRuntimeState {
  return (REGION_RUNTIME_STATES as readonly string[]).includes(value);
}

/** Before the region first became ready: the provisioning pipeline still owns it. */
export function isBeforeReady(s: RegionRuntimeState): boolean {
  return s === 'requested' || s === 'provisioning';
}

/** The region-server should be running (health checks and autoscaling apply). */
export function isRuntimeLive(s: RegionRuntimeState): boolean {
  return s === 'ready' || s === 'unhealthy' || s === 'draining' || s === 'attachment_pending';
}

/** Counts toward the fleet's live regions (soft target 50): a region-server runs or is being set up. */
export function countsAsLiveRegion(s: RegionRuntimeState): boolean {
  return s === 'ready' || s === 'unhealthy' || s === 'draining' || s === 'attachment_pending' || s === 'provisioning';
}

/** Termination under way (notice, backup or cleanup). */
export function isBeingDeleted(s: RegionRuntimeState): boolean {
  return s === 'draining' || s === 'archiving';
}

/** No further automatic work: the runtime is gone. */
export function isRuntimeGone(s: RegionRuntimeState): boolean {
  return s === 'archived' || s === 'terminated';
}

/** Needs an operator (or, for attachment_pending, the long backoff) before it can progress. */
export function needsOperator(s: RegionRuntimeState): boolean {
  return s === 'error' || s === 'generation_corrupt' || s === 'attachment_pending';
}

/** The region-server is stopped on purpose and comes back on demand (docs/rules/hibernation.md). */
export function isDormant(s: RegionRuntimeState): boolean {
  return s === 'hibernated' || s === 'tombstoned';
}

/**
 * Counts toward the regions this box holds (capacity for new regions): every region that is not tombstoned and not
 * gone. A hibernated region holds its place (it wakes in seconds); a tombstoned one gives it up.
 */
export function countsAsActiveRegion(s: RegionRuntimeState): boolean {
  return s !== 'tombstoned' && !isRuntimeGone(s);
}
