/**
 * Resolvers of subgraphs/nexus/schema.graphql. Reads are public (the home page shows the Nexus card before sign-in);
 * generationJob, the two mutations and the progress subscription need an admin with galaxy:manage (ERR_UNAUTHENTICATED /
 * ERR_ADMIN_REQUIRED / ERR_SCOPE_REQUIRED, permissions.ts); both mutations are written to the audit log with their
 * result, the ok row in the transaction that queues the job (generation-jobs.ts). Every answer comes from the hub database; resolvers only translate.
 */
import { audited } from '@sw/audit';
import { requireAdminScope } from '@sw/service-kit';
import { GALAXY_SCOPE } from './permissions.ts';
import type { NexusContext } from './nexus-context.ts';
import { getGenerationJob, isJobActive, latestNexusJob, type GenerationProgressEvent } from './generation-jobs.ts';
import { generationProgressStream } from './generation-progress.ts';
import {
  countWarpGates, findNexus, getNexusCluster, getSector, listClusters, requireNexus, samplePlanets, sampleSectors, sampleStations,
  type ClusterView, type SectorView,
} from './nexus-queries.ts';

type Args = Record<string, unknown>;

export const nexusResolvers = {
  Query: {
    async nexusStatus(_: unknown, __: Args, ctx: NexusContext) {
      const [nexus, job] = await Promise.all([findNexus(ctx.sql), latestNexusJob(ctx.sql)]);
      const exists = nexus !== null && nexus.sectors > 0;
      const status = job && isJobActive(job) ? 'GENERATING' : exists ? 'ACTIVE' : job?.status === 'FAILED' ? 'FAILED' : 'NOT_GENERATED';
      return {
        exists,
        status,
        region: nexus ? { id: nexus.id } : null,
        totalSectors: nexus?.sectors ?? 0,
        totalPorts: nexus?.ports ?? 0,
        totalPlanets: nexus?.planets ?? 0,
        capitalSectorNumber: exists ? nexus.capital_sector_number : null,
        generationSeed: exists ? nexus.generation_seed : null,
        galaxyHash: exists ? nexus.galaxy_hash : null,
        createdAt: nexus ? new Date(nexus.created_at).toISOString() : null,
      };
    },

    async nexusStats(_: unknown, __: Args, ctx: NexusContext) {
      const nexus = await requireNexus(ctx.sql);
      const [clusters, totalWarpGates] = await Promise.all([listClusters(ctx.sql, nexus.id), countWarpGates(ctx.sql, nexus.id)]);
      return { totalSectors: nexus.sectors, totalPorts: nexus.ports, totalPlanets: nexus.planets, totalWarpGates, clusters };
    },

    async clusters(_: unknown, __: Args, ctx: NexusContext) {
      const nexus = await findNexus(ctx.sql);
      return nexus ? listClusters(ctx.sql, nexus.id) : [];
    },

    cluster(_: unknown, args: Args, ctx: NexusContext) {
      return getNexusCluster(ctx.sql, args.clusterNumber as number);
    },

    sector(_: unknown, args: Args, ctx: NexusContext) {
      return getSector(ctx.sql, args.regionId, args.clusterNumber, args.sectorNumber);
    },

    generationJob(_: unknown, args: Args, ctx: NexusContext) {
      requireAdminScope(ctx, GALAXY_SCOPE);
      return getGenerationJob(ctx.sql, args.jobId);
    },
  },

  Mutation: {
    generateNexus(_: unknown, args: Args, ctx: NexusContext) {
      const force = (args.force as boolean | null | undefined) ?? false;
      return audited(ctx.sql, { actor: ctx.claims, action: 'nexus.generateNexus', targetType: 'galaxy', details: { force }, requestId: ctx.requestId }, (audit) => {
        const claims = requireAdminScope(ctx, GALAXY_SCOPE);
        return ctx.jobs.requestNexusGeneration({ seed: (args.seed as string | null | undefined) ?? null, force, requestedBy: claims.sub, audit });
      }, (err) => ctx.log.error({ err }, 'audit write failed'));
    },

    regenerateCluster(_: unknown, args: Args, ctx: NexusContext) {
      const clusterNumber = args.clusterNumber as number;
      return audited(ctx.sql, { actor: ctx.claims, action: 'nexus.regenerateCluster', targetType: 'cluster', targetId: String(clusterNumber), requestId: ctx.requestId }, (audit) => {
        const claims = requireAdminScope(ctx, GALAXY_SCOPE);
        return ctx.jobs.requestClusterRegeneration({ clusterNumber, seed: (args.seed as string | null | undefined) ?? null, requestedBy: claims.sub, audit });
      }, (err) => ctx.log.error({ err }, 'audit write failed'));
    },
  },

  Subscription: {
    generationProgress: {
      subscribe(_: unknown, args: Args, ctx: NexusContext) {
        requireAdminScope(ctx, GALAXY_SCOPE);
        return generationProgressStream(ctx.sql, ctx.bus, args.jobId as string);
      },
      resolve: (event: GenerationProgressEvent) => event,
    },
  },

  Cluster: {
    sampleSectors: (c: ClusterView, _: Args, ctx: NexusContext) => sampleSectors(ctx.sql, c.id),
    sampleStations: (c: ClusterView, _: Args, ctx: NexusContext) => sampleStations(ctx.sql, c.id),
    samplePlanets: (c: ClusterView, _: Args, ctx: NexusContext) => samplePlanets(ctx.sql, c.id),
  },

  Sector: {
    __resolveReference(ref: { regionId: unknown; clusterNumber: unknown; sectorNumber: unknown }, ctx: NexusContext) {
      return getSector(ctx.sql, ref.regionId, ref.clusterNumber, ref.sectorNumber);
    },
    region: (s: SectorView) => ({ id: s.regionId }),
    warpsTo: (s: SectorView, _: Args, ctx: NexusContext) => ctx.loaders.warpsTo.load(s.sectorId),
    stations: (s: SectorView, _: Args, ctx: NexusContext) => ctx.loaders.stations.load(s.sectorId),
    planets: (s: SectorView, _: Args, ctx: NexusContext) => ctx.loaders.planets.load(s.sectorId),
  },
};
