import { DomainError, PAGE_LIMITS, REGION_STATUSES, REGION_TYPES, assertUuid, isUuid, isWakingForTravel, toDbEnum, validatePage } from '@sw/domain';
import { requestRegionWakeDb } from '@sw/db';
import { requireAuth } from '@sw/service-kit';
import { JSONScalar } from './json-scalar.ts';
import { mapRegion, toNumber, type RegionModel } from './map-region.ts';
import { canViewPlayerPrivate, isRegionOwner } from './permissions.ts';
import { auditLog } from './audit-log.ts';
import type { RegionContext } from './region-context.ts';
import { listRegions, regionByName, userWithPlayer, type MembershipRow, type PlayerRow, type RegionListFilter } from './region-queries.ts';
import { configResolvers } from './config-resolvers.ts';
import { travelResolvers } from './travel-resolvers.ts';

interface RegionsArgs {
  filter?: { regionType?: string | null; status?: string | null; ownerId?: string | null } | null;
  first?: number | null;
  offset?: number | null;
}

/** Converts the GraphQL RegionFilter (upper-case enums) into the database filter, validating ids. */
export function toRegionListFilter(filter: RegionsArgs['filter']): RegionListFilter {
  const out: RegionListFilter = {};
  if (filter?.regionType) out.regionType = toDbEnum(filter.regionType, REGION_TYPES, 'filter.regionType');
  if (filter?.status) out.status = toDbEnum(filter.status, REGION_STATUSES, 'filter.status');
  if (filter?.ownerId) out.ownerId = assertUuid(filter.ownerId, 'filter.ownerId');
  return out;
}

async function loadPlayer(ctx: RegionContext, id: string | null): Promise<PlayerRow | null> {
  return id ? ctx.loaders.player.load(id) : null;
}

async function loadRegion(ctx: RegionContext, id: string | null): Promise<RegionModel | null> {
  return id ? ctx.loaders.region.load(id) : null;
}

/** Resolver map of the Region subgraph (schema.graphql is the contract). */
export const regionResolvers = {
  JSON: JSONScalar,
  Mutation: { ...configResolvers.Mutation, ...travelResolvers.Mutation },
  Subscription: travelResolvers.Subscription,
  ConfigVersion: configResolvers.ConfigVersion,
  RegionProfile: configResolvers.RegionProfile,
  GovernanceSummary: configResolvers.GovernanceSummary,
  Journey: travelResolvers.Journey,
  JourneyPosition: travelResolvers.JourneyPosition,
  TravelEvent: travelResolvers.TravelEvent,
  Query: {
    ...configResolvers.Query,
    ...travelResolvers.Query,
    auditLog,
    async regions(_: unknown, args: RegionsArgs, ctx: RegionContext): Promise<RegionModel[]> {
      const first = args.first ?? PAGE_LIMITS.defaultFirst;
      const offset = args.offset ?? 0;
      const issues = validatePage(first, offset);
      if (issues.length) throw new DomainError('ERR_VALIDATION', issues.map((i) => i.message).join('; '), { issues });
      const rows = await listRegions(ctx.db, toRegionListFilter(args.filter), first, offset);
      return rows.map((row) => {
        const region = mapRegion(row);
        ctx.loaders.region.prime(region.id, region);
        return region;
      });
    },
    async region(_: unknown, args: { id: string }, ctx: RegionContext): Promise<RegionModel> {
      const region = await ctx.loaders.region.load(assertUuid(args.id, 'id'));
      if (!region) throw new DomainError('ERR_REGION_NOT_FOUND', `region ${args.id} not found`);
      return region;
    },
    async regionByName(_: unknown, args: { name: string }, ctx: RegionContext): Promise<RegionModel> {
      const row = await regionByName(ctx.db, args.name);
      if (!row) throw new DomainError('ERR_REGION_NOT_FOUND', `region "${args.name}" not found`);
      return mapRegion(row);
    },
    async me(_: unknown, __: unknown, ctx: RegionContext) {
      const claims = requireAuth(ctx);
      const found = isUuid(claims.sub) ? await userWithPlayer(ctx.db, claims.sub) : undefined;
      if (!found) throw new DomainError('ERR_UNKNOWN_USER', 'the signed-in user no longer exists');
      if (found.player) ctx.loaders.player.prime(found.player.id, found.player);
      return { userId: found.user.id, username: found.user.username, roles: found.user.roles, player: found.player };
    },
    async player(_: unknown, args: { id: string }, ctx: RegionContext): Promise<PlayerRow> {
      const player = await ctx.loaders.player.load(assertUuid(args.id, 'id'));
      if (!player) throw new DomainError('ERR_NOT_FOUND', `player ${args.id} not found`);
      return player;
    },
  },
  Region: {
    __resolveReference(ref: { id: string }, ctx: RegionContext): Promise<RegionModel | null> | null {
      return isUuid(ref.id) ? ctx.loaders.region.load(ref.id) : null;
    },
    owner: (r: RegionModel, _: unknown, ctx: RegionContext) => loadPlayer(ctx, r.ownerId),
    governor: (r: RegionModel, _: unknown, ctx: RegionContext) => loadPlayer(ctx, r.governorId),
    ambassador: (r: RegionModel, _: unknown, ctx: RegionContext) => loadPlayer(ctx, r.ambassadorId),
    counts: (r: RegionModel, _: unknown, ctx: RegionContext) => ctx.loaders.counts.load(r.id),
    world: async (r: RegionModel, _: unknown, ctx: RegionContext) => {
      // A hibernated / tombstoned region has no region-server: ask for the wake, answer WAKING; the next ask gets the
      // world (docs/rules/hibernation.md).
      if (isWakingForTravel(r.db.runtimeState, r.db.desiredState)) {
        await requestRegionWakeDb(ctx.db, r.id);
        throw new DomainError('ERR_REGION_WAKING', `region ${r.name} is waking up (it was hibernating): ask again in a few seconds`, { state: r.db.runtimeState });
      }
      return ctx.worldStats.get(r.id, r.runtimeEndpoint);
    },
    viewerIsOwner: (r: RegionModel, _: unknown, ctx: RegionContext) => isRegionOwner(ctx.claims, r),
    ...configResolvers.Region,
  },
  Player: {
    __resolveReference(ref: { id: string }, ctx: RegionContext): Promise<PlayerRow | null> | null {
      return isUuid(ref.id) ? ctx.loaders.player.load(ref.id) : null;
    },
    // Private fields answer null for anyone but the player and admins (schema.graphql says so).
    credits: (p: PlayerRow, _: unknown, ctx: RegionContext) => (canViewPlayerPrivate(ctx.claims, p) ? toNumber(p.credits) : null),
    homeRegion: (p: PlayerRow, _: unknown, ctx: RegionContext) => loadRegion(ctx, p.homeRegionId),
    currentRegion: (p: PlayerRow, _: unknown, ctx: RegionContext) => loadRegion(ctx, p.currentRegionId),
    memberships: (p: PlayerRow, _: unknown, ctx: RegionContext) =>
      canViewPlayerPrivate(ctx.claims, p) ? ctx.loaders.memberships.load(p.id) : null,
    ownedRegions: (p: PlayerRow, _: unknown, ctx: RegionContext) => ctx.loaders.ownedRegions.load(p.id),
  },
  Membership: {
    region: (m: MembershipRow, _: unknown, ctx: RegionContext) => ctx.loaders.region.load(m.regionId),
    votingPower: (m: MembershipRow) => toNumber(m.votingPower),
    joinedAt: (m: MembershipRow) => m.joinedAt.toISOString(),
  },
};
