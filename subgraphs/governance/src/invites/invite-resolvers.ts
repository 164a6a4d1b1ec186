/**
 * GraphQL resolvers of invites (schema.graphql "Invites"): the two mutations call the commands and translate the
 * outcome; `Region.invites` is the owner's (or an admin's) list. Spread into governanceResolvers.
 */
import { and, desc, eq } from 'drizzle-orm';
import { hub } from '@sw/db';
import { DomainError, INVITE_STATUSES, effectiveInviteStatus, toDbEnum, toGraphqlEnum, type InviteStatus } from '@sw/domain';
import type { GovernanceContext } from '../governance-context.ts';
import { mintInvite } from '../commands/mint-invite.ts';
import { revokeInvite } from '../commands/revoke-invite.ts';
import { unwrapInvite, type InviteRow } from '../commands/invite-outcome.ts';
import { playerRef, regionRef } from '../map-governance.ts';
import { canListInvites } from '../permissions.ts';

/** GraphQL RegionInvite; the status is the effective one (an active invite past its expiry reads EXPIRED). */
export function mapInvite(row: InviteRow, now: Date = new Date()) {
  return {
    id: row.id,
    code: row.code,
    region: regionRef(row.regionId),
    createdBy: playerRef(row.createdBy),
    maxUses: row.maxUses,
    uses: row.uses,
    status: toGraphqlEnum(effectiveInviteStatus({ ...row, status: row.status as InviteStatus }, now)),
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
  };
}

export const inviteResolvers = {
  Mutation: {
    async mintInvite(_: unknown, args: { regionId: string; maxUses?: number | null; expiresAt?: string | null }, ctx: GovernanceContext) {
      return mapInvite(unwrapInvite(await mintInvite({ db: ctx.db, requestId: ctx.requestId }, ctx.claims, args)));
    },
    async revokeInvite(_: unknown, args: { inviteId: string }, ctx: GovernanceContext) {
      return mapInvite(unwrapInvite(await revokeInvite({ db: ctx.db, requestId: ctx.requestId }, ctx.claims, args.inviteId)));
    },
  },
  Region: {
    async invites(region: { id: string }, args: { status?: string | null }, ctx: GovernanceContext) {
      const owner = await ctx.loaders.regionOwner.load(region.id);
      if (!canListInvites(ctx.claims, owner ?? { ownerId: null })) {
        throw new DomainError('ERR_NOT_REGION_OWNER', 'only the region owner or an admin may list its invites');
      }
      const wanted = args.status ? toDbEnum(args.status, INVITE_STATUSES, 'status') : null;
      const rows = await ctx.db
        .select()
        .from(hub.regionInvites)
        .where(and(eq(hub.regionInvites.regionId, region.id)))
        .orderBy(desc(hub.regionInvites.createdAt))
        .limit(200);
      const now = new Date();
      return rows.map((r) => mapInvite(r, now)).filter((i) => wanted === null || i.status === toGraphqlEnum(wanted));
    },
  },
};
