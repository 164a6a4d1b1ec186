/**
 * Resolvers of inter-regional travel: the three travel commands (translated through the one outcome mapper), the
 * journey reads, and the two subscriptions. Permission and existence are checked BEFORE a stream starts, so a refusal
 * is a normal GraphQL error with its code.
 */
import { and, asc, desc, eq, gt } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import { channels, closingStream, type Subscription } from '@sw/events';
import { DomainError, assertUuid, toGraphqlEnum } from '@sw/domain';
import { cancelTravel } from './commands/cancel-travel.ts';
import { decideEntryRequest } from './commands/decide-entry-request.ts';
import { failWith } from './commands/outcome.ts';
import { startTravel } from './commands/start-travel.ts';
import { actorFromStanding } from './config/region-actor.ts';
import type { RegionLoaders } from './loaders.ts';
import { canDecideEntry, canViewJourney, canWatchTravelFeed } from './permissions.ts';
import type { RegionContext } from './region-context.ts';
import { journeyById, messageOf, type JourneyRow, type TravelEventMessage } from './travel/journey-store.ts';
import { journeyModel, legModel, positionOf, type JourneyModel, type PositionModel } from './travel/journey-view.ts';

function requirePlayer(ctx: RegionContext): Claims & { playerId: string } {
  if (ctx.claims === null) throw new DomainError('ERR_UNAUTHENTICATED', 'sign in first');
  if (ctx.claims.playerId === null) throw new DomainError('ERR_PLAYER_REQUIRED', 'this account has no player');
  return ctx.claims as Claims & { playerId: string };
}

async function latestJourney(ctx: RegionContext, playerId: string): Promise<JourneyRow | null> {
  const T = hub.interRegionalTravels;
  const [row] = await ctx.db.select().from(T).where(eq(T.playerId, playerId)).orderBy(desc(T.initiatedAt), desc(T.id)).limit(1);
  return row ?? null;
}

async function regionActorFor(ctx: RegionContext, regionId: string) {
  const region = await ctx.loaders.region.load(regionId);
  if (!region) throw new DomainError('ERR_REGION_NOT_FOUND', `region ${regionId} not found`);
  return { region, ...actorFromStanding(ctx.claims, region, await ctx.loaders.standing.load(region.id)) };
}

async function assertCanViewJourney(ctx: RegionContext, row: JourneyRow): Promise<void> {
  const [origin, destination] = await Promise.all([regionActorFor(ctx, row.sourceRegionId), regionActorFor(ctx, row.destinationRegionId)]);
  if (!canViewJourney(ctx.claims, row.playerId, { origin: origin.actor, destination: destination.actor })) {
    throw new DomainError('ERR_JOURNEY_NOT_FOUND', `journey ${row.id} not found`);
  }
}

async function assertCanWatchFeed(ctx: RegionContext, regionId: string): Promise<void> {
  if (ctx.claims === null) throw new DomainError('ERR_UNAUTHENTICATED', 'sign in first');
  const { actor, membershipType } = await regionActorFor(ctx, assertUuid(regionId, 'regionId'));
  if (!canWatchTravelFeed(actor, membershipType)) throw new DomainError('ERR_FORBIDDEN', "only the region's members and officers watch its travel feed");
}

/** Subscriptions reuse one context for every event: forget what the loaders cached for the previous one. */
function freshLoaders(loaders: RegionLoaders): void {
  for (const l of Object.values(loaders)) (l as { clearAll(): void }).clearAll();
}

function eventModel(m: TravelEventMessage) {
  return { seq: m.seq, kind: toGraphqlEnum(m.kind), regionId: m.regionId, journeyId: m.journeyId, reasonCode: m.reasonCode, at: m.at };
}
type EventModel = ReturnType<typeof eventModel>;

async function* feed(ctx: RegionContext, sub: Subscription<TravelEventMessage>) {
  try {
    for await (const m of sub) {
      freshLoaders(ctx.loaders);
      yield { travelFeed: eventModel(m) };
    }
  } finally {
    sub.close();
  }
}

