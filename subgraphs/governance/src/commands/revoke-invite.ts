/**
 * revokeInvite: the region owner revokes one of its invites (docs/rules/invites.md). Idempotent: an invite that is
 * already revoked, used up or expired is answered unchanged. Outcomes: ok | unauthenticated | not_found (no such
 * invite) | not_owner (the caller does not own the invite's region). One transaction locks the invite row.
 */
import { eq } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { insertAudit } from '@sw/audit';
import { hub, type HubDb } from '@sw/db';
import { effectiveInviteStatus, isUuid, type InviteStatus } from '@sw/domain';
import { inviteFailureCode, type InviteOutcome } from './invite-outcome.ts';

const { regions, regionInvites } = hub;

export async function revokeInvite(
  deps: { db: HubDb; now?: () => Date; requestId?: string },
  actor: Claims | null,
  inviteId: string,
): Promise<InviteOutcome> {
  if (!actor) return { kind: 'unauthenticated' };
  if (!isUuid(inviteId)) return { kind: 'not_found', inviteId };
  const now = deps.now?.() ?? new Date();
  const outcome = await deps.db.transaction(async (tx): Promise<InviteOutcome & { regionId?: string; changed?: boolean }> => {
    const [row] = await tx
      .select({ invite: regionInvites, ownerId: regions.ownerId })
      .from(regionInvites)
      .innerJoin(regions, eq(regions.id, regionInvites.regionId))
      .where(eq(regionInvites.id, inviteId))
      .for('update', { of: regionInvites });
    if (!row) return { kind: 'not_found', inviteId };
    if (!actor.playerId || row.ownerId !== actor.playerId) return { kind: 'not_owner', regionId: row.invite.regionId };
    const status = effectiveInviteStatus({ ...row.invite, status: row.invite.status as InviteStatus }, now);
    if (status !== 'active') return { kind: 'ok', invite: row.invite, regionId: row.invite.regionId, changed: false };
    const [revoked] = await tx
      .update(regionInvites)
      .set({ status: 'revoked', revokedAt: now })
      .where(eq(regionInvites.id, inviteId))
      .returning();
    await insertAudit(tx, {
      actor,
      action: 'governance.revokeInvite',
      targetType: 'invite',
      targetId: inviteId,
      regionId: row.invite.regionId,
      result: 'ok',
      requestId: deps.requestId ?? null,
    });
    return { kind: 'ok', invite: revoked!, regionId: row.invite.regionId, changed: true };
  });
  if (outcome.kind !== 'ok') {
    await insertAudit(deps.db, {
      actor,
      action: 'governance.revokeInvite',
      targetType: 'invite',
      targetId: inviteId,
      regionId: outcome.regionId ?? null,
      result: outcome.kind === 'not_owner' ? 'denied' : 'failed',
      errorCode: inviteFailureCode(outcome),
      requestId: deps.requestId ?? null,
    });
  }
  return outcome;
}
