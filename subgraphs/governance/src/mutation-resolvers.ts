import { and, eq } from 'drizzle-orm';
import { hub } from '@sw/db';
import { DomainError, assertUuid, toDbEnum, ELECTION_POSITIONS, TREATY_TYPES } from '@sw/domain';
import { acceptTreaty } from './commands/accept-treaty.ts';
import { appointGovernor } from './commands/appoint-governor.ts';
import { cancelElection } from './commands/cancel-election.ts';
import { castElectionVote } from './commands/cast-election-vote.ts';
import { castPolicyVote } from './commands/cast-policy-vote.ts';
import { claimColonyCitizenship } from './commands/claim-colony-citizenship.ts';
import { declareResidence } from './commands/declare-residence.ts';
import { decidePetition } from './commands/decide-petition.ts';
import { unwrap } from './commands/outcome.ts';
import { proposePolicy, type ProposePolicyInput } from './commands/propose-policy.ts';
import { proposeTreaty } from './commands/propose-treaty.ts';
import { registerCandidate } from './commands/register-candidate.ts';
import { rejectTreaty } from './commands/reject-treaty.ts';
import { setMemberStanding } from './commands/set-member-standing.ts';
import { startElection } from './commands/start-election.ts';
import { terminateTreaty } from './commands/terminate-treaty.ts';
import type { GovernanceContext } from './governance-context.ts';
import { electionById, policyById } from './governance-queries.ts';
import { mapElection, mapMember, mapPolicy, mapTreaty } from './map-governance.ts';

/**
 * Mutation resolvers: check id shapes, call the one command per intent, translate its outcome (unwrap), and read back
 * the changed object for the response.
 */
async function electionModel(ctx: GovernanceContext, id: string) {
  const row = await electionById(ctx.db, id);
  if (!row) throw new DomainError('ERR_ELECTION_NOT_FOUND', `election ${id} not found`);
  return mapElection(row);
}

async function policyModel(ctx: GovernanceContext, id: string) {
  const row = await policyById(ctx.db, id);
  if (!row) throw new DomainError('ERR_POLICY_NOT_FOUND', `policy ${id} not found`);
  return mapPolicy(row);
}

async function treatyModel(ctx: GovernanceContext, id: string) {
  const [row] = await ctx.db.select().from(hub.regionalTreaties).where(eq(hub.regionalTreaties.id, id));
  if (!row) throw new DomainError('ERR_TREATY_NOT_FOUND', `treaty ${id} not found`);
  return mapTreaty(row, true); // only a party's owner (or an admin) gets here
}

async function memberModel(ctx: GovernanceContext, regionId: string, playerId: string) {
  const m = hub.regionalMemberships;
  const [row] = await ctx.db.select().from(m).where(and(eq(m.regionId, regionId), eq(m.playerId, playerId)));
  if (!row) throw new DomainError('ERR_MEMBER_NOT_FOUND', 'membership not found');
  return mapMember(row);
}

type Args<T> = T;

