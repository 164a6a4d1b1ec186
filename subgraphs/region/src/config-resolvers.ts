/**
 * Resolvers of region configuration, regional stats and discovery. Mutations map the GraphQL input, call the one
 * command (changeRegionSettings) and translate its outcome; reads ask the named permission predicates.
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import { hub } from '@sw/db';
import { DomainError, assertUuid, effectiveTariff, policyDecider, toGraphqlEnum, type GovernanceType, type ValidationIssue } from '@sw/domain';
import { changeRegionSettings, type ChangeRegionSettingsOutcome } from './commands/change-region-settings.ts';
import { failWith } from './commands/outcome.ts';
import {
  cultureChanges,
  economyChanges,
  governanceChanges,
  immigrationChanges,
  toInputPath,
  type CultureInput,
  type EconomyInput,
  type GovernanceInput,
  type ImmigrationInput,
} from './config/config-input.ts';
import { actorFromStanding } from './config/region-actor.ts';
import { routeToRegion } from './discovery/region-profile.ts';
import { REGION_SORTS, encodeCursor, searchRegions, validateSearch, type RegionSearchFilter, type RegionSort } from './discovery/search-regions.ts';
import { mapRegion, type RegionModel } from './map-region.ts';
import { canViewRegionStats } from './permissions.ts';
import type { RegionContext } from './region-context.ts';
import { regionByName } from './region-queries.ts';
import type { ConfigVersionRecord } from '@sw/region-config';

type ConfigVersionRow = typeof hub.regionConfigVersions.$inferSelect;

function versionModel(v: ConfigVersionRecord | ConfigVersionRow) {
  return {
    version: v.version,
    via: v.via.toUpperCase(),
    actorPlayerId: v.actorPlayerId,
    actorName: v.actorName,
    policyId: v.policyId,
    changes: v.changes as { field: string; from: unknown; to: unknown }[],
    at: v.at.toISOString(),
  };
}
type VersionModel = ReturnType<typeof versionModel>;

async function requireRegion(ctx: RegionContext, id: string): Promise<RegionModel> {
  const region = await ctx.loaders.region.load(assertUuid(id, 'regionId'));
  if (!region) throw new DomainError('ERR_REGION_NOT_FOUND', `region ${id} not found`);
  return region;
}

async function change(ctx: RegionContext, regionId: string, expectedVersion: number, changes: Record<string, unknown>, inputIssues: ValidationIssue[], pathOf = (p: string) => toInputPath(p)) {
  const outcome: ChangeRegionSettingsOutcome = await changeRegionSettings(ctx.db, ctx.claims, { regionId, expectedVersion, changes, inputIssues, pathOf });
  if (outcome.kind !== 'ok') failWith(outcome);
  ctx.loaders.region.clear(regionId);
  const region = await requireRegion(ctx, regionId);
  return { region, version: versionModel(outcome.record) };
}

interface ChangeArgs<I> {
  regionId: string;
  expectedVersion: number;
  input: I;
}

function tariffOf(ctx: RegionContext, r: RegionModel) {
  return ctx.loaders.world.load(r).then((w) => ({ ...effectiveTariff(r.config.tariffRate, w.ports), stationCount: w.ports }));
}

async function statsAllowed(ctx: RegionContext, r: RegionModel): Promise<boolean> {
  const { actor } = actorFromStanding(ctx.claims, r, await ctx.loaders.standing.load(r.id));
  return canViewRegionStats(actor);
}

const DECIDER_SUMMARY: Record<string, string> = {
  owner_signature: 'Autocracy: the owner (or the governor) decrees settings; citizens may petition and the owner signs.',
  referendum: 'Democracy: settings change only through referendums of the voting members; the owner edits culture.',
  council: 'Council republic: settings change only through policies the council passes; the owner edits culture.',
};

export const configResolvers = {
  Query: {
    async regionStats(_: unknown, args: { regionId: string }, ctx: RegionContext) {
      const region = await requireRegion(ctx, args.regionId);
      if (ctx.claims === null) throw new DomainError('ERR_UNAUTHENTICATED', 'sign in first');
      if (!(await statsAllowed(ctx, region))) throw new DomainError('ERR_FORBIDDEN', "only the region's officers and admins see its stats");
      return ctx.loaders.stats.load(region);
    },
    async searchRegions(_: unknown, args: { filter?: RegionSearchFilter | null; sort?: string | null; first?: number | null; after?: string | null }, ctx: RegionContext) {
      const first = args.first ?? 20;
      const sort = (args.sort ?? 'NAME_ASC') as RegionSort;
      const issues = validateSearch(first, args.filter);
      if (!REGION_SORTS.includes(sort)) issues.push({ path: 'sort', message: `one of ${REGION_SORTS.join(', ')}` });
      if (issues.length) throw new DomainError('ERR_VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
      const { hits, hasNextPage } = await searchRegions(ctx.db, args.filter, sort, first, args.after);
      const regions = await ctx.loaders.region.loadMany(hits.map((h) => h.regionId));
      const nodes = hits.flatMap((h, i) => {
        const region = regions[i];
        if (!region || region instanceof Error) return [];
        const cursor = encodeCursor({ s: sort, v: h.sortValue, id: h.regionId });
        return [{ region, population: h.population, effectiveTariff: h.effectiveTariff, cursor }];
      });
      return { nodes, pageInfo: { hasNextPage, endCursor: nodes.at(-1)?.cursor ?? null } };
    },
    async regionProfile(_: unknown, args: { id?: string | null; name?: string | null }, ctx: RegionContext) {
      if ((args.id == null) === (args.name == null)) throw new DomainError('ERR_VALIDATION', 'give exactly one of id or name');
      let region: RegionModel | null = null;
      if (args.id != null) region = await requireRegion(ctx, args.id);
      else {
        const row = await regionByName(ctx.db, args.name!);
        region = row ? mapRegion(row) : null;
      }
      if (!region) throw new DomainError('ERR_REGION_NOT_FOUND', `region ${args.id ?? args.name} not found`);
      return { region };
    },
  },
  Mutation: {
    updateRegionEconomy: (_: unknown, a: ChangeArgs<EconomyInput>, ctx: RegionContext) => {
      const issues: ValidationIssue[] = [];
      return change(ctx, a.regionId, a.expectedVersion, economyChanges(a.input, issues), issues);
    },
    updateRegionGovernance: (_: unknown, a: ChangeArgs<GovernanceInput>, ctx: RegionContext) => change(ctx, a.regionId, a.expectedVersion, governanceChanges(a.input), []),
    updateRegionCulture: (_: unknown, a: ChangeArgs<CultureInput>, ctx: RegionContext) => change(ctx, a.regionId, a.expectedVersion, cultureChanges(a.input), []),
    updateRegionImmigration: (_: unknown, a: ChangeArgs<ImmigrationInput>, ctx: RegionContext) => {
      const issues: ValidationIssue[] = [];
      return change(ctx, a.regionId, a.expectedVersion, immigrationChanges(a.input, issues), issues);
    },
    setRegionTariff: (_: unknown, a: { regionId: string; expectedVersion: number; rate: number }, ctx: RegionContext) =>
      change(ctx, a.regionId, a.expectedVersion, { tariffRate: a.rate }, [], (p) => (p === 'tariffRate' ? 'rate' : toInputPath(p))),
  },
  Region: {
    configVersion: (r: RegionModel) => r.configVersion,
    async configHistory(r: RegionModel, args: { first?: number | null; beforeVersion?: number | null }, ctx: RegionContext) {
      const first = Math.min(Math.max(args.first ?? 20, 1), 100);
      const v = hub.regionConfigVersions;
      const rows = await ctx.db
        .select()
        .from(v)
        .where(and(eq(v.regionId, r.id), args.beforeVersion != null ? lt(v.version, args.beforeVersion) : undefined))
        .orderBy(desc(v.version))
        .limit(first);
      return rows.map(versionModel);
    },
    tariff: (r: RegionModel, _: unknown, ctx: RegionContext) => tariffOf(ctx, r),
    immigration: (r: RegionModel) => ({ policy: r.config.immigrationPolicy.toUpperCase(), maxVisitors: r.config.maxVisitors, visitorEntryFee: r.config.visitorEntryFee }),
    async stats(r: RegionModel, _: unknown, ctx: RegionContext) {
      return (await statsAllowed(ctx, r)) ? ctx.loaders.stats.load(r) : null;
    },
  },
  ConfigVersion: {
    actor: (v: VersionModel, _: unknown, ctx: RegionContext) => (v.actorPlayerId ? ctx.loaders.player.load(v.actorPlayerId) : null),
  },
  RegionProfile: {
    motto: (p: { region: RegionModel }) => p.region.config.motto,
    culture: (p: { region: RegionModel }) => p.region.culture,
    governance: (p: { region: RegionModel }) => {
      const type = p.region.config.governanceType as GovernanceType;
      const decider = policyDecider(type);
      return { region: p.region, governanceType: toGraphqlEnum(type), policyDecider: decider.toUpperCase(), summary: DECIDER_SUMMARY[decider], votingThreshold: p.region.config.votingThreshold };
    },
    population: async (p: { region: RegionModel }, _: unknown, ctx: RegionContext) => {
      const c = await ctx.loaders.counts.load(p.region.id);
      return c.members;
    },
    immigration: (p: { region: RegionModel }) => configResolvers.Region.immigration(p.region),
    tariff: (p: { region: RegionModel }, _: unknown, ctx: RegionContext) => tariffOf(ctx, p.region),
    route: (p: { region: RegionModel }, _: unknown, ctx: RegionContext) => routeToRegion(ctx.travel, ctx.claims, p.region.id),
  },
  GovernanceSummary: {
    owner: (g: { region: RegionModel }, _: unknown, ctx: RegionContext) => (g.region.ownerId ? ctx.loaders.player.load(g.region.ownerId) : null),
    governor: (g: { region: RegionModel }, _: unknown, ctx: RegionContext) => (g.region.governorId ? ctx.loaders.player.load(g.region.governorId) : null),
  },
};

