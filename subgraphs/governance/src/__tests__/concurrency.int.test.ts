/**
 * Races: 1,000 concurrent duplicate ballots (10 voters x 100 copies each, all in flight at once) leave
 * exactly one ballot per voter; two sweep runners racing over the same due policies enact each policy exactly once
 * (one ledger row per treasury move, balance = ledger sum).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { hub } from '@sw/db';
import { dataOf } from '@sw/testing';
import { castElectionVote } from '../commands/cast-election-vote.ts';
import { runGovernanceSweep } from '../sweeps/governance-sweep.ts';
import { createGovernanceFixture, DAY, type GovernanceFixture, type Person } from './governance-fixture.ts';

let fx: GovernanceFixture;
let owner: Person;
let voters: Person[];
let region: string;

beforeAll(async () => {
  fx = await createGovernanceFixture();
  owner = await fx.person();
  voters = await Promise.all(Array.from({ length: 10 }, () => fx.person()));
  region = await fx.region(owner, { governanceType: 'democracy', treasuryBalance: 0 });
  for (const v of voters) await fx.member(region, v, 'citizen');
});
afterAll(async () => fx?.stop());

describe('1,000 concurrent duplicate votes', () => {
  it('count exactly one ballot per voter; every other copy gets ERR_ALREADY_VOTED', async () => {
    fx.clock.ms = Date.now();
    const [e] = await fx.db
      .insert(hub.regionalElections)
      .values({
        regionId: region, position: 'ambassador', status: 'active', candidates: [{ player_id: voters[0]!.playerId }],
        votingOpensAt: new Date(fx.clock.ms - DAY), votingClosesAt: new Date(fx.clock.ms + DAY),
      })
      .returning({ id: hub.regionalElections.id });
    // All 1,000 are in flight at once against the command the resolver calls (HTTP would only add queueing here).
    const attempts = voters.flatMap((v) => Array.from({ length: 100 }, () => v));
    const results = await Promise.all(attempts.map((v) => castElectionVote(fx.service.deps, v.claims, { electionId: e!.id, candidateId: voters[0]!.playerId })));
    const okCount = results.filter((r) => r.kind === 'ok').length;
    const codes = new Set(results.flatMap((r) => (r.kind === 'failed' ? [r.code] : [])));
    expect(okCount).toBe(10);
    expect([...codes]).toEqual(['ERR_ALREADY_VOTED']);
    const [counted] = await fx.db.execute<{ ballots: number; voters: number }>(
      sql`SELECT count(*)::int AS ballots, count(DISTINCT voter_id)::int AS voters FROM regional_votes WHERE election_id = ${e!.id}`,
    );
    expect(counted).toEqual({ ballots: 10, voters: 10 });
  });
});

describe('two sweep runners at once', () => {
  it('enact each due policy exactly once', async () => {
    fx.clock.ms = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await fx.gql<{ proposePolicy: { policy: { id: string } } }>(
        `mutation($input: ProposePolicyInput!) { proposePolicy(input: $input) { policy { id } } }`,
        { input: { regionId: region, title: `Fund ${i}`, proposedChanges: { treasury_adjustment: 100 + i }, votingDays: 1 } },
        voters[0]!,
      );
      ids.push(dataOf(r).proposePolicy.policy.id);
    }
    for (const id of ids) {
      for (const v of voters.slice(0, 4)) await fx.gql(`mutation($id: ID!) { castPolicyVote(policyId: $id, support: true) { policy { id } } }`, { id }, v);
    }
    // Roll of 10 -> quorum 4 ballots.
    const at = new Date(fx.clock.ms + DAY + 1000);
    const [one, two] = await Promise.all([runGovernanceSweep(fx.service.deps, at), runGovernanceSweep(fx.service.deps, at)]);
    expect(one.policiesEnacted + two.policiesEnacted).toBe(12);
    const ledger = await fx.db.select().from(hub.regionalTreasuryEntries).where(eq(hub.regionalTreasuryEntries.regionId, region));
    expect(ledger).toHaveLength(12);
    expect(new Set(ledger.map((l) => l.causeId))).toEqual(new Set(ids));
    const [r] = await fx.db.select({ balance: hub.regions.treasuryBalance }).from(hub.regions).where(eq(hub.regions.id, region));
    const expected = ids.reduce((s, _id, i) => s + 100 + i, 0);
    expect(r!.balance).toBe(expected);
    expect(ledger.reduce((s, l) => s + l.delta, 0)).toBe(expected);
    const statuses = await fx.db.select({ status: hub.regionalPolicies.status }).from(hub.regionalPolicies).where(eq(hub.regionalPolicies.regionId, region));
    expect(statuses.every((s) => s.status === 'implemented')).toBe(true);
  });
});