export const mutationResolvers = {
  async proposePolicy(_: unknown, { input }: Args<{ input: ProposePolicyInput }>, ctx: GovernanceContext) {
    assertUuid(input.regionId, 'regionId');
    const r = unwrap(await proposePolicy(ctx.deps, ctx.claims, input));
    return { policy: await policyModel(ctx, r.policyId), enacted: r.enacted };
  },
  async castPolicyVote(_: unknown, args: { policyId: string; support: boolean }, ctx: GovernanceContext) {
    const r = unwrap(await castPolicyVote(ctx.deps, ctx.claims, { policyId: assertUuid(args.policyId, 'policyId'), support: args.support }));
    return { receipt: r.receipt, policyId: r.policyId };
  },
  async signPetition(_: unknown, args: { policyId: string }, ctx: GovernanceContext) {
    const r = unwrap(await decidePetition(ctx.deps, ctx.claims, { policyId: assertUuid(args.policyId, 'policyId'), decision: 'sign' }));
    return policyModel(ctx, r.policyId);
  },
  async vetoPetition(_: unknown, args: { policyId: string }, ctx: GovernanceContext) {
    const r = unwrap(await decidePetition(ctx.deps, ctx.claims, { policyId: assertUuid(args.policyId, 'policyId'), decision: 'veto' }));
    return policyModel(ctx, r.policyId);
  },
  async startElection(
    _: unknown,
    { input }: Args<{ input: { regionId: string; position: string; registrationDays?: number | null; votingDays?: number | null; candidates?: string[] | null } }>,
    ctx: GovernanceContext,
  ) {
    assertUuid(input.regionId, 'regionId');
    for (const c of input.candidates ?? []) assertUuid(c, 'candidates');
    const position = toDbEnum(input.position, ELECTION_POSITIONS, 'position');
    const r = unwrap(await startElection(ctx.deps, ctx.claims, { ...input, position }));
    return electionModel(ctx, r.electionId);
  },
  async registerCandidate(_: unknown, args: { electionId: string; platform?: string | null }, ctx: GovernanceContext) {
    const r = unwrap(await registerCandidate(ctx.deps, ctx.claims, { electionId: assertUuid(args.electionId, 'electionId'), platform: args.platform ?? null }));
    return electionModel(ctx, r.electionId);
  },
  async cancelElection(_: unknown, args: { electionId: string }, ctx: GovernanceContext) {
    const r = unwrap(await cancelElection(ctx.deps, ctx.claims, assertUuid(args.electionId, 'electionId')));
    return electionModel(ctx, r.electionId);
  },
  async castElectionVote(_: unknown, args: { electionId: string; candidateId: string }, ctx: GovernanceContext) {
    const r = unwrap(
      await castElectionVote(ctx.deps, ctx.claims, { electionId: assertUuid(args.electionId, 'electionId'), candidateId: assertUuid(args.candidateId, 'candidateId') }),
    );
    return { receipt: r.receipt, electionId: r.electionId };
  },
  async appointGovernor(_: unknown, args: { regionId: string; playerId?: string | null }, ctx: GovernanceContext) {
    const playerId = args.playerId ? assertUuid(args.playerId, 'playerId') : null;
    const r = unwrap(await appointGovernor(ctx.deps, ctx.claims, { regionId: assertUuid(args.regionId, 'regionId'), playerId }));
    return { id: r.regionId };
  },
  async setMemberStanding(
    _: unknown,
    { input }: Args<{ input: { regionId: string; playerId: string; votingPower?: number | null; localRank?: string | null } }>,
    ctx: GovernanceContext,
  ) {
    assertUuid(input.regionId, 'regionId');
    assertUuid(input.playerId, 'playerId');
    unwrap(await setMemberStanding(ctx.deps, ctx.claims, input));
    return memberModel(ctx, input.regionId, input.playerId);
  },
  async declareResidence(_: unknown, args: { regionId: string }, ctx: GovernanceContext) {
    unwrap(await declareResidence(ctx.deps, ctx.claims, assertUuid(args.regionId, 'regionId')));
    return memberModel(ctx, args.regionId, ctx.claims!.playerId!);
  },
  async claimColonyCitizenship(_: unknown, args: { regionId: string }, ctx: GovernanceContext) {
    unwrap(await claimColonyCitizenship(ctx.deps, ctx.claims, assertUuid(args.regionId, 'regionId')));
    return memberModel(ctx, args.regionId, ctx.claims!.playerId!);
  },
  async proposeTreaty(
    _: unknown,
    { input }: Args<{ input: { regionId: string; counterpartyRegionId: string; treatyType: string; terms?: unknown; expiresAt?: string | null } }>,
    ctx: GovernanceContext,
  ) {
    assertUuid(input.regionId, 'regionId');
    assertUuid(input.counterpartyRegionId, 'counterpartyRegionId');
    const r = unwrap(await proposeTreaty(ctx.deps, ctx.claims, { ...input, treatyType: toDbEnum(input.treatyType, TREATY_TYPES, 'treatyType') }));
    return treatyModel(ctx, r.treatyId);
  },
  async acceptTreaty(_: unknown, args: { treatyId: string }, ctx: GovernanceContext) {
    return treatyModel(ctx, unwrap(await acceptTreaty(ctx.deps, ctx.claims, assertUuid(args.treatyId, 'treatyId'))).treatyId);
  },
  async rejectTreaty(_: unknown, args: { treatyId: string }, ctx: GovernanceContext) {
    return treatyModel(ctx, unwrap(await rejectTreaty(ctx.deps, ctx.claims, assertUuid(args.treatyId, 'treatyId'))).treatyId);
  },
  async terminateTreaty(_: unknown, args: { treatyId: string }, ctx: GovernanceContext) {
    return treatyModel(ctx, unwrap(await terminateTreaty(ctx.deps, ctx.claims, assertUuid(args.treatyId, 'treatyId'))).treatyId);
  },
};
