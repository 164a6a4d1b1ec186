import { and, asc, count, desc, eq } from 'drizzle-orm';
import { hub } from '@sw/db';
import {
  DomainError, ELECTION_STATUSES, GOVERNANCE_BOUNDS, PAGE_LIMITS, POLICY_CHANGE_SPECS, POLICY_STATUSES, POLICY_TEXT_BOUNDS, assertUuid, fromWeightUnits,
  isUuid, toDbEnum, validatePage,
} from '@sw/domain';
import type { GovernanceContext } from './governance-context.ts';
import { electionById, policyById, treasuryEntries } from './governance-queries.ts';
import { mapElection, mapMember, mapPolicy, mapTreasuryEntry, mapTreaty, playerRef, type ElectionModel } from './map-governance.ts';
import { canViewMembers, canViewTreasury, canViewTreatyTerms } from './permissions.ts';
import type { BallotReceipt } from './store/ballots.ts';
import { verifyContestTally, verifyReceipt } from './store/verification.ts';

interface RegionRef {
  id: string;
}

function pageOrThrow(first: number, offset: number): void {
  const issues = validatePage(first, offset);
  if (issues.length) throw new DomainError('ERR_VALIDATION', issues.map((i) => i.message).join('; '), { issues });
}

async function tallyVerification(ctx: GovernanceContext, kind: 'ELECTION' | 'POLICY', id: string) {
  const v = await verifyContestTally(ctx.db, { kind, id: assertUuid(id, kind === 'ELECTION' ? 'electionId' : 'policyId') });
  if (!v) throw new DomainError(kind === 'ELECTION' ? 'ERR_ELECTION_NOT_FOUND' : 'ERR_POLICY_NOT_FOUND', `${kind.toLowerCase()} ${id} not found`);
  return {
    ok: v.ok, ballotCount: v.ballotCount, mismatchedBallots: v.mismatchedBallotIds.length, recomputedRoot: v.recomputedRoot,
    publishedRoot: v.publishedRoot, rootMatches: v.rootMatches, talliesMatch: v.talliesMatch,
    tallies: Object.entries(v.recomputedTallies).map(([choice, units]) => ({ choice, weight: fromWeightUnits(units) })),
  };
}

export const queryResolvers = {
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
  async verifyBallot(_: unknown, args: { receipt: BallotReceipt }, ctx: GovernanceContext) {
    const r = args.receipt;
    if (!isUuid(r.ballotId) || !isUuid(r.contestId) || !/^[0-9a-f]{64}$/.test(r.receiptHash)) {
      throw new DomainError('ERR_INVALID_RECEIPT', 'a receipt has uuid ids and a 64-hex-digit hash');
    }
    return verifyReceipt(ctx.db, r);
  },
  verifyTally: (_: unknown, args: { electionId: string }, ctx: GovernanceContext) => tallyVerification(ctx, 'ELECTION', args.electionId),
  verifyPolicyTally: (_: unknown, args: { policyId: string }, ctx: GovernanceContext) => tallyVerification(ctx, 'POLICY', args.policyId),
  /** The domain's proposable-change table as proposePolicy validates it (docs/decisions/web-app.md "Policy form"). */
  policyChangeSchema() {
    return {
      changes: POLICY_CHANGE_SPECS.map((s) => ({ ...s, kind: s.kind.toUpperCase(), values: [...s.values], settingGroup: s.group })),
      votingDaysMin: GOVERNANCE_BOUNDS.votingDays.min,
      votingDaysMax: GOVERNANCE_BOUNDS.votingDays.max,
      votingDaysDefault: GOVERNANCE_BOUNDS.votingDays.default,
      titleMinLength: POLICY_TEXT_BOUNDS.titleMin,
      titleMaxLength: POLICY_TEXT_BOUNDS.titleMax,
      descriptionMaxLength: POLICY_TEXT_BOUNDS.descriptionMax,
    };
  },
};

export const regionResolvers = {
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
    const rows = await ctx.loaders.treaties.load(region.id);
    return Promise.all(
      rows.map(async (t) => {
        const owners = await Promise.all([ctx.loaders.regionOwner.load(t.regionAId), ctx.loaders.regionOwner.load(t.regionBId)]);
        return mapTreaty(t, canViewTreatyTerms(ctx.claims, owners.filter((o) => o !== null)));
      }),
    );
  },
  async treasuryLedger(region: RegionRef, args: { first?: number | null }, ctx: GovernanceContext) {
    const first = args.first ?? PAGE_LIMITS.defaultFirst;
    pageOrThrow(first, 0);
    const owner = await ctx.loaders.regionOwner.load(region.id);
    // Non-owners get the same answer whether or not the region exists (existence is not revealed).
    if (!canViewTreasury(ctx.claims, owner ?? { ownerId: null })) {
      throw new DomainError('ERR_NOT_REGION_OWNER', 'only the region owner or an admin may read the treasury ledger');
    }
    if (!owner) throw new DomainError('ERR_REGION_NOT_FOUND', `region ${region.id} not found`);
    return (await treasuryEntries(ctx.db, region.id, first)).map(mapTreasuryEntry);
  },
  async members(region: RegionRef, args: { first?: number | null; offset?: number | null }, ctx: GovernanceContext) {
    const first = args.first ?? PAGE_LIMITS.defaultFirst;
    const offset = args.offset ?? 0;
    pageOrThrow(first, offset);
    const owner = await ctx.loaders.regionOwner.load(region.id);
    if (!canViewMembers(ctx.claims, owner ?? { ownerId: null })) throw new DomainError('ERR_NOT_REGION_OWNER', 'only the region owner or an admin may list members');
    const m = hub.regionalMemberships;
    const [items, [total]] = await Promise.all([
      ctx.db.select().from(m).where(eq(m.regionId, region.id)).orderBy(desc(m.joinedAt), asc(m.id)).limit(first).offset(offset),
      ctx.db.select({ n: count() }).from(m).where(eq(m.regionId, region.id)),
    ]);
    return { items: items.map(mapMember), total: total?.n ?? 0, offset };
  },
  async councilSeats(region: RegionRef, _: unknown, ctx: GovernanceContext) {
    const s = hub.regionalCouncilSeats;
    const rows = await ctx.db.select().from(s).where(and(eq(s.regionId, region.id))).orderBy(asc(s.seatNumber));
    return rows.map((r) => ({ seatNumber: r.seatNumber, player: playerRef(r.playerId), weight: Number(r.weight) }));
  },
};
