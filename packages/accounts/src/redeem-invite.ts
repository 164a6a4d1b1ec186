import { createHash } from 'node:crypto';
import { and, eq, gte, sql } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import {
  INVITE_CITIZEN_VOTING_POWER,
  inviteRedemptionRefusal,
  redemptionWindowStart,
  statusAfterRedemption,
  type RedemptionRefusal,
} from '@sw/domain';

type Tx = Parameters<Parameters<HubDb['transaction']>[0]>[0];
const { regionInvites, regionInviteRedemptions, regions, players, regionalMemberships } = hub;

/** Where a new player starts. */
export interface Placement {
  regionId: string;
  regionName: string;
  sectorNumber: number | null;
  startingCredits: number;
}

export type RedeemOutcome = { ok: true; placement: Placement } | { ok: false; notice: RedemptionRefusal };

/** Hash of the sign-up address kept with a redemption (never the address itself). */
export function hashAddress(address: string | null): string | null {
  return address ? createHash('sha256').update(`sw-invite-address:${address}`).digest('hex') : null;
}

/**
 * Redeems an invite code for a player created in this same transaction (docs/rules/invites.md): locks the invite
 * row first, serializes the minting owner's redemptions (advisory lock) so the weekly limit holds under concurrent
 * sign-ups, checks the rule, then makes the player a citizen (voting power 1.5) placed at the region's capital
 * with the region's starting credits, counts the use and records the redemption. A refusal changes nothing.
 */
export async function redeemInviteInTx(
  tx: Tx,
  input: { code: string; playerId: string; address: string | null; now: Date },
): Promise<RedeemOutcome> {
  const [invite] = await tx.select().from(regionInvites).where(eq(regionInvites.code, input.code)).for('update');
  if (invite?.createdBy) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`invite-owner:${invite.createdBy}`}))`);
  }
  const [region] = invite
    ? await tx
        .select({ id: regions.id, name: regions.name, ownerId: regions.ownerId, status: regions.status, capital: regions.capitalSectorNumber, startingCredits: regions.startingCredits })
        .from(regions)
        .where(eq(regions.id, invite.regionId))
    : [];
  let ownerRedemptions = 0;
  if (invite?.createdBy) {
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(regionInviteRedemptions)
      .innerJoin(regionInvites, eq(regionInvites.id, regionInviteRedemptions.inviteId))
      .where(and(eq(regionInvites.createdBy, invite.createdBy), gte(regionInviteRedemptions.redeemedAt, redemptionWindowStart(input.now))));
    ownerRedemptions = count?.n ?? 0;
  }
  const refusal = inviteRedemptionRefusal({
    invite: invite
      ? { status: invite.status as 'active', uses: invite.uses, maxUses: invite.maxUses, expiresAt: invite.expiresAt, createdBy: invite.createdBy }
      : null,
    region: region ? { ownerId: region.ownerId, status: region.status, capitalSectorNumber: region.capital } : null,
    ownerRedemptionsInWindow: ownerRedemptions,
    now: input.now,
  });
  if (refusal || !invite || !region) return { ok: false, notice: refusal ?? { code: 'ERR_INVITE_INVALID', message: 'no invite has this code' } };

  const placement: Placement = { regionId: region.id, regionName: region.name, sectorNumber: region.capital, startingCredits: region.startingCredits };
  await tx
    .update(players)
    .set({ homeRegionId: region.id, currentRegionId: region.id, currentSectorNumber: region.capital, credits: region.startingCredits })
    .where(eq(players.id, input.playerId));
  await tx
    .insert(regionalMemberships)
    .values({ playerId: input.playerId, regionId: region.id, membershipType: 'citizen', votingPower: INVITE_CITIZEN_VOTING_POWER, joinedAt: input.now, lastVisit: input.now, totalVisits: 1 });
  await tx
    .update(regionInvites)
    .set({ uses: invite.uses + 1, status: statusAfterRedemption(invite) })
    .where(eq(regionInvites.id, invite.id));
  await tx
    .insert(regionInviteRedemptions)
    .values({ inviteId: invite.id, redeemedByPlayerId: input.playerId, redeemedAt: input.now, ipHash: hashAddress(input.address) });
  return { ok: true, placement };
}
