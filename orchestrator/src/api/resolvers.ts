/**
 * Orchestrator subgraph resolvers. Mutations call the commands (which only change desired state),
 * kick the reconciler, and translate the outcome; each runtime mutation is written to the audit log with its
 * result (audited-region-command.ts: the ok row in the command's transaction). Reads check owner/admin per region touched.
 */
import { DomainError, toDbEnum, toGraphqlEnum } from '@sw/domain';
import { channels, closingStream, type Subscription } from '@sw/events';
import type { RequestContext } from '@sw/service-kit';
import { cancelTermination, terminateRegion } from '../commands/terminate-region.ts';
import { provisionRegion, type ProvisionRegionInput } from '../commands/provision-region.ts';
import { scaleRegion, type ScaleInput } from '../commands/scale-region.ts';
import { unwrap } from '../commands/outcome.ts';
import { checkPermission } from '../commands/permissions.ts';
import { runDormancyCommand } from '../commands/dormancy-commands.ts';
import type { GalaxyChangeMessage, RegionRuntimeMessage } from '../store/region-events.ts';
import DataLoader from 'dataloader';
import { findRegion, findRegionsByIds, listPlayerRegions, type RegionRow } from '../store/region-row.ts';
import type { ApiDeps } from './orchestrator-deps.ts';
import { auditedRegionCommand } from './audited-region-command.ts';
import { createBillingResolvers } from './billing-resolvers.ts';
import { eventsAfter, fleetView, recentEvents, runtimeView, type RuntimeView } from './runtime-view.ts';
import { regionUsage } from './region-usage.ts';
import { readFleetBilling } from '../billing/fleet-billing.ts';
import { canViewFleetBilling } from '../billing/subscription-permissions.ts';
import { subscriptionView } from './billing-resolvers.ts';
import { percentOfAllowance, planMetricsRange, queryMetricsRange } from '../monitoring/region-metrics.ts';

/**
 * Per-request region loader for `Region.runtime`: a page of entities (the gateway's `_entities` fetch of 50 regions)
 * reads its regions with one query instead of one per region. Keyed by the request's context object, so nothing is
 * cached across requests.
 */
const regionLoaders = new WeakMap<object, DataLoader<string, RegionRow | null>>();
function regionLoaderOf(deps: ApiDeps, ctx: RequestContext): DataLoader<string, RegionRow | null> {
  let loader = regionLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((ids: readonly string[]) => findRegionsByIds(deps.sql, ids), { maxBatchSize: 500 });
    regionLoaders.set(ctx, loader);
  }
  return loader;
}

async function viewFor(deps: ApiDeps, ctx: RequestContext, regionId: string): Promise<RuntimeView> {
  const r = await findRegion(deps.sql, regionId);
  if (!r || r.regionType !== 'player_owned') throw new DomainError('ERR_REGION_NOT_FOUND', `region ${regionId} not found`);
  const denied = checkPermission(ctx.claims, 'view', r);
  if (denied) unwrap(denied);
  return runtimeView(r);
}

function streamRuntime(deps: ApiDeps, regionId: string) {
  if (!deps.bus) return closingStream(noEvents(), () => {});
  const sub = deps.bus.subscribe<RegionRuntimeMessage>(channels.regionRuntime(regionId), { bufferSize: 100 });
  return closingStream(runtimeEvents(deps, regionId, sub), () => sub.close());
}

async function* noEvents(): AsyncGenerator<never> {}

function streamGalaxy(deps: ApiDeps) {
  if (!deps.bus) return closingStream(noEvents(), () => {});
  const sub = deps.bus.subscribe<GalaxyChangeMessage>(channels.galaxy(), { bufferSize: 100 });
  return closingStream(galaxyEvents(sub), () => sub.close());
}

async function* galaxyEvents(sub: Subscription<GalaxyChangeMessage>) {
  try {
    for await (const msg of sub) yield { galaxyChanged: { regionId: msg.regionId, state: msg.state.toUpperCase(), at: msg.at } };
  } finally {
    sub.close();
  }
}

async function* runtimeEvents(deps: ApiDeps, regionId: string, sub: Subscription<RegionRuntimeMessage>) {
  try {
    for await (const msg of sub) {
      const r = await findRegion(deps.sql, regionId);
      if (!r) return;
      yield { regionRuntimeChanged: { regionId: msg.regionId, seq: msg.seq, runtime: runtimeView(r), region: { id: r.id }, event: { ...msg.event, seq: msg.seq } } };
    }
  } finally {
    sub.close();
  }
}

