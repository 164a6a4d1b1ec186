/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument --
   GraphQL responses are read as untyped JSON and asserted as whole shapes with toEqual / toMatchObject. */
/**
 * Elections through the Governance subgraph: PENDING -> ACTIVE -> COMPLETED, never born active; candidate registration
 * rules; cancel; the vote error map; governor voided below the threshold; ties to the earliest registrant; council
 * seats; automatic scheduling per governance type; receipts, verifyBallot / verifyTally and tampering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { hub } from '@sw/db';
import { errorCodes } from '@sw/testing';
import { createGovernanceFixture, DAY, type GovernanceFixture, type Person } from './governance-fixture.ts';

let fx: GovernanceFixture;
let owner: Person, c1: Person, c2: Person, c3: Person, c4: Person, bad: Person, newbie: Person, visitor: Person, outsider: Person;
let demo: string;

const START = `mutation($input: StartElectionInput!) { startElection(input: $input) { id status votingOpensAt seats } }`;
const REGISTER = `mutation($id: ID!, $p: String) { registerCandidate(electionId: $id, platform: $p) { candidates { player { id } platform } } }`;
const VOTE = `mutation($e: ID!, $c: ID!) { castElectionVote(electionId: $e, candidateId: $c) { receipt { ballotId contestId contestKind choice weight salt receiptHash } } }`;
const ELECTION = `query($id: ID!) { election(id: $id) { status winner { id } cancelReason ballotRoot results { voided reason totalWeight ballots seats { seatNumber player { id } } } ballots { receiptHash choice weight } } }`;

async function start(who: Person, regionId: string, position: string, extra: Record<string, unknown> = {}) {
  return fx.gql(START, { input: { regionId, position, registrationDays: 1, votingDays: 1, ...extra } }, who);
}
async function openElection(regionId: string, position: string, candidates: Person[]): Promise<string> {
  fx.clock.ms = Date.now();
  const r = await start(owner, regionId, position);
  const id = r.data.startElection.id as string;
  for (const c of candidates) await fx.gql(REGISTER, { id }, c);
  fx.clock.ms += DAY + 1000;
  await fx.sweep();
  return id;
}
const close = async () => {
  fx.clock.ms += DAY + 1000;
  return fx.sweep();
};

beforeAll(async () => {
  fx = await createGovernanceFixture();
  [owner, c1, c2, c3, c4, bad, visitor, outsider] = (await Promise.all(Array.from({ length: 8 }, () => fx.person()))) as [Person, Person, Person, Person, Person, Person, Person, Person];
  newbie = await fx.person({ ageDays: 5 });
  demo = await fx.region(owner, { governanceType: 'democracy' });
  // A sitting governor, so the sweep schedules no automatic election here while the tests start their own.
  await fx.db.update(hub.regions).set({ governorId: c4.playerId }).where(eq(hub.regions.id, demo));
  for (const c of [c1, c2, c3, c4]) await fx.member(demo, c, 'citizen');
  await fx.member(demo, bad, 'citizen', 1.5, -5);
  await fx.member(demo, newbie, 'citizen');
  await fx.member(demo, visitor, 'visitor');
});
afterAll(async () => fx?.stop());

describe('startElection', () => {
  it('is born PENDING with a registration window; refuses a second live one, an empty list and unelected offices', async () => {
    fx.clock.ms = Date.now();
    const r = await start(owner, demo, 'AMBASSADOR');
    expect(r.errors).toBeUndefined();
    expect(r.data.startElection.status).toBe('PENDING');
    expect(new Date(r.data.startElection.votingOpensAt).getTime()).toBeGreaterThan(fx.clock.ms);
    expect(errorCodes(await start(owner, demo, 'AMBASSADOR'))).toEqual(['ERR_ELECTION_EXISTS']);
    expect(errorCodes(await start(owner, demo, 'GOVERNOR', { candidates: [] }))).toEqual(['ERR_NO_CANDIDATES']);
    expect(errorCodes(await start(owner, demo, 'COUNCIL_MEMBER'))).toEqual(['ERR_POSITION_NOT_ELECTED']);
    expect(errorCodes(await start(c1, demo, 'GOVERNOR'))).toEqual(['ERR_GOVERNANCE_DENIED']);
    expect(errorCodes(await start(owner, demo, 'GOVERNOR', { candidates: [visitor.playerId] }))).toEqual(['ERR_NOT_A_CITIZEN']);
    expect(errorCodes(await start(owner, demo, 'GOVERNOR', { votingDays: 0 }))).toEqual(['ERR_VALIDATION']);
    const autoc = await fx.region(owner, { governanceType: 'autocracy' });
    expect(errorCodes(await start(owner, autoc, 'GOVERNOR'))).toEqual(['ERR_POSITION_NOT_ELECTED']);
    const cancelled = await fx.gql(`mutation($id: ID!) { cancelElection(electionId: $id) { status cancelReason } }`, { id: r.data.startElection.id }, owner);
    expect(cancelled.data).toEqual({ cancelElection: { status: 'CANCELLED', cancelReason: 'by_owner' } });
  });

  it('registration: citizens with reputation >= 0, platform <= 500, once; locked once voting opens', async () => {
    fx.clock.ms = Date.now();
    const id = (await start(owner, demo, 'TRADE_COMMISSIONER')).data.startElection.id as string;
    expect(errorCodes(await fx.gql(REGISTER, { id }, visitor))).toEqual(['ERR_NOT_A_CITIZEN']);
    expect(errorCodes(await fx.gql(REGISTER, { id }, bad))).toEqual(['ERR_INSUFFICIENT_REPUTATION']);
    expect(errorCodes(await fx.gql(REGISTER, { id, p: 'x'.repeat(501) }, c1))).toEqual(['ERR_VALIDATION']);
    expect((await fx.gql(REGISTER, { id, p: 'Open markets' }, c1)).data.registerCandidate.candidates).toEqual([{ player: { id: c1.playerId }, platform: 'Open markets' }]);
    expect(errorCodes(await fx.gql(REGISTER, { id }, c1))).toEqual(['ERR_ALREADY_CANDIDATE']);
    expect(errorCodes(await fx.gql(VOTE, { e: id, c: c1.playerId }, c2))).toEqual(['ERR_ELECTION_NOT_ACTIVE']);
    fx.clock.ms += DAY + 1000;
    expect((await fx.sweep()).electionsOpened).toBe(1);
    expect(errorCodes(await fx.gql(REGISTER, { id }, c2))).toEqual(['ERR_CANDIDATES_LOCKED']);
    expect(errorCodes(await fx.gql(`mutation($id: ID!) { cancelElection(electionId: $id) { status } }`, { id }, owner))).toEqual(['ERR_ELECTION_NOT_PENDING']);
    await close();
  });

  it('an election nobody registered for never opens: it is cancelled (no_candidates)', async () => {
    fx.clock.ms = Date.now();
    const id = (await start(owner, demo, 'AMBASSADOR')).data.startElection.id as string;
    fx.clock.ms += DAY + 1000;
    expect((await fx.sweep()).electionsCancelled).toBeGreaterThanOrEqual(1);
    expect((await fx.gql(ELECTION, { id })).data.election).toMatchObject({ status: 'CANCELLED', cancelReason: 'no_candidates' });
  });
});

describe('casting and tallying', () => {
  let governorElection: string;
  let receipt: Record<string, unknown>;
  it('the vote error map', async () => {
    governorElection = await openElection(demo, 'GOVERNOR', [c1, c2]);
    const e = governorElection;
    expect(errorCodes(await fx.gql(VOTE, { e, c: c1.playerId }))).toEqual(['ERR_UNAUTHENTICATED']);
    expect(errorCodes(await fx.gql(VOTE, { e: '90000000-0000-4000-8000-0000000000ff', c: c1.playerId }, c3))).toEqual(['ERR_ELECTION_NOT_FOUND']);
    expect(errorCodes(await fx.gql(VOTE, { e, c: c4.playerId }, c3))).toEqual(['ERR_UNKNOWN_CANDIDATE']);
    expect(errorCodes(await fx.gql(VOTE, { e, c: c1.playerId }, outsider))).toEqual(['ERR_NOT_A_MEMBER']);
    expect(errorCodes(await fx.gql(VOTE, { e, c: c1.playerId }, visitor))).toEqual(['ERR_NOT_ELIGIBLE']);
    expect(errorCodes(await fx.gql(VOTE, { e, c: c1.playerId }, newbie))).toEqual(['ERR_ACCOUNT_TOO_NEW']);
    const ok = await fx.gql(VOTE, { e, c: c1.playerId }, c3);
    expect(ok.errors).toBeUndefined();
    receipt = ok.data.castElectionVote.receipt;
    expect(receipt).toMatchObject({ contestId: e, contestKind: 'ELECTION', choice: c1.playerId, weight: 1.5 });
    expect(errorCodes(await fx.gql(VOTE, { e, c: c2.playerId }, c3))).toEqual(['ERR_ALREADY_VOTED']);
  });

  it('a governor short of the threshold is voided and the incumbent stays; the root is published', async () => {
    await fx.gql(VOTE, { e: governorElection, c: c2.playerId }, c4); // 1.5 vs 1.5: top share 0.5 < 0.51
    await close();
    const e = (await fx.gql(ELECTION, { id: governorElection })).data.election;
    expect(e).toMatchObject({ status: 'COMPLETED', winner: null, results: { voided: true, reason: 'below_threshold', totalWeight: 3, ballots: 2 } });
    expect(e.ballots).toHaveLength(2);
    expect(e.ballotRoot).toMatch(/^[0-9a-f]{64}$/);
    const [region] = await fx.db.select({ governorId: hub.regions.governorId }).from(hub.regions).where(eq(hub.regions.id, demo));
    expect(region!.governorId).toBe(c4.playerId); // the incumbent stays
  });

  it('verifyBallot and verifyTally recompute the result; tampering with a stored vote makes verifyTally fail', async () => {
    const vb = await fx.gql(`query($r: BallotReceiptInput!) { verifyBallot(receipt: $r) { receiptValid recorded includedInPublishedRoot publishedRoot proof { side } } }`, { r: receipt });
    expect(vb.data.verifyBallot).toMatchObject({ receiptValid: true, recorded: true, includedInPublishedRoot: true });
    const forged = await fx.gql(`query($r: BallotReceiptInput!) { verifyBallot(receipt: $r) { receiptValid recorded } }`, { r: { ...receipt, choice: c2.playerId } });
    expect(forged.data.verifyBallot).toEqual({ receiptValid: false, recorded: false });
    const VT = `query($id: ID!) { verifyTally(electionId: $id) { ok ballotCount mismatchedBallots rootMatches talliesMatch tallies { choice weight } } }`;
    expect((await fx.gql(VT, { id: governorElection })).data.verifyTally).toMatchObject({ ok: true, ballotCount: 2, mismatchedBallots: 0, rootMatches: true, talliesMatch: true });
    await fx.db.update(hub.regionalVotes).set({ candidateId: c2.playerId }).where(and(eq(hub.regionalVotes.electionId, governorElection), eq(hub.regionalVotes.voterId, c3.playerId)));
    expect((await fx.gql(VT, { id: governorElection })).data.verifyTally).toMatchObject({ ok: false, mismatchedBallots: 1, talliesMatch: false });
    expect(errorCodes(await fx.gql(VT, { id: '90000000-0000-4000-8000-0000000000ff' }))).toEqual(['ERR_ELECTION_NOT_FOUND']);
  });

  it('a governor with the threshold takes office; ties go to the earliest registrant', async () => {
    const g = await openElection(demo, 'GOVERNOR', [c2, c1]);
    for (const v of [c1, c3, c4]) await fx.gql(VOTE, { e: g, c: c2.playerId }, v);
    await fx.gql(VOTE, { e: g, c: c1.playerId }, c2);
    await close();
    expect((await fx.gql(ELECTION, { id: g })).data.election.winner).toEqual({ id: c2.playerId });
    const [region] = await fx.db.select({ governorId: hub.regions.governorId }).from(hub.regions).where(eq(hub.regions.id, demo));
    expect(region!.governorId).toBe(c2.playerId);
    const tie = await openElection(demo, 'AMBASSADOR', [c4, c3]);
    await fx.gql(VOTE, { e: tie, c: c3.playerId }, c1);
    await fx.gql(VOTE, { e: tie, c: c4.playerId }, c2);
    await close();
    expect((await fx.gql(ELECTION, { id: tie })).data.election.winner).toEqual({ id: c4.playerId }); // registered first
  });

  it('the elected governor of a democracy may start elections and propose', async () => {
    fx.clock.ms = Date.now();
    const r = await start(c2, demo, 'TRADE_COMMISSIONER');
    expect(r.errors).toBeUndefined();
  });
});

describe('council republic and automatic elections', () => {
  it('a new council republic elects its council at once; the top N take every seat', async () => {
    fx.clock.ms = Date.now();
    const council = await fx.region(owner, { governanceType: 'council', councilSeats: 3, governanceTypeSince: new Date(fx.clock.ms - DAY) });
    for (const c of [c1, c2, c3, c4]) await fx.member(council, c, 'citizen');
    const report = await fx.sweep();
    expect(report.electionsScheduled).toBeGreaterThanOrEqual(1);
    const [auto] = await fx.db.select().from(hub.regionalElections).where(eq(hub.regionalElections.regionId, council));
    expect(auto).toMatchObject({ position: 'council_member', status: 'pending', seats: 3, createdBy: null });
    expect((await fx.sweep()).electionsScheduled).toBe(0); // one live election at a time
    for (const c of [c1, c2, c3, c4]) await fx.gql(REGISTER, { id: auto!.id }, c);
    fx.clock.ms += 7 * DAY + 1000;
    await fx.sweep();
    await fx.gql(VOTE, { e: auto!.id, c: c4.playerId }, c1);
    await fx.gql(VOTE, { e: auto!.id, c: c4.playerId }, c2);
    await fx.gql(VOTE, { e: auto!.id, c: c2.playerId }, c3);
    await fx.gql(VOTE, { e: auto!.id, c: c3.playerId }, c4);
    fx.clock.ms += 7 * DAY + 1000;
    await fx.sweep();
    const seats = await fx.gql(`query($id: ID!) { election(id: $id) { results { seats { seatNumber player { id } } } } }`, { id: auto!.id });
    // c4 (3.0) first, then c2 and c3 tie at 1.5: c2 registered before c3.
    expect((seats.data.election.results.seats as { player: { id: string } }[]).map((s) => s.player.id)).toEqual([c4.playerId, c2.playerId, c3.playerId]);
    const stored = await fx.db.select().from(hub.regionalCouncilSeats).where(eq(hub.regionalCouncilSeats.regionId, council));
    expect(stored.map((s) => s.seatNumber).sort()).toEqual([1, 2, 3]);
  });
  it('an autocracy never schedules elections; a democracy does every election_frequency_days', async () => {
    fx.clock.ms = Date.now();
    const autoc = await fx.region(owner, { governanceType: 'autocracy', governanceTypeSince: new Date(fx.clock.ms - 400 * DAY) });
    const fresh = await fx.region(owner, { governanceType: 'democracy', electionFrequencyDays: 30, governanceTypeSince: new Date(fx.clock.ms - 31 * DAY), governorId: c1.playerId });
    await fx.sweep();
    const rows = await fx.db.select({ regionId: hub.regionalElections.regionId }).from(hub.regionalElections);
    expect(rows.some((r) => r.regionId === autoc)).toBe(false);
    expect(rows.filter((r) => r.regionId === fresh)).toHaveLength(1);
  });
});
