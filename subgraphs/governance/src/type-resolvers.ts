import { eq } from 'drizzle-orm';
import { hub } from '@sw/db';
import { toGraphqlEnum } from '@sw/domain';
import { parseCandidates } from './election-candidates.ts';
import type { GovernanceContext } from './governance-context.ts';
import { electionById, policyById } from './governance-queries.ts';
import type { GovernanceEventPayload } from './live/governance-events.ts';
import type { ElectionTallyEvent, PolicyTallyEvent } from './live/tally-publisher.ts';
import { mapElection, mapPolicy, mapTreaty, playerRef, regionRef, type ElectionModel } from './map-governance.ts';
import { canViewTreatyTerms } from './permissions.ts';

/** Ballot weights are numeric(5,4): sums are multiples of 0.0001, so rounding removes float noise. */
function roundWeight(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

async function electionOrNull(ctx: GovernanceContext, id: string | null | undefined) {
  if (!id) return null;
  const row = await electionById(ctx.db, id);
  return row ? mapElection(row) : null;
}

async function policyOrNull(ctx: GovernanceContext, id: string | null | undefined) {
  if (!id) return null;
  const row = await policyById(ctx.db, id);
  return row ? mapPolicy(row) : null;
}

export const typeResolvers = {
  Election: {
    /** Registered candidates in registration order with their summed ballot weight so far. */
    async candidates(election: ElectionModel, _: unknown, ctx: GovernanceContext) {
      const weights = await ctx.loaders.candidateWeights.load(election.id);
      return parseCandidates(election.rawCandidates).map((c) => ({
        player: playerRef(c.playerId),
        platform: c.platform,
        weight: roundWeight(weights.get(c.playerId) ?? 0),
      }));
    },
    async totalWeight(election: ElectionModel, _: unknown, ctx: GovernanceContext) {
      const weights = await ctx.loaders.candidateWeights.load(election.id);
      let total = 0;
      for (const w of weights.values()) total += w;
      return roundWeight(total);
    },
    /** Published once the election completed: hash, choice and weight of every ballot, sorted by hash (no voter, no order). */
    async ballots(election: ElectionModel, _: unknown, ctx: GovernanceContext) {
      if (election.rawStatus !== 'completed') return [];
      const v = hub.regionalVotes;
      const rows = await ctx.db.select({ receiptHash: v.receiptHash, choice: v.candidateId, weight: v.weight }).from(v).where(eq(v.electionId, election.id));
      return rows.map((r) => ({ receiptHash: r.receiptHash ?? '', choice: r.choice, weight: Number(r.weight) })).sort((a, b) => a.receiptHash.localeCompare(b.receiptHash));
    },
  },
  ElectionVoteResult: {
    election: (r: { electionId: string }, _: unknown, ctx: GovernanceContext) => electionOrNull(ctx, r.electionId),
  },
  PolicyVoteResult: {
    policy: (r: { policyId: string }, _: unknown, ctx: GovernanceContext) => policyOrNull(ctx, r.policyId),
  },
  ElectionTally: {
    election: (t: ElectionTallyEvent, _: unknown, ctx: GovernanceContext) => electionOrNull(ctx, t.electionId),
    region: (t: ElectionTallyEvent) => regionRef(t.regionId),
    status: (t: ElectionTallyEvent) => toGraphqlEnum(t.status),
    candidates: (t: ElectionTallyEvent) => t.candidates.map((c) => ({ player: playerRef(c.playerId), platform: c.platform, weight: c.weight })),
  },
  PolicyTally: {
    policy: (t: PolicyTallyEvent, _: unknown, ctx: GovernanceContext) => policyOrNull(ctx, t.policyId),
    region: (t: PolicyTallyEvent) => regionRef(t.regionId),
    status: (t: PolicyTallyEvent) => toGraphqlEnum(t.status),
  },
  GovernanceEvent: {
    kind: (e: GovernanceEventPayload) => e.kind.toUpperCase(),
    region: (e: GovernanceEventPayload) => regionRef(e.regionId),
    policy: (e: GovernanceEventPayload, _: unknown, ctx: GovernanceContext) => policyOrNull(ctx, e.policyId),
    election: (e: GovernanceEventPayload, _: unknown, ctx: GovernanceContext) => electionOrNull(ctx, e.electionId),
    player: (e: GovernanceEventPayload) => playerRef(e.playerId ?? null),
    async treaty(e: GovernanceEventPayload, _: unknown, ctx: GovernanceContext) {
      if (!e.treatyId) return null;
      const [row] = await ctx.db.select().from(hub.regionalTreaties).where(eq(hub.regionalTreaties.id, e.treatyId));
      if (!row) return null;
      const owners = await Promise.all([ctx.loaders.regionOwner.load(row.regionAId), ctx.loaders.regionOwner.load(row.regionBId)]);
      return mapTreaty(row, canViewTreatyTerms(ctx.claims, owners.filter((o) => o !== null)));
    },
  },
};
