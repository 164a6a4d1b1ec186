/**
 * Policies through the Governance subgraph: proposal validation, decree vs referendum vs council by governance type,
 * the vote error map, close by the sweep with quorum / threshold / supermajority by keys, enactment in the same
 * transaction with a treasury ledger row, petitions (sign, veto, lapse).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { hub } from '@sw/db';
import { dataOf, errorCodes } from '@sw/testing';
import { createGovernanceFixture, DAY, type GovernanceFixture, type Person } from './governance-fixture.ts';

let fx: GovernanceFixture;
let owner: Person, c1: Person, c2: Person, c3: Person, c4: Person, newbie: Person, visitor: Person, muted: Person, outsider: Person;
let demo: string, autoc: string;

const PROPOSE = `mutation($input: ProposePolicyInput!) { proposePolicy(input: $input) { enacted policy { id status decisionKind constitutional } } }`;
const VOTE = `mutation($id: ID!, $s: Boolean!) { castPolicyVote(policyId: $id, support: $s) { receipt { receiptHash weight choice } policy { votesFor votesAgainst } } }`;
const POLICY = `query($id: ID!) { policy(id: $id) { status outcomeReason eligibleCount quorum requiredApproval ballotRoot appliedChanges signatureDeadlineAt votesFor } }`;

interface ProposeData {
  proposePolicy: { enacted: boolean; policy: { id: string; status: string; decisionKind: string; constitutional: boolean } };
}
interface VoteData {
  castPolicyVote: { receipt: { receiptHash: string; weight: number; choice: string }; policy: { votesFor: number; votesAgainst: number } };
}
interface PolicyData {
  policy: {
    status: string; outcomeReason: string | null; eligibleCount: number | null; quorum: number | null; requiredApproval: number | null;
    ballotRoot: string | null; appliedChanges: unknown; signatureDeadlineAt: string | null; votesFor: number;
  };
}
async function propose(who: Person, regionId: string, proposedChanges: unknown, extra: Record<string, unknown> = {}) {
  return fx.gql<ProposeData>(PROPOSE, { input: { regionId, title: 'A proposal', proposedChanges, ...extra } }, who);
}
const proposedId = async (who: Person, regionId: string, proposedChanges: unknown, extra: Record<string, unknown> = {}) =>
  dataOf(await propose(who, regionId, proposedChanges, extra)).proposePolicy.policy.id;
const vote = (id: string, s: boolean, who: Person | null = null) => fx.gql<VoteData>(VOTE, { id, s }, who);
const readPolicy = async (id: string) => dataOf(await fx.gql<PolicyData>(POLICY, { id })).policy;

beforeAll(async () => {
  fx = await createGovernanceFixture();
  [owner, c1, c2, c3, c4, visitor, muted, outsider] = (await Promise.all(Array.from({ length: 8 }, () => fx.person()))) as [Person, Person, Person, Person, Person, Person, Person, Person];
  newbie = await fx.person({ ageDays: 10 });
  demo = await fx.region(owner, { governanceType: 'democracy', treasuryBalance: 0 });
  autoc = await fx.region(owner, { governanceType: 'autocracy' });
  for (const r of [demo, autoc]) {
    for (const c of [c1, c2, c3, c4]) await fx.member(r, c, 'citizen');
    await fx.member(r, newbie, 'citizen');
    await fx.member(r, visitor, 'visitor');
    await fx.member(r, muted, 'resident', 0);
  }
});
afterAll(async () => fx?.stop());

describe('policyChangeSchema', () => {
  const SCHEMA = `{ policyChangeSchema { votingDaysMin votingDaysMax changes { key kind min max values constitutional settingGroup } } }`;
  type SchemaData = { policyChangeSchema: { votingDaysMin: number; votingDaysMax: number; changes: { key: string; kind: string; min: number | null; max: number | null; values: string[] }[] } };
  it('publishes the bounds proposePolicy enforces: the edges pass validation, one step beyond is refused at the key', async () => {
    const { policyChangeSchema: s } = dataOf(await fx.gql<SchemaData>(SCHEMA, {}));
    expect(s.changes.map((c) => c.key)).toContain('tax_rate');
    expect(s).toMatchObject({ votingDaysMin: 1, votingDaysMax: 30 });
    const tax = s.changes.find((c) => c.key === 'tax_rate')!;
    expect(tax.kind).toBe('NUMBER');
    const type = s.changes.find((c) => c.key === 'governance_type')!;
    expect(type).toMatchObject({ kind: 'ENUM', values: ['autocracy', 'democracy', 'council'] });
    const over = await propose(c1, demo, { tax_rate: tax.max! + 0.01, governance_type: 'monarchy' });
    expect(errorCodes(over)).toEqual(['ERR_INVALID_PROPOSED_CHANGES']);
    const details = over.errors?.[0]?.extensions?.details as { issues: { path: string }[] };
    expect(details.issues.map((i) => i.path)).toEqual(['proposedChanges.tax_rate', 'proposedChanges.governance_type']);
  });
});

describe('proposePolicy', () => {
  it('refuses invalid changes with every problem listed, and changes nothing', async () => {
    const r = await propose(c1, demo, { tax_rate: 0.5, trade_bonuses: { food: 2 }, nope: true });
    expect(errorCodes(r)).toEqual(['ERR_INVALID_PROPOSED_CHANGES']);
    const details = r.errors?.[0]?.extensions?.details as { issues: { path: string }[] } | undefined;
    const issues = details?.issues.map((i) => i.path);
    expect(issues).toEqual(['proposedChanges.tax_rate', 'proposedChanges.trade_bonuses.food', 'proposedChanges.nope']);
    expect(await fx.db.select().from(hub.regionalPolicies).where(eq(hub.regionalPolicies.regionId, demo))).toEqual([]);
  });
  it.each([
    ['a title too short', { title: 'x' }, 'ERR_VALIDATION'],
    ['a voting window of 31 days', { votingDays: 31 }, 'ERR_VALIDATION'],
  ])('refuses %s', async (_l, extra, code) => {
    expect(errorCodes(await propose(c1, demo, { tax_rate: 0.1 }, extra))).toEqual([code]);
  });
  it('refuses a visitor, an outsider and anonymous callers', async () => {
    expect(errorCodes(await propose(visitor, demo, { tax_rate: 0.1 }))).toEqual(['ERR_GOVERNANCE_DENIED']);
    expect(errorCodes(await propose(outsider, demo, { tax_rate: 0.1 }))).toEqual(['ERR_GOVERNANCE_DENIED']);
    expect(errorCodes(await fx.gql(PROPOSE, { input: { regionId: demo, title: 'Anon', proposedChanges: { tax_rate: 0.1 } } }))).toEqual(['ERR_UNAUTHENTICATED']);
    expect(errorCodes(await propose(c1, '90000000-0000-4000-8000-0000000000ff', { tax_rate: 0.1 }))).toEqual(['ERR_REGION_NOT_FOUND']);
  });
  it('an autocrat decrees: enacted at once, recorded as a decree, treasury moved with a ledger row', async () => {
    const r = await propose(owner, autoc, { tax_rate: 0.2, treasury_adjustment: 5000, arbitrage_stipend: true });
    expect(r.errors).toBeUndefined();
    expect(dataOf(r).proposePolicy).toMatchObject({ enacted: true, policy: { status: 'IMPLEMENTED', decisionKind: 'DECREE' } });
    const [region] = await fx.db.select().from(hub.regions).where(eq(hub.regions.id, autoc));
    expect(region).toMatchObject({ taxRate: 0.2, treasuryBalance: 5000, tradeBonuses: { arbitrage_stipend: true } });
    const ledger = await fx.db.select().from(hub.regionalTreasuryEntries).where(eq(hub.regionalTreasuryEntries.regionId, autoc));
    expect(ledger).toMatchObject([{ beforeBalance: 0, delta: 5000, afterBalance: 5000, causeType: 'policy_enactment', causeId: dataOf(r).proposePolicy.policy.id }]);
    const history = await fx.db.select().from(hub.regionConfigVersions).where(eq(hub.regionConfigVersions.regionId, autoc));
    expect(history).toMatchObject([{ via: 'decree', actorPlayerId: owner.playerId, policyId: null }]);
  });
  it('in a democracy even the owner only proposes a referendum; constitutional follows the keys, not the type label', async () => {
    const r = await propose(owner, demo, { governance_type: 'council' }, { policyType: 'tax_rate' });
    expect(dataOf(r).proposePolicy).toMatchObject({ enacted: false, policy: { status: 'VOTING', decisionKind: 'REFERENDUM', constitutional: true } });
  });
});

describe('castPolicyVote and the close', () => {
  let policyId: string;
  beforeAll(async () => {
    fx.clock.ms = Date.now();
    policyId = await proposedId(c1, demo, { tax_rate: 0.15, treasury_adjustment: -100 }, { votingDays: 1 });
  });

  it('the vote error map', async () => {
    expect(errorCodes(await vote(policyId, true))).toEqual(['ERR_UNAUTHENTICATED']);
    expect(errorCodes(await vote('90000000-0000-4000-8000-0000000000ff', true, c1))).toEqual(['ERR_POLICY_NOT_FOUND']);
    expect(errorCodes(await vote(policyId, true, outsider))).toEqual(['ERR_NOT_A_MEMBER']);
    expect(errorCodes(await vote(policyId, true, visitor))).toEqual(['ERR_NOT_ELIGIBLE']);
    expect(errorCodes(await vote(policyId, true, muted))).toEqual(['ERR_NOT_ELIGIBLE']);
    expect(errorCodes(await vote(policyId, true, newbie))).toEqual(['ERR_ACCOUNT_TOO_NEW']);
  });

  it('decimal weights, one final ballot each, a receipt back', async () => {
    const a = dataOf(await vote(policyId, true, c1));
    expect(a.castPolicyVote.receipt).toMatchObject({ weight: 1.5, choice: 'for' });
    expect(a.castPolicyVote.receipt.receiptHash).toMatch(/^[0-9a-f]{64}$/);
    await fx.db.update(hub.regionalMemberships).set({ votingPower: 2.5 }).where(eq(hub.regionalMemberships.playerId, c2.playerId));
    await vote(policyId, true, c2);
    const b = await vote(policyId, false, c3);
    expect(dataOf(b).castPolicyVote.policy).toEqual({ votesFor: 4, votesAgainst: 1.5 }); // 1.5 + 2.5, not rounded integers
    expect(errorCodes(await vote(policyId, false, c1))).toEqual(['ERR_ALREADY_VOTED']);
  });

  it('the sweep decides at voting_closes_at with the age-filtered roll, enacts in the same transaction', async () => {
    expect((await fx.sweep()).policiesDecided).toBe(0); // not due yet
    fx.clock.ms += DAY + 1000;
    expect(errorCodes(await vote(policyId, true, c4))).toEqual(['ERR_VOTING_WINDOW_CLOSED']);
    const report = await fx.sweep();
    expect(report).toMatchObject({ policiesDecided: 1, policiesEnacted: 1 });
    const p = await readPolicy(policyId);
    // Roll: c1-c4 (the 10-day account, the visitor and the power-0 resident do not count) -> quorum max(2, ceil(4 x 0.33)) = 2.
    expect(p).toMatchObject({ status: 'IMPLEMENTED', eligibleCount: 4, quorum: 2, requiredApproval: 0.51, appliedChanges: { tax_rate: 0.15 } });
    expect(p.ballotRoot).toMatch(/^[0-9a-f]{64}$/);
    const [region] = await fx.db.select().from(hub.regions).where(eq(hub.regions.id, demo));
    expect(region!.taxRate).toBe(0.15);
    // The setting changed through the one configuration writer: a new config version, recorded as this policy's.
    const history = await fx.db.select().from(hub.regionConfigVersions).where(eq(hub.regionConfigVersions.regionId, demo));
    expect(history).toMatchObject([{ via: 'policy', policyId, changes: [{ field: 'taxRate', to: 0.15 }] }]);
    expect(region!.treasuryBalance).toBe(0); // a withdrawal from an empty treasury moves nothing and writes no row
    expect(await fx.db.select().from(hub.regionalTreasuryEntries).where(eq(hub.regionalTreasuryEntries.regionId, demo))).toEqual([]);
    expect(errorCodes(await vote(policyId, true, c4))).toEqual(['ERR_POLICY_NOT_VOTING']);
  });

  it('rejects with no_quorum and below_threshold; constitutional needs 0.66', async () => {
    fx.clock.ms = Date.now();
    const lonely = await proposedId(c1, demo, { tax_rate: 0.2 }, { votingDays: 1 });
    await vote(lonely, true, c1);
    const split = await proposedId(c1, demo, { tax_rate: 0.2 }, { votingDays: 1 });
    for (const [who, s] of [[c1, true], [c3, false]] as const) await fx.gql(VOTE, { id: split, s }, who);
    const constitutional = await proposedId(c1, demo, { voting_threshold: 0.6 }, { votingDays: 1 });
    // 2.5 + 1.5 for, 1.5 + 1.5 against = 0.571: passes 0.51 but not 0.66.
    for (const [who, s] of [[c1, true], [c2, true], [c3, false], [c4, false]] as const) await fx.gql(VOTE, { id: constitutional, s }, who);
    fx.clock.ms += DAY + 1000;
    await fx.sweep();
    expect(await readPolicy(lonely)).toMatchObject({ status: 'REJECTED', outcomeReason: 'no_quorum' });
    expect(await readPolicy(split)).toMatchObject({ status: 'REJECTED', outcomeReason: 'below_threshold' });
    expect(await readPolicy(constitutional)).toMatchObject({ status: 'REJECTED', outcomeReason: 'below_threshold', requiredApproval: 0.66 });
  });
});

describe('petitions under autocracy', () => {
  async function passedPetition(): Promise<string> {
    const id = await proposedId(c1, autoc, { tax_rate: 0.07, treasury_adjustment: -1000 }, { votingDays: 1 });
    for (const c of [c1, c2, c3]) await fx.gql(VOTE, { id, s: true }, c);
    return id;
  }
  it('a passed petition waits for the owner; signing enacts it; vetoing rejects it; an unsigned one lapses after 7 days', async () => {
    fx.clock.ms = Date.now();
    const [signed, vetoed, lapsed] = [await passedPetition(), await passedPetition(), await passedPetition()];
    fx.clock.ms += DAY + 1000;
    await fx.sweep();
    const p = await readPolicy(signed);
    expect(p.status).toBe('PASSED');
    expect(p.signatureDeadlineAt).not.toBeNull();
    expect(errorCodes(await fx.gql(`mutation($id: ID!) { signPetition(policyId: $id) { status } }`, { id: signed }, c1))).toEqual(['ERR_NOT_REGION_OWNER']);
    const s = await fx.gql<{ signPetition: { status: string } }>(`mutation($id: ID!) { signPetition(policyId: $id) { status } }`, { id: signed }, owner);
    expect(dataOf(s)).toEqual({ signPetition: { status: 'IMPLEMENTED' } });
    const [region] = await fx.db.select().from(hub.regions).where(eq(hub.regions.id, autoc));
    expect(region).toMatchObject({ taxRate: 0.07, treasuryBalance: 4000 });
    expect(errorCodes(await fx.gql(`mutation($id: ID!) { signPetition(policyId: $id) { status } }`, { id: signed }, owner))).toEqual(['ERR_PETITION_NOT_AWAITING_SIGNATURE']);
    const v = await fx.gql<{ vetoPetition: { status: string; outcomeReason: string } }>(`mutation($id: ID!) { vetoPetition(policyId: $id) { status outcomeReason } }`, { id: vetoed }, owner);
    expect(dataOf(v)).toEqual({ vetoPetition: { status: 'REJECTED', outcomeReason: 'vetoed' } });
    fx.clock.ms += 7 * DAY;
    expect((await fx.sweep()).petitionsLapsed).toBe(1);
    expect(await readPolicy(lapsed)).toMatchObject({ status: 'REJECTED', outcomeReason: 'lapsed' });
    const ledger = await fx.db.select().from(hub.regionalTreasuryEntries).where(eq(hub.regionalTreasuryEntries.regionId, autoc));
    expect(ledger.map((l) => l.delta).sort()).toEqual([-1000, 5000].sort());
  });
});

describe('council republic', () => {
  it('councillors propose and decide, one vote per seat; citizens may not; quorum is a majority of seats', async () => {
    fx.clock.ms = Date.now();
    const council = await fx.region(owner, { governanceType: 'council', councilSeats: 3 });
    for (const c of [c1, c2, c3, c4]) await fx.member(council, c, 'citizen');
    await fx.db.insert(hub.regionalCouncilSeats).values([c1, c2, c3].map((c, i) => ({ regionId: council, seatNumber: i + 1, playerId: c.playerId, weight: 1 })));
    expect(errorCodes(await propose(c4, council, { tax_rate: 0.2 }))).toEqual(['ERR_GOVERNANCE_DENIED']);
    const r = dataOf(await propose(c1, council, { tax_rate: 0.2 }, { votingDays: 1 }));
    expect(r.proposePolicy.policy.decisionKind).toBe('COUNCIL');
    const id = r.proposePolicy.policy.id;
    expect(errorCodes(await vote(id, true, c4))).toEqual(['ERR_NOT_A_COUNCILLOR']);
    const v = dataOf(await vote(id, true, c1));
    expect(v.castPolicyVote.receipt.weight).toBe(1); // a seat weighs 1 whatever the voting power
    await vote(id, true, c2);
    fx.clock.ms += DAY + 1000;
    await fx.sweep();
    expect(await readPolicy(id)).toMatchObject({ status: 'IMPLEMENTED', eligibleCount: 3, quorum: 2 });
  });
});

describe('appointGovernor (autocracy)', () => {
  const APPOINT = `mutation($r: ID!, $p: ID) { appointGovernor(regionId: $r, playerId: $p) { id } }`;
  it('the owner appoints a member, who then decrees; elsewhere the governor is elected', async () => {
    fx.clock.ms = Date.now();
    expect(errorCodes(await fx.gql(APPOINT, { r: autoc, p: c2.playerId }, c1))).toEqual(['ERR_GOVERNANCE_DENIED']);
    expect(errorCodes(await fx.gql(APPOINT, { r: autoc, p: outsider.playerId }, owner))).toEqual(['ERR_MEMBER_NOT_FOUND']);
    expect(errorCodes(await fx.gql(APPOINT, { r: demo, p: c2.playerId }, owner))).toEqual(['ERR_GOVERNANCE_DENIED']);
    expect((await fx.gql(APPOINT, { r: autoc, p: c2.playerId }, owner)).errors).toBeUndefined();
    const decree = await propose(c2, autoc, { trade_bonuses: { fuel: 2 } });
    expect(dataOf(decree).proposePolicy).toMatchObject({ enacted: true, policy: { decisionKind: 'DECREE', status: 'IMPLEMENTED' } });
    expect((await fx.gql(APPOINT, { r: autoc, p: null }, owner)).errors).toBeUndefined();
    const petition = await propose(c2, autoc, { trade_bonuses: { fuel: 2.5 } });
    expect(dataOf(petition).proposePolicy).toMatchObject({ enacted: false, policy: { decisionKind: 'OWNER_SIGNATURE' } });
  });
  it('leaving autocracy by decree ends the appointed governor\'s office', async () => {
    await fx.gql(APPOINT, { r: autoc, p: c3.playerId }, owner);
    const r = await propose(owner, autoc, { governance_type: 'democracy' });
    expect(dataOf(r).proposePolicy).toMatchObject({ enacted: true, policy: { constitutional: true } });
    const [region] = await fx.db.select().from(hub.regions).where(eq(hub.regions.id, autoc));
    expect(region).toMatchObject({ governanceType: 'democracy', governorId: null });
    // Now a democracy: the owner's next change is only a referendum.
    expect(dataOf(await propose(owner, autoc, { tax_rate: 0.1 })).proposePolicy).toMatchObject({ enacted: false, policy: { decisionKind: 'REFERENDUM' } });
  });
});
