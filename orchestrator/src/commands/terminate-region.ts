/**
 * terminateRegion: owner or admin sets desired_state = terminated and starts the 30-day evacuation
 * notice (evacuation_deadline_at = now + 30 d), announced to players on region.runtime.<id> and in
 * region_events. `immediate` (admin only) sets the deadline to now: archiving starts at once.
 * Idempotent: a second call keeps the original deadline unless it shortens it with immediate.
 * The termination remembers who started it (termination_origin: owner / admin; the billing sweep writes
 * billing).
 * cancelTermination: owner or admin, only while the notice runs (else ERR_TERMINATION_NOT_PENDING); an
 * owner only withdraws a termination they started (else ERR_TERMINATION_NOT_OWNERS).
 * Both decide on the row read under its lock (decideRegionChange).
 */
import type { AuditInTransaction } from '@sw/audit';
import type { Claims } from '@sw/auth';
import { mayCancelTermination, type TerminationOrigin } from '@sw/domain';
import { decideRegionChange, type StoreDeps } from '../store/region-events.ts';
import { findRegion } from '../store/region-row.ts';
import { auditIn, type CommandFailure, type CommandOutcome } from './outcome.ts';
import { actsAsFleetAdmin, checkPermission } from './permissions.ts';

export const EVACUATION_NOTICE_MS = 30 * 24 * 3_600_000;
const PAST_NOTICE = ['archiving', 'archived', 'terminated'];

/** `opts.audit` writes the ok audit row in the transaction that applies the change (@sw/audit `audited`). */
export async function terminateRegion(
  deps: StoreDeps,
  actor: Claims | null,
  regionRef: string,
  opts: { immediate?: boolean; now?: Date; audit?: AuditInTransaction } = {},
): Promise<CommandOutcome> {
  if (!actor) return { kind: 'unauthenticated' };
  const region = await findRegion(deps.sql, regionRef);
  if (!region || region.regionType !== 'player_owned') return { kind: 'not_found', region: regionRef };
  const denied = checkPermission(actor, opts.immediate ? 'terminate_immediately' : 'terminate', region);
  if (denied) return denied;
  const now = opts.now ?? new Date();
  const origin: TerminationOrigin = actsAsFleetAdmin(actor) ? 'admin' : 'owner';
  const out = await decideRegionChange<'past_notice'>(deps, region.id, (cur) => {
    if (PAST_NOTICE.includes(cur.runtimeState)) return { refuse: 'past_notice' };
    const already = cur.desiredState === 'terminated';
    const deadline = opts.immediate ? now : (already && cur.evacuationDeadlineAt) || new Date(now.getTime() + EVACUATION_NOTICE_MS);
    return {
      apply: {
        event: {
          type: 'Normal', reason: 'TerminationRequested',
          message: opts.immediate
            ? `terminated immediately by ${actor.username}`
            : `Evacuation notice: region ${cur.displayName} closes on ${deadline.toISOString()}. Move your ships and assets before then.`,
          data: { actor: actor.sub, immediate: !!opts.immediate, evacuationDeadlineAt: deadline.toISOString(), origin },
        },
        // A repeated request keeps the first origin unless an admin takes the termination over.
        patch: {
          desired_state: 'terminated',
          termination_requested_at: cur.terminationRequestedAt ?? now,
          evacuation_deadline_at: deadline,
          termination_origin: already && cur.terminationOrigin && origin === 'owner' ? cur.terminationOrigin : origin,
        },
      },
    };
  }, auditIn(opts.audit, region.id));
  if (out.kind === 'missing') return { kind: 'not_found', region: regionRef };
  if (out.kind === 'refused') return { kind: 'ok', region: (await findRegion(deps.sql, region.id))! };
  return { kind: 'ok', region: out.region };
}

export async function cancelTermination(deps: StoreDeps, actor: Claims | null, regionRef: string, opts: { audit?: AuditInTransaction } = {}): Promise<CommandOutcome> {
  if (!actor) return { kind: 'unauthenticated' };
  const region = await findRegion(deps.sql, regionRef);
  if (!region || region.regionType !== 'player_owned') return { kind: 'not_found', region: regionRef };
  const denied = checkPermission(actor, 'cancel_termination', region);
  if (denied) return denied;
  const out = await decideRegionChange<CommandFailure>(deps, region.id, (cur) => {
    if (cur.desiredState !== 'terminated' || PAST_NOTICE.includes(cur.runtimeState)) return { refuse: { kind: 'termination_not_pending', state: cur.runtimeState } };
    if (!mayCancelTermination({ isAdmin: actsAsFleetAdmin(actor) }, cur.terminationOrigin)) return { refuse: { kind: 'termination_not_owners', origin: cur.terminationOrigin } };
    return {
      apply: {
        event: { type: 'Normal', reason: 'TerminationCancelled', message: `evacuation notice withdrawn by ${actor.username}`, data: { actor: actor.sub, origin: cur.terminationOrigin } },
        patch: { desired_state: 'running', termination_requested_at: null, evacuation_deadline_at: null, termination_origin: null },
      },
    };
  }, auditIn(opts.audit, region.id));
  if (out.kind === 'missing') return { kind: 'not_found', region: regionRef };
  return out.kind === 'refused' ? out.refusal : { kind: 'ok', region: out.region };
}
