/**
 * terminateRegion: owner or admin sets desired_state = terminated and starts the 30-day evacuation
 * notice (evacuation_deadline_at = now + 30 d), announced to players on region.runtime.<id> and in
 * region_events. `immediate` (admin only) sets the deadline to now: archiving starts at once.
 * Idempotent: a second call keeps the original deadline unless it shortens it with immediate.
 * cancelTermination: owner or admin, only while the notice runs (else ERR_TERMINATION_NOT_PENDING).
 */
import type { Claims } from '@sw/auth';
import { recordRegionEvent, type StoreDeps } from '../store/region-events.ts';
import { findRegion, loadRegion } from '../store/region-row.ts';
import type { CommandOutcome } from './outcome.ts';
import { checkPermission } from './permissions.ts';

export const EVACUATION_NOTICE_MS = 30 * 24 * 3_600_000;

export async function terminateRegion(deps: StoreDeps, actor: Claims | null, regionRef: string, opts: { immediate?: boolean; now?: Date } = {}): Promise<CommandOutcome> {
  if (!actor) return { kind: 'unauthenticated' };
  const region = await findRegion(deps.sql, regionRef);
  if (!region || region.regionType !== 'player_owned') return { kind: 'not_found', region: regionRef };
  const denied = checkPermission(actor, opts.immediate ? 'terminate_immediately' : 'terminate', region);
  if (denied) return denied;
  if (['archiving', 'archived', 'terminated'].includes(region.runtimeState)) return { kind: 'ok', region };
  const now = opts.now ?? new Date();
  const deadline = opts.immediate ? now : (region.desiredState === 'terminated' && region.evacuationDeadlineAt) || new Date(now.getTime() + EVACUATION_NOTICE_MS);
  await recordRegionEvent(deps, region.id, {
    type: 'Normal', reason: 'TerminationRequested',
    message: opts.immediate
      ? `terminated immediately by ${actor.username}`
      : `Evacuation notice: region ${region.displayName} closes on ${deadline.toISOString()}. Move your ships and assets before then.`,
    data: { actor: actor.sub, immediate: !!opts.immediate, evacuationDeadlineAt: deadline.toISOString() },
  }, { desired_state: 'terminated', termination_requested_at: region.terminationRequestedAt ?? now, evacuation_deadline_at: deadline });
  return { kind: 'ok', region: (await loadRegion(deps.sql, region.id))! };
}

export async function cancelTermination(deps: StoreDeps, actor: Claims | null, regionRef: string): Promise<CommandOutcome> {
  if (!actor) return { kind: 'unauthenticated' };
  const region = await findRegion(deps.sql, regionRef);
  if (!region || region.regionType !== 'player_owned') return { kind: 'not_found', region: regionRef };
  const denied = checkPermission(actor, 'cancel_termination', region);
  if (denied) return denied;
  if (region.desiredState !== 'terminated' || ['archiving', 'archived', 'terminated'].includes(region.runtimeState)) {
    return { kind: 'termination_not_pending', state: region.runtimeState };
  }
  await recordRegionEvent(deps, region.id, {
    type: 'Normal', reason: 'TerminationCancelled', message: `evacuation notice withdrawn by ${actor.username}`, data: { actor: actor.sub },
  }, { desired_state: 'running', termination_requested_at: null, evacuation_deadline_at: null });
  return { kind: 'ok', region: (await loadRegion(deps.sql, region.id))! };
}
