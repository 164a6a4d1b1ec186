/**
 * Ballots on a held election roll (store/election-rolls.ts): one statement per ballot, and whatever changed since the
 * roll was read — voting power, membership, the election itself, a ballot already cast — gets exactly the answer of
 * the uncached path.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createLogger } from '@sw/service-kit';
import { hub } from '@sw/db';
import { castElectionVote } from '../commands/cast-election-vote.ts';
import type { GovernanceDeps } from '../deps.ts';
import { ElectionRolls } from '../store/election-rolls.ts';
import { createGovernanceFixture, DAY, type GovernanceFixture, type Person } from './governance-fixture.ts';

const silent = createLogger('election-rolls-test', { level: 'silent' });
let fx: GovernanceFixture;
let owner: Person;
let voters: Person[];
let candidate: Person;
let region: string;
let election: string;
let rolls: ElectionRolls;
let deps: GovernanceDeps;

beforeAll(async () => {
  fx = await createGovernanceFixture();
  owner = await fx.person();
  candidate = await fx.person();
  voters = await Promise.all(Array.from({ length: 8 }, () => fx.person()));
  region = await fx.region(owner, { governanceType: 'democracy' });
  for (const p of [candidate, ...voters]) await fx.member(region, p, 'citizen');
});
afterAll(async () => fx?.stop());

beforeEach(async () => {
  fx.clock.ms = Date.now();
  const [e] = await fx.db
    .insert(hub.regionalElections)
    .values({
      regionId: region, position: 'ambassador', status: 'active', candidates: [{ player_id: candidate.playerId }],
      votingOpensAt: new Date(fx.clock.ms - DAY), votingClosesAt: new Date(fx.clock.ms + DAY),
    })
    .returning({ id: hub.regionalElections.id });
  election = e!.id;
  // A burst of one ballot loads the roll, so the second ballot is the first answered from it.
  rolls = new ElectionRolls(fx.db, silent, { burstBallots: 1 });
  deps = { ...fx.service.deps, rolls };
});

const vote = (p: Person) => castElectionVote(deps, p.claims, { electionId: election, candidateId: candidate.playerId });
async function holdRoll() {
  expect((await vote(voters[0]!)).kind).toBe('ok');
  await rolls.settled();
}
async function storedWeight(p: Person) {
  const [row] = await fx.db.select({ weight: hub.regionalVotes.weight }).from(hub.regionalVotes).where(and(eq(hub.regionalVotes.electionId, election), eq(hub.regionalVotes.voterId, p.playerId)));
  return row?.weight;
}
const setMembership = (p: Person, set: Partial<typeof hub.regionalMemberships.$inferInsert>) =>
  fx.db.update(hub.regionalMemberships).set(set).where(and(eq(hub.regionalMemberships.regionId, region), eq(hub.regionalMemberships.playerId, p.playerId)));

describe('ballots on a held election roll', () => {
  it('are answered from the roll and counted like any other', async () => {
    await holdRoll();
    const r = await vote(voters[1]!);
    expect(r.kind === 'ok' && r.value.receipt.weight).toBe(1.5);
    expect(rolls.hits).toBe(1);
    expect(await storedWeight(voters[1]!)).toBe(1.5);
  });

  it('a voting power changed after the roll was read is cast with the new power', async () => {
    await holdRoll();
    await setMembership(voters[2]!, { votingPower: 3 });
    const r = await vote(voters[2]!);
    expect(r.kind === 'ok' && r.value.receipt.weight).toBe(3);
    expect(await storedWeight(voters[2]!)).toBe(3);
    await setMembership(voters[2]!, { votingPower: 1.5 });
  });

  it('a membership lost after the roll was read is refused as without the roll', async () => {
    await holdRoll();
    await setMembership(voters[3]!, { membershipType: 'visitor' });
    const r = await vote(voters[3]!);
    expect(r.kind === 'failed' && r.code).toBe('ERR_NOT_ELIGIBLE');
    expect(await storedWeight(voters[3]!)).toBeUndefined();
    await setMembership(voters[3]!, { membershipType: 'citizen' });
  });

  it('a second ballot is ERR_ALREADY_VOTED, and only one is stored', async () => {
    await holdRoll();
    expect((await vote(voters[4]!)).kind).toBe('ok');
    const again = await vote(voters[4]!);
    expect(again.kind === 'failed' && again.code).toBe('ERR_ALREADY_VOTED');
    const rows = await fx.db.select().from(hub.regionalVotes).where(and(eq(hub.regionalVotes.electionId, election), eq(hub.regionalVotes.voterId, voters[4]!.playerId)));
    expect(rows).toHaveLength(1);
  });

  it('an election closed after the roll was read refuses ballots and the roll is dropped', async () => {
    await holdRoll();
    await fx.db.update(hub.regionalElections).set({ status: 'tallying' }).where(eq(hub.regionalElections.id, election));
    const r = await vote(voters[5]!);
    expect(r.kind === 'failed' && r.code).toBe('ERR_ELECTION_NOT_ACTIVE');
    expect(rolls.guardFacts(election, voters[6]!.playerId)).toBeUndefined();
  });

  it('a window that ended (by the service clock) refuses ballots as without the roll', async () => {
    await holdRoll();
    fx.clock.ms += 2 * DAY;
    const r = await vote(voters[6]!);
    expect(r.kind === 'failed' && r.code).toBe('ERR_VOTING_WINDOW_CLOSED');
  });

  it('a citizen who joined after the roll was read votes (their facts are read)', async () => {
    await holdRoll();
    const newcomer = await fx.person();
    await fx.member(region, newcomer, 'citizen');
    const hitsBefore = rolls.hits;
    const r = await vote(newcomer);
    expect(r.kind).toBe('ok');
    expect(rolls.hits).toBe(hitsBefore);
  });

  it('a region larger than maxMembers is never held; a trickle below the burst size loads nothing', async () => {
    const small = new ElectionRolls(fx.db, silent, { burstBallots: 1, maxMembers: 3 });
    deps = { ...fx.service.deps, rolls: small };
    expect((await vote(voters[0]!)).kind).toBe('ok');
    await small.settled();
    expect((await vote(voters[1]!)).kind).toBe('ok');
    await small.settled();
    expect((await vote(voters[2]!)).kind).toBe('ok');
    expect(small.hits).toBe(0);
    // Tried once, then left alone for the TTL: a large region is not re-read on every ballot of a burst.
    expect(small.loads).toBe(1);
    const trickle = new ElectionRolls(fx.db, silent, { burstBallots: 50 });
    deps = { ...fx.service.deps, rolls: trickle };
    expect((await vote(voters[3]!)).kind).toBe('ok');
    await trickle.settled();
    expect(trickle.guardFacts(election, voters[4]!.playerId)).toBeUndefined();
    expect(trickle.loads).toBe(0);
  });
});
