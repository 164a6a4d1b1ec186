/**
 * Elections through the Governance subgraph: PENDING -> ACTIVE -> COMPLETED, never born active; candidate registration
 * rules; cancel; the vote error map; governor voided below the threshold; ties to the earliest registrant; council
 * seats; automatic scheduling per governance type; receipts, verifyBallot / verifyTally and tampering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { hub } from '@sw/db';
import { dataOf, errorCodes } from '@sw/testing';
import { createGovernanceFixture, DAY, type GovernanceFixture, type Person } from './governance-fixture.ts';

let fx: GovernanceFixture;
let owner: Person, c1: Person, c2: Person, c3: Person, c4: Person, bad: Person, newbie: Person, visitor: Person, outsider: Person;
let demo: string;

const START = `mutation($input: StartElectionInput!) { startElection(input: $input) { id status votingOpensAt seats } }`;
const REGISTER = `mutation($id: ID!, $p: String) { registerCandidate(electionId: $id, platform: $p) { candidates { player { id } platform } } }`;
const VOTE = `mutation($e: ID!, $c: ID!) { castElectionVote(electionId: $e, candidateId: $c) { receipt { ballotId contestId contestKind choice weight salt receiptHash } } }`;
const ELECTION = `query($id: ID!) { election(id: $id) { status winner { id } cancelReason ballotRoot results { voided reason totalWeight ballots seats { seatNumber player { id } } } ballots { receiptHash choice weight } } }`;

interface StartData {
  startElection: { id: string; status: string; votingOpensAt: string; seats: number | null };
}
interface Receipt {
  ballotId: string; contestId: string; contestKind: string; choice: string; weight: number; salt: string; receiptHash: string;
}
interface ElectionData {
  election: {
    status: string; winner: { id: string } | null; cancelReason: string | null; ballotRoot: string | null;
    results: { voided: boolean; reason: string | null; totalWeight: number; ballots: number; seats: { seatNumber: number; player: { id: string } }[] } | null;
    ballots: { receiptHash: string; choice: string; weight: number }[];
  };
}
async function start(who: Person, regionId: string, position: string, extra: Record<string, unknown> = {}) {
  return fx.gql<StartData>(START, { input: { regionId, position, registrationDays: 1, votingDays: 1, ...extra } }, who);
}
const startedId = async (who: Person, regionId: string, position: string) => dataOf(await start(who, regionId, position)).startElection.id;
const readElection = async (id: string) => dataOf(await fx.gql<ElectionData>(ELECTION, { id })).election;
const vote = (e: string, c: string, who: Person | null = null) => fx.gql<{ castElectionVote: { receipt: Receipt } }>(VOTE, { e, c }, who);
async function openElection(regionId: string, position: string, candidates: Person[]): Promise<string> {
  fx.clock.ms = Date.now();
  const id = await startedId(owner, regionId, position);
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
    const r = dataOf(await start(owner, demo, 'AMBASSADOR')).startElection;
    expect(r.status).toBe('PENDING');
    expect(new Date(r.votingOpensAt).getTime()).toBeGreaterThan(fx.clock.ms);
    expect(errorCodes(await start(owner, demo, 'AMBASSADOR'))).toEqual(['ERR_ELECTION_EXISTS']);
    expect(errorCodes(await start(owner, demo, 'GOVERNOR', { candidates: [] }))).toEqual(['ERR_NO_CANDIDATES']);
    expect(errorCodes(await start(owner, demo, 'COUNCIL_MEMBER'))).toEqual(['ERR_POSITION_NOT_ELECTED']);
    expect(errorCodes(await start(c1, demo, 'GOVERNOR'))).toEqual(['ERR_GOVERNANCE_DENIED']);
    expect(errorCodes(await start(owner, demo, 'GOVERNOR', { candidates: [visitor.playerId] }))).toEqual(['ERR_NOT_A_CITIZEN']);
    expect(errorCodes(await start(owner, demo, 'GOVERNOR', { votingDays: 0 }))).toEqual(['ERR_VALIDATION']);
    const autoc = await fx.region(owner, { governanceType: 'autocracy' });
    expect(errorCodes(await start(owner, autoc, 'GOVERNOR'))).toEqual(['ERR_POSITION_NOT_ELECTED']);
    const cancelled = await fx.gql<{ cancelElection: { status: string; cancelReason: string } }>(`mutation($id: ID!) { cancelElection(electionId: $id) { status cancelReason } }`, { id: r.id }, owner);
    expect(dataOf(cancelled)).toEqual({ cancelElection: { status: 'CANCELLED', cancelReason: 'by_owner' } });
  });

  it('registration: citizens with reputation >= 0, platform <= 500, once; locked once voting opens', async () => {
    fx.clock.ms = Date.now();
    const id = await startedId(owner, demo, 'TRADE_COMMISSIONER');
    expect(errorCodes(await fx.gql(REGISTER, { id }, visitor))).toEqual(['ERR_NOT_A_CITIZEN']);
    expect(errorCodes(await fx.gql(REGISTER, { id }, bad))).toEqual(['ERR_INSUFFICIENT_REPUTATION']);
    expect(errorCodes(await fx.gql(REGISTER, { id, p: 'x'.repeat(501) }, c1))).toEqual(['ERR_VALIDATION']);
    type RegisterData = { registerCandidate: { candidates: { player: { id: string }; platform: string | null }[] } };
    expect(dataOf(await fx.gql<RegisterData>(REGISTER, { id, p: 'Open markets' }, c1)).registerCandidate.candidates).toEqual([{ player: { id: c1.playerId }, platform: 'Open markets' }]);
    expect(errorCodes(await fx.gql(REGISTER, { id }, c1))).toEqual(['ERR_ALREADY_CANDIDATE']);
    expect(errorCodes(await vote(id, c1.playerId, c2))).toEqual(['ERR_ELECTION_NOT_ACTIVE']);
    fx.clock.ms += DAY + 1000;
    expect((await fx.sweep()).electionsOpened).toBe(1);
    expect(errorCodes(await fx.gql(REGISTER, { id }, c2))).toEqual(['ERR_CANDIDATES_LOCKED']);
    expect(errorCodes(await fx.gql(`mutation($id: ID!) { cancelElection(electionId: $id) { status } }`, { id }, owner))).toEqual(['ERR_ELECTION_NOT_PENDING']);
    await close();
  });

  it('an election nobody registered for never opens: it is cancelled (no_candidates)', async () => {
    fx.clock.ms = Date.now();
    const id = await startedId(owner, demo, 'AMBASSADOR');
    fx.clock.ms += DAY + 1000;
    expect((await fx.sweep()).electionsCancelled).toBeGreaterThanOrEqual(1);
    expect(await readElection(id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'no_candidates' });
  });
});

describe('casting and tallying', () => {
  let governorElection: string;
  let receipt: Receipt;
  it('the vote error map', async () => {
    governorElection = await openElection(demo, 'GOVERNOR', [c1, c2]);
    const e = governorElection;
    expect(errorCodes(await vote(e, c1.playerId))).toEqual(['ERR_UNAUTHENTICATED']);
    expect(errorCodes(await fx.gql(VOTE, { e: '90000000-0000-4000-8000-0000000000ff', c: c1.playerId }, c3))).toEqual(['ERR_ELECTION_NOT_FOUND']);
    expect(errorCodes(await vote(e, c4.playerId, c3))).toEqual(['ERR_UNKNOWN_CANDIDATE']);
    expect(errorCodes(await vote(e, c1.playerId, outsider))).toEqual(['ERR_NOT_A_MEMBER']);
    expect(errorCodes(await vote(e, c1.playerId, visitor))).toEqual(['ERR_NOT_ELIGIBLE']);
    expect(errorCodes(await vote(e, c1.playerId, newbie))).toEqual(['ERR_ACCOUNT_TOO_NEW']);
    receipt = dataOf(await vote(e, c1.playerId, c3)).castElectionVote.receipt;
    expect(receipt).toMatchObject({ contestId: e, contestKind: 'ELECTION', choice: c1.playerId, weight: 1.5 });
    expect(errorCodes(await vote(e, c2.playerId, c3))).toEqual(['ERR_ALREADY_VOTED']);
  });

  it('a governor short of the threshold is voided and the incumbent stays; the root is published', async () => {
    await vote(governorElection, c2.playerId, c4); // 1.5 vs 1.5: top share 0.5 < 0.51
    await close();
    const e = await readElection(governorElection);
    expect(e).toMatchObject({ status: 'COMPLETED', winner: null, results: { voided: true, reason: 'below_threshold', totalWeight: 3, ballots: 2 } });
    expect(e.ballots).toHaveLength(2);
    expect(e.ballotRoot).toMatch(/^[0-9a-f]{64}$/);
    const [region] = await fx.db.select({ governorId: hub.regions.governorId }).from(hub.regions).where(eq(hub.regions.id, demo));
    expect(region!.governorId).toBe(c4.playerId); // the incumbent stays
  });

  it('verifyBallot and verifyTally recompute the result; tampering with a stored vote makes verifyTally fail', async () => {
    const vb = await fx.gql<{ verifyBallot: unknown }>(`query($r: BallotReceiptInput!) { verifyBallot(receipt: $r) { receiptValid recorded includedInPublishedRoot publishedRoot proof { side } } }`, { r: receipt });
    expect(dataOf(vb).verifyBallot).toMatchObject({ receiptValid: true, recorded: true, includedInPublishedRoot: true });
    const forged = await fx.gql<{ verifyBallot: unknown }>(`query($r: BallotReceiptInput!) { verifyBallot(receipt: $r) { receiptValid recorded } }`, { r: { ...receipt, choice: c2.playerId } });
    expect(dataOf(forged).verifyBallot).toEqual({ receiptValid: false, recorded: false });
    const VT = `query($id: ID!) { verifyTally(electionId: $id) { ok ballotCount mismatchedBallots rootMatches talliesMatch tallies { choice weight } } }`;
    expect(dataOf(await fx.gql<{ verifyTally: unknown }>(VT, { id: governorElection })).verifyTally).toMatchObject({ ok: true, ballotCount: 2, mismatchedBallots: 0, rootMatches: true, talliesMatch: true });
    await fx.db.update(hub.regionalVotes).set({ candidateId: c2.playerId }).where(and(eq(hub.regionalVotes.electionId, governorElection), eq(hub.regionalVotes.voterId, c3.playerId)));
    expect(dataOf(await fx.gql<{ verifyTally: unknown }>(VT, { id: governorElection })).verifyTally).toMatchObject({ ok: false, mismatchedBallots: 1, talliesMatch: false });
    expect(errorCodes(await fx.gql(VT, { id: '90000000-0000-4000-8000-0000000000ff' }))).toEqual(['ERR_ELECTION_NOT_FOUND']);
  });

  it('a governor with the threshold takes office; ties go to the earliest registrant', async () => {
    const g = await openElection(demo, 'GOVERNOR', [c2, c1]);
    for (const v of [c1, c3, c4]) await vote(g, c2.playerId, v);
    await vote(g, c1.playerId, c2);
    await close();
    expect((await readElection(g)).winner).toEqual({ id: c2.playerId });
    const [region] = await fx.db.select({ governorId: hub.regions.governorId }).from(hub.regions).where(eq(hub.regions.id, demo));
    expect(region!.governorId).toBe(c2.playerId);
    const tie = await openElection(demo, 'AMBASSADOR', [c4, c3]);
    await vote(tie, c3.playerId, c1);
    await vote(tie, c4.playerId, c2);
    await close();
    expect((await readElection(tie)).winner).toEqual({ id: c4.playerId }); // registered first
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
    const seats = (await readElection(auto!.id)).results?.seats ?? [];
    // c4 (3.0) first, then c2 and c3 tie at 1.5: c2 registered before c3.
    expect(seats.map((s) => s.player.id)).toEqual([c4.playerId, c2.playerId, c3.playerId]);
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