export function createResolvers(deps: ApiDeps) {
  /** Runs one runtime mutation, audited (the ok row in the command's transaction), then kicks the reconciler. */
  const auditedMutate = async (
    ctx: RequestContext,
    action: Parameters<typeof auditedRegionCommand>[2],
    region: string,
    details: Record<string, unknown>,
    run: Parameters<typeof auditedRegionCommand>[5],
  ) => {
    const r = await auditedRegionCommand(deps, ctx, action, region, details, run);
    deps.reconciler.kick(r.id);
    return runtimeView(r);
  };
  /** The fleet's dormancy mutations: the same audited command as the REST routes and region-cli, fleet admins only. */
  const dormancyMutate = async (ctx: RequestContext, cmd: 'hibernate' | 'wake' | 'resurrect', regionId: string) =>
    runtimeView((await runDormancyCommand(deps, ctx, cmd, regionId, { via: 'graphql', fleetAdminOnly: true })).region);
  const billing = createBillingResolvers(deps.billing);
  return {
    Query: {
      ...billing.Query,
      regionRuntime: (_: unknown, a: { regionId: string }, ctx: RequestContext) => viewFor(deps, ctx, a.regionId),
      fleet: async (_: unknown, __: unknown, ctx: RequestContext) => {
        const denied = checkPermission(ctx.claims, 'fleet');
        if (denied) unwrap(denied);
        return fleetView(await listPlayerRegions(deps.sql));
      },
      // The fleet charts (docs/decisions/monitoring.md "Fleet charts"): Prometheus's query_range, permission first.
      regionMetricsRange: async (_: unknown, a: { metric: string; rangeSeconds: number; stepSeconds?: number | null; regionId?: string | null }, ctx: RequestContext) => {
        const denied = checkPermission(ctx.claims, 'fleet');
        if (denied) unwrap(denied);
        const plan = planMetricsRange({ metric: toDbEnum(a.metric, ['cpu', 'memory'] as const, 'metric'), rangeSeconds: a.rangeSeconds, stepSeconds: a.stepSeconds ?? null, regionId: a.regionId ?? null });
        const found = await queryMetricsRange(deps.prometheusUrl ?? null, plan);
        const regions = new Map((await listPlayerRegions(deps.sql)).map((r) => [r.id, r]));
        return {
          metric: toGraphqlEnum(plan.metric),
          rangeSeconds: plan.rangeS,
          stepSeconds: plan.stepS,
          unit: plan.metric === 'cpu' ? 'cores' : 'bytes',
          series: found.map((s) => {
            const r = regions.get(s.regionId) ?? null;
            return {
              regionId: s.regionId,
              regionName: r?.name ?? null,
              points: s.points.map(([t, value]) => ({ at: new Date(t * 1000).toISOString(), value, pct: percentOfAllowance(plan.metric, value, r) })),
            };
          }),
        };
      },
    },
    Mutation: {
      ...billing.Mutation,
      provisionRegion: (_: unknown, a: { input: ProvisionRegionInput }, ctx: RequestContext) =>
        auditedMutate(ctx, 'provisionRegion', a.input.name, { input: a.input }, (audit) => provisionRegion(deps, ctx.claims, a.input, { audit })),
      scaleRegion: (_: unknown, a: { regionId: string; input: ScaleInput }, ctx: RequestContext) =>
        auditedMutate(ctx, 'scaleRegion', a.regionId, { input: a.input }, (audit) => scaleRegion(deps, ctx.claims, a.regionId, a.input, { audit })),
      terminateRegion: (_: unknown, a: { regionId: string; immediate?: boolean }, ctx: RequestContext) =>
        auditedMutate(ctx, 'terminateRegion', a.regionId, { immediate: !!a.immediate }, (audit) => terminateRegion(deps, ctx.claims, a.regionId, { immediate: !!a.immediate, audit })),
      cancelTermination: (_: unknown, a: { regionId: string }, ctx: RequestContext) =>
        auditedMutate(ctx, 'cancelTermination', a.regionId, {}, (audit) => cancelTermination(deps, ctx.claims, a.regionId, { audit })),
      hibernateRegion: (_: unknown, a: { regionId: string }, ctx: RequestContext) => dormancyMutate(ctx, 'hibernate', a.regionId),
      wakeRegion: (_: unknown, a: { regionId: string }, ctx: RequestContext) => dormancyMutate(ctx, 'wake', a.regionId),
      resurrectRegion: (_: unknown, a: { regionId: string }, ctx: RequestContext) => dormancyMutate(ctx, 'resurrect', a.regionId),
    },
    Subscription: {
      galaxyChanged: {
        subscribe: () => streamGalaxy(deps),
      },
      regionRuntimeChanged: {
        // Permission and existence are checked BEFORE the stream starts, so a refusal is a normal
        // GraphQL error with its code (not a broken stream).
        subscribe: async (_: unknown, a: { regionId: string }, ctx: RequestContext) => {
          await viewFor(deps, ctx, a.regionId);
          return streamRuntime(deps, a.regionId);
        },
      },
    },
    Region: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      runtime: async (parent: { id: string }, _: unknown, ctx: RequestContext) => {
        const r = await regionLoaderOf(deps, ctx).load(parent.id);
        if (!r || r.regionType !== 'player_owned') return null;
        return checkPermission(ctx.claims, 'view', r) ? null : runtimeView(r);
      },
    },
    RegionRuntime: {
      recentEvents: (parent: RuntimeView, a: { limit?: number }) => recentEvents(deps.sql, parent.regionId, a.limit ?? 20),
      eventsAfter: (parent: RuntimeView, a: { afterSeq: number; first?: number }) => eventsAfter(deps.sql, parent.regionId, a.afterSeq, a.first ?? 200),
      usage: async (parent: RuntimeView) => {
        const r = await findRegion(deps.sql, parent.regionId);
        return r ? regionUsage(deps.driver, r) : { cpuPct: null, memPct: null, rssMb: null, playersOnline: null, uptimeS: null };
      },
      usageHistory: (parent: RuntimeView) =>
        (deps.usageSamples?.(parent.regionId) ?? []).map((s) => ({ at: new Date(s.at).toISOString(), cpuPct: s.cpuPct, memPct: s.memPct })),
    },
    Fleet: {
      // Reached only through Query.fleet (fleet:manage); the billing figures also need billing:view, else null.
      billing: async (_: unknown, __: unknown, ctx: RequestContext) => {
        if (!canViewFleetBilling(ctx.claims)) return null;
        const b = await readFleetBilling(deps.sql);
        return { ...b, plans: b.plans.map((p) => ({ ...p, plan: toGraphqlEnum(p.plan) })), subscriptions: b.subscriptions.map(subscriptionView) };
      },
    },
  };
}