async function* journeyStream(ctx: RegionContext, playerId: string, sub: Subscription<{ journeyId: string }>) {
  try {
    await sub.ready;
    const first = await latestJourney(ctx, playerId);
    if (first) yield { myJourney: journeyModel(first) };
    for await (const m of sub) {
      freshLoaders(ctx.loaders);
      const row = await journeyById(ctx.db, m.journeyId);
      if (row) yield { myJourney: journeyModel(row) };
    }
  } finally {
    sub.close();
  }
}

async function* nothing(): AsyncGenerator<never> {}

export const travelResolvers = {
  Query: {
    async myJourney(_: unknown, __: unknown, ctx: RegionContext) {
      const claims = requirePlayer(ctx);
      const row = await latestJourney(ctx, claims.playerId);
      return row ? journeyModel(row) : null;
    },
    async journey(_: unknown, args: { id: string }, ctx: RegionContext) {
      if (ctx.claims === null) throw new DomainError('ERR_UNAUTHENTICATED', 'sign in first');
      const row = await journeyById(ctx.db, assertUuid(args.id, 'id'));
      if (!row) throw new DomainError('ERR_JOURNEY_NOT_FOUND', `journey ${args.id} not found`);
      await assertCanViewJourney(ctx, row);
      return journeyModel(row);
    },
    async entryRequests(_: unknown, args: { regionId: string }, ctx: RegionContext) {
      if (ctx.claims === null) throw new DomainError('ERR_UNAUTHENTICATED', 'sign in first');
      const { actor } = await regionActorFor(ctx, assertUuid(args.regionId, 'regionId'));
      if (!canDecideEntry(actor)) throw new DomainError('ERR_NOT_IMMIGRATION_OFFICER', "only the region's owner or governor (or an admin) sees its entry requests");
      const T = hub.interRegionalTravels;
      const rows = await ctx.db.select().from(T).where(and(eq(T.destinationRegionId, args.regionId), eq(T.status, 'requested'))).orderBy(asc(T.initiatedAt));
      return rows.map(journeyModel);
    },
    async travelFeedHistory(_: unknown, args: { regionId: string; afterSeq?: number | null; first?: number | null }, ctx: RegionContext) {
      await assertCanWatchFeed(ctx, args.regionId);
      const E = hub.travelEvents;
      const T = hub.interRegionalTravels;
      const rows = await ctx.db
        .select({ e: E, playerId: T.playerId })
        .from(E)
        .innerJoin(T, eq(T.id, E.travelId))
        .where(and(eq(E.regionId, args.regionId), gt(E.id, args.afterSeq ?? 0)))
        .orderBy(asc(E.id))
        .limit(Math.min(Math.max(args.first ?? 50, 1), 200));
      return rows.map((r) => eventModel(messageOf(r.e, r.playerId)));
    },
  },
  Mutation: {
    async startTravel(_: unknown, args: { destinationRegionId: string; intent?: string | null }, ctx: RegionContext) {
      const o = await startTravel(ctx.travel, ctx.claims, args);
      if (o.kind !== 'ok') failWith(o);
      return journeyModel(o.journey);
    },
    async cancelTravel(_: unknown, args: { journeyId: string }, ctx: RegionContext) {
      const o = await cancelTravel(ctx.travel, ctx.claims, args.journeyId);
      if (o.kind !== 'ok') failWith(o);
      return journeyModel(o.journey);
    },
    async decideEntryRequest(_: unknown, args: { journeyId: string; approve: boolean; reason?: string | null }, ctx: RegionContext) {
      const o = await decideEntryRequest(ctx.travel, ctx.claims, args);
      if (o.kind !== 'ok') failWith(o);
      return journeyModel(o.journey);
    },
  },
  Subscription: {
    travelFeed: {
      subscribe: async (_: unknown, args: { regionId: string }, ctx: RegionContext) => {
        await assertCanWatchFeed(ctx, args.regionId);
        if (!ctx.bus) return closingStream(nothing(), () => {});
        const sub = ctx.bus.subscribe<TravelEventMessage>(channels.travelFeed(args.regionId), { bufferSize: 1000 });
        return closingStream(feed(ctx, sub), () => sub.close());
      },
    },
    myJourney: {
      subscribe: (_: unknown, __: unknown, ctx: RegionContext) => {
        const claims = requirePlayer(ctx);
        if (!ctx.bus) return closingStream(nothing(), () => {});
        const sub = ctx.bus.subscribe<{ journeyId: string }>(channels.playerJourney(claims.playerId), { bufferSize: 100 });
        return closingStream(journeyStream(ctx, claims.playerId, sub), () => sub.close());
      },
    },
  },
  Journey: {
    id: (j: JourneyModel) => j.row.id,
    traveller: (j: JourneyModel, _: unknown, ctx: RegionContext) => ctx.loaders.player.load(j.row.playerId),
    origin: (j: JourneyModel, _: unknown, ctx: RegionContext) => ctx.loaders.region.load(j.row.sourceRegionId),
    destination: (j: JourneyModel, _: unknown, ctx: RegionContext) => ctx.loaders.region.load(j.row.destinationRegionId),
    intent: (j: JourneyModel) => toGraphqlEnum(j.row.intent),
    state: (j: JourneyModel) => toGraphqlEnum(j.row.status),
    reasonCode: (j: JourneyModel) => j.row.reasonCode,
    reason: (j: JourneyModel) => j.row.reason,
    legs: async (j: JourneyModel, _: unknown, ctx: RegionContext) => (await ctx.loaders.legs.load(j.row.id)).map(legModel),
    currentLeg: async (j: JourneyModel, _: unknown, ctx: RegionContext) => {
      if (j.row.currentLeg === null) return null;
      const leg = (await ctx.loaders.legs.load(j.row.id)).find((l) => l.legIndex === j.row.currentLeg);
      return leg ? legModel(leg) : null;
    },
    position: async (j: JourneyModel, _: unknown, ctx: RegionContext) => positionOf(j.row, await ctx.loaders.legs.load(j.row.id)),
    eta: async (j: JourneyModel, _: unknown, ctx: RegionContext) => {
      if (j.row.currentLeg === null) return null;
      const leg = (await ctx.loaders.legs.load(j.row.id)).find((l) => l.legIndex === j.row.currentLeg);
      return leg?.etaAt?.toISOString() ?? null;
    },
    fee: (j: JourneyModel) => j.row.travelCost,
    requestedAt: (j: JourneyModel) => j.row.initiatedAt.toISOString(),
    startedAt: (j: JourneyModel) => j.row.startedAt?.toISOString() ?? null,
    completedAt: (j: JourneyModel) => j.row.completedAt?.toISOString() ?? null,
  },
  JourneyPosition: {
    region: (p: PositionModel, _: unknown, ctx: RegionContext) => ctx.loaders.region.load(p.regionId),
    sector: async (p: PositionModel, _: unknown, ctx: RegionContext) => {
      const clusterNumber = await ctx.loaders.sectorCluster.load(p);
      return clusterNumber === null ? null : { __typename: 'Sector', regionId: p.regionId, clusterNumber, sectorNumber: p.sectorNumber };
    },
  },
  TravelEvent: {
    region: (e: EventModel, _: unknown, ctx: RegionContext) => ctx.loaders.region.load(e.regionId),
    journey: async (e: EventModel, _: unknown, ctx: RegionContext) => {
      const row = await journeyById(ctx.db, e.journeyId);
      if (!row) throw new DomainError('ERR_JOURNEY_NOT_FOUND', `journey ${e.journeyId} not found`);
      return journeyModel(row);
    },
  },
};
