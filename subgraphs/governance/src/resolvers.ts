import {
  DomainError,
  ELECTION_STATUSES,
  PAGE_LIMITS,
  POLICY_STATUSES,
  assertUuid,
  isUuid,
  toDbEnum,
  validatePage,
} from '@sw/domain';
import { parseCandidates } from './election-candidates.ts';
import type { GovernanceContext } from './governance-context.ts';
import { electionById, policyById, treasuryEntries } from './governance-queries.ts';
import { mapElection, mapPolicy, mapTreasuryEntry, mapTreaty, playerRef, type ElectionModel } from './map-governance.ts';
import { canViewTreasury } from './permissions.ts';
import { inviteResolvers } from './invites/invite-resolvers.ts';

/** Ballot weights are numeric(5,4): sums are multiples of 0.0001, so rounding removes float noise. */
function roundWeight(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

interface RegionRef {
  id: string;
}

/** Resolver map of the Governance subgraph (schema.graphql is the contract). */
export const governanceResolvers = {
  Query: {
    async election(_: unknown, args: { id: string }, ctx: GovernanceContext): Promise<ElectionModel> {
      const row = await electionById(ctx.db, assertUuid(args.id, 'id'));
      if (!row) throw new DomainError('ERR_NOT_FOUND', `election ${args.id} not found`);
      return mapElection(row);
    },
    async policy(_: unknown, args: { id: string }, ctx: GovernanceContext) {
      const row = await policyById(ctx.db, assertUuid(args.id, 'id'));
      if (!row) throw new DomainError('ERR_NOT_FOUND', `policy ${args.id} not found`);
      return mapPolicy(row);
    },
  },
  Mutation: {
    ...inviteResolvers.Mutation,
  },
  Region: {
    ...inviteResolvers.Region,
    /** Governance only extends Region; a malformed id resolves to null instead of reaching SQL. */
    __resolveReference(ref: RegionRef): RegionRef | null {
      return isUuid(ref.id) ? { id: ref.id } : null;
    },
    async policies(region: RegionRef, args: { status?: string | null }, ctx: GovernanceContext) {
      const status = args.status ? toDbEnum(args.status, POLICY_STATUSES, 'status') : null;
      return (await ctx.loaders.policies.load({ regionId: region.id, status })).map(mapPolicy);
    },
    async elections(region: RegionRef, args: { status?: string | null }, ctx: GovernanceContext) {
      const status = args.status ? toDbEnum(args.status, ELECTION_STATUSES, 'status') : null;
      return (await ctx.loaders.elections.load({ regionId: region.id, status })).map(mapElection);
    },
    async treaties(region: RegionRef, _: unknown, ctx: GovernanceContext) {
      return (await ctx.loaders.treaties.load(region.id)).map(mapTreaty);
    },
    async treasuryLedger(region: RegionRef, args: { first?: number | null }, ctx: GovernanceContext) {
      const first = args.first ?? PAGE_LIMITS.defaultFirst;
      const issues = validatePage(first, 0);
      if (issues.length) throw new DomainError('ERR_VALIDATION', issues.map((i) => i.message).join('; '), { issues });
      const owner = await ctx.loaders.regionOwner.load(region.id);
      // Non-owners get the same answer whether or not the region exists (existence is not revealed).
      if (!canViewTreasury(ctx.claims, owner ?? { ownerId: null })) {
        throw new DomainError('ERR_NOT_REGION_OWNER', 'only the region owner or an admin may read the treasury ledger');
      }
      if (!owner) throw new DomainError('ERR_REGION_NOT_FOUND', `region ${region.id} not found`);
      return (await treasuryEntries(ctx.db, region.id, first)).map(mapTreasuryEntry);
    },
  },
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
  },
};
