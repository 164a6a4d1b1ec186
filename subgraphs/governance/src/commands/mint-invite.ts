/**
 * mintInvite: the owner of a region mints a citizenship invite code (docs/rules/invites.md). Outcomes: ok |
 * unauthenticated | not_owner (also for a region that does not exist: existence is not revealed) | invalid (every
 * problem of maxUses / expiresAt) | limit_reached (10 active invites per owner per region). Guards first, then one
 * transaction that locks the region row (so two concurrent mints cannot both pass the count) and writes the
 * invite and its audit row. Every refusal is audited too.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { insertAudit } from '@sw/audit';
import { hub, type HubDb } from '@sw/db';
import { INVITE_MAX_ACTIVE_PER_OWNER_REGION, canMintAnotherInvite, isUuid, validateMintInvite } from '@sw/domain';
import { inviteFailureCode, type InviteFailure, type InviteOutcome } from './invite-outcome.ts';

const { regions, regionInvites } = hub;

export interface MintInviteInput {
  regionId: string;
  maxUses?: number | null;
  expiresAt?: string | null;
}

/** 16 random bytes, URL-safe (22 characters). */
export function newInviteCode(): string {
  return randomBytes(16).toString('base64url');
}

export async function mintInvite(
  deps: { db: HubDb; now?: () => Date; requestId?: string },
  actor: Claims | null,
  input: MintInviteInput,
): Promise<InviteOutcome> {
  const now = deps.now?.() ?? new Date();
  const audit = (f: InviteFailure) =>
    insertAudit(deps.db, {
      actor,
      action: 'governance.mintInvite',
      targetType: 'region',
      targetId: input.regionId,
      regionId: input.regionId,
      result: f.kind === 'unauthenticated' || f.kind === 'not_owner' ? 'denied' : 'failed',
      errorCode: inviteFailureCode(f),
      requestId: deps.requestId ?? null,
    }).then(() => f);
  if (!actor?.playerId) return actor ? audit({ kind: 'not_owner' }) : { kind: 'unauthenticated' };
  if (!isUuid(input.regionId)) return audit({ kind: 'not_owner' });
  const checked = validateMintInvite({ maxUses: input.maxUses ?? null, expiresAt: input.expiresAt ?? null }, now);

  const outcome = await deps.db.transaction(async (tx): Promise<InviteOutcome> => {
    const [region] = await tx.select({ ownerId: regions.ownerId }).from(regions).where(eq(regions.id, input.regionId)).for('update');
    if (!region || region.ownerId !== actor.playerId) return { kind: 'not_owner' };
    if (!checked.ok) return { kind: 'invalid', issues: checked.issues };
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(regionInvites)
      .where(
        and(
          eq(regionInvites.regionId, input.regionId),
          eq(regionInvites.createdBy, actor.playerId!),
          eq(regionInvites.status, 'active'),
          lt(regionInvites.uses, regionInvites.maxUses),
          gt(regionInvites.expiresAt, now),
        ),
      );
    const active = count?.n ?? 0;
    if (!canMintAnotherInvite(active)) return { kind: 'limit_reached', active, limit: INVITE_MAX_ACTIVE_PER_OWNER_REGION };
    const [invite] = await tx
      .insert(regionInvites)
      .values({
        code: newInviteCode(),
        regionId: input.regionId,
        createdBy: actor.playerId!,
        maxUses: checked.maxUses,
        expiresAt: checked.expiresAt,
        status: 'active',
        createdAt: now,
      })
      .returning();
    await insertAudit(tx, {
      actor,
      action: 'governance.mintInvite',
      targetType: 'invite',
      targetId: invite!.id,
      regionId: input.regionId,
      result: 'ok',
      details: { maxUses: checked.maxUses, expiresAt: checked.expiresAt.toISOString() },
      requestId: deps.requestId ?? null,
    });
    return { kind: 'ok', invite: invite! };
  });
  return outcome.kind === 'ok' ? outcome : audit(outcome);
}
