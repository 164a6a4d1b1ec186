/**
 * Governance through the gateway with the real Region and Governance subgraphs: a ballot cast over HTTP with a signed
 * token, then the live tally (latest value) and the FIFO governance event feed over graphql-ws, each resolving
 * cross-subgraph fields (candidate and region names from the Region subgraph).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { request } from 'undici';
import { hub, type HubDb } from '@sw/db';
import { signAccessToken } from '@sw/auth';
import { DEFAULT_REDIS_URL } from '@sw/config';
import { createTestDatabase, createTestRedisPrefix, dataOf, errorCodes, insertRegion, insertUserWithPlayer, parseGraphqlBody, type TestDatabase } from '@sw/testing';
import { startRegionSubgraph } from '../../subgraphs/region/src/index.ts';
import { startGovernanceSubgraph, type RunningSubgraph } from '../../subgraphs/governance/src/index.ts';
import { startGateway, type RunningGateway } from './server.ts';
import { RawWsClient } from './__fixtures__/raw-ws-client.ts';
import { nextData } from './__fixtures__/ws-frames.ts';

const DAY = 86_400_000;

let t: TestDatabase<HubDb>;
let region: Awaited<ReturnType<typeof startRegionSubgraph>>;
let governance: RunningSubgraph;
let gw: RunningGateway;
let electionId: string;
let regionId: string;
let candidate: { playerId: string };
const voterTokens: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const owner = await insertUserWithPlayer(t.db, { username: 'gov_owner', ageDays: 100 });
  candidate = await insertUserWithPlayer(t.db, { username: 'gov_candidate', ageDays: 100, player: { name: 'Candidate Cassia' } });
  regionId = (await insertRegion(t.db, { name: 'gov-reach', displayName: 'Gov Reach', ownerId: owner.playerId, governanceType: 'democracy', governorId: owner.playerId })).id;
  const voters = await Promise.all([1, 2, 3].map((i) => insertUserWithPlayer(t.db, { username: `gov_voter${i}`, ageDays: 100 })));
  await t.db.insert(hub.regionalMemberships).values([candidate, ...voters].map((p) => ({ regionId, playerId: p.playerId, membershipType: 'citizen', votingPower: 1.5 })));
  const [e] = await t.db.insert(hub.regionalElections).values({
    regionId, position: 'ambassador', status: 'active', candidates: [{ player_id: candidate.playerId, platform: 'Trade' }],
    votingOpensAt: new Date(Date.now() - DAY), votingClosesAt: new Date(Date.now() + DAY),
  }).returning({ id: hub.regionalElections.id });
  electionId = e!.id;
  for (const v of voters) {
    voterTokens.push(await signAccessToken({ sub: v.userId, username: v.username, playerId: v.playerId, roles: ['player'], scopes: [] }));
  }
  // Default (dev) secrets on every side, as in the embedded platform.
  region = await startRegionSubgraph({ port: 0, databaseUrl: t.url, host: '127.0.0.1' });
  governance = await startGovernanceSubgraph({
    port: 0, databaseUrl: t.url, redisUrl: process.env.REDIS_URL ?? DEFAULT_REDIS_URL, eventsPrefix: createTestRedisPrefix('gw-gov'),
    runJobs: false, dbPoolSize: 4,
  });
  gw = await startGateway({
    port: 0, host: '127.0.0.1', subgraphUrls: { region: region.url, governance: governance.url },
    logger: pino({ level: 'silent' }), databaseUrl: t.url, env: {},
  });
});

afterAll(async () => {
  await gw?.stop();
  await governance?.stop();
  await region?.stop();
  await t?.drop();
});

async function gql<T>(query: string, variables: Record<string, unknown>, token?: string) {
  const res = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return parseGraphqlBody<T>(await res.body.json());
}

/** The data of the next `next` frame of subscription `id` that satisfies `match` (bounded wait). */
async function nextDataOf<T>(c: RawWsClient, id: string, match: (data: T) => boolean = () => true, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = await c.next(Math.max(1, deadline - Date.now()));
    if (m.id !== id || m.type !== 'next') continue;
    const data = nextData<T>(m);
    if (match(data)) return data;
  }
}

interface ElectionTallyData {
  electionTallyChanged: { ballots: number; totalWeight: number; region: { name: string; displayName: string }; candidates: { weight: number; player: { name: string } }[] };
}
interface PolicyTallyData {
  policyTallyChanged: { ballots: number; votesFor: number; votesAgainst: number; approvalPercentage: number | null; region: { name: string }; policy: { title: string } };
}
interface EventData {
  governanceEvents: { kind: string; message: string; region: { name: string }; policy: { title: string; status: string } | null };
}
interface VoteData {
  castElectionVote: { receipt: { receiptHash: string; weight: number }; election: { totalWeight: number } };
}
interface ProposeData {
  proposePolicy: { policy: { id: string } };
}

describe('governance through the gateway', () => {
  it('a ballot moves the live tally and the event feed, with candidate and region names from the Region subgraph', async () => {
    const c = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await c.init({})).type).toBe('connection_ack'); // tallies are public: anonymous
    c.subscribe('t', 'subscription($e: ID!) { electionTallyChanged(electionId: $e) { ballots totalWeight region { name displayName } candidates { weight player { name } } } }', { e: electionId });
    const first = await nextDataOf<ElectionTallyData>(c, 't');
    expect(first.electionTallyChanged).toEqual({
      ballots: 0, totalWeight: 0, region: { name: 'gov-reach', displayName: 'Gov Reach' }, candidates: [{ weight: 0, player: { name: 'Candidate Cassia' } }],
    });
    const vote = await gql<VoteData>('mutation($e: ID!, $c: ID!) { castElectionVote(electionId: $e, candidateId: $c) { receipt { receiptHash weight } election { totalWeight } } }', { e: electionId, c: candidate.playerId }, voterTokens[0]);
    expect(dataOf(vote).castElectionVote.receipt.weight).toBe(1.5);
    const moved = await nextDataOf<ElectionTallyData>(c, 't', (d) => d.electionTallyChanged.ballots === 1);
    expect(moved.electionTallyChanged.candidates).toEqual([{ weight: 1.5, player: { name: 'Candidate Cassia' } }]);
    c.close();
  });

  it('governanceEvents delivers a proposal in order with the region name', async () => {
    const c = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await c.init({ authorization: `Bearer ${voterTokens[1]}` })).type).toBe('connection_ack');
    c.subscribe('g', 'subscription($r: ID!) { governanceEvents(regionId: $r) { kind message region { name } policy { title status } } }', { r: regionId });
    // The subscription is live once the gateway's upstream is subscribed; retry the proposal until its event arrives.
    let got: EventData | null = null;
    for (let i = 0; i < 10 && !got; i++) {
      const p = await gql<ProposeData>('mutation($input: ProposePolicyInput!) { proposePolicy(input: $input) { policy { id } } }', { input: { regionId, title: `Lower tax ${i}`, proposedChanges: { tax_rate: 0.08 } } }, voterTokens[1]);
      expect(p.errors).toBeUndefined();
      got = await nextDataOf<EventData>(c, 'g', () => true, 2000).catch(() => null);
    }
    expect(got?.governanceEvents).toMatchObject({ kind: 'POLICY_PROPOSED', region: { name: 'gov-reach' }, policy: { status: 'VOTING' } });
    c.close();
  });

  it('policyTallyChanged follows a referendum (latest value) with the region name', async () => {
    const p = await gql<ProposeData>('mutation($input: ProposePolicyInput!) { proposePolicy(input: $input) { policy { id } } }', { input: { regionId, title: 'Fuel bonus', proposedChanges: { trade_bonuses: { fuel: 2 } } } }, voterTokens[1]);
    const policyId = dataOf(p).proposePolicy.policy.id;
    const c = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await c.init({})).type).toBe('connection_ack');
    c.subscribe('p', 'subscription($p: ID!) { policyTallyChanged(policyId: $p) { ballots votesFor votesAgainst approvalPercentage region { name } policy { title } } }', { p: policyId });
    expect((await nextDataOf<PolicyTallyData>(c, 'p')).policyTallyChanged).toEqual({
      ballots: 0, votesFor: 0, votesAgainst: 0, approvalPercentage: null, region: { name: 'gov-reach' }, policy: { title: 'Fuel bonus' },
    });
    await gql<unknown>('mutation($p: ID!) { castPolicyVote(policyId: $p, support: false) { receipt { weight } } }', { p: policyId }, voterTokens[2]);
    const moved = await nextDataOf<PolicyTallyData>(c, 'p', (d) => d.policyTallyChanged.ballots === 1);
    expect(moved.policyTallyChanged).toMatchObject({ votesFor: 0, votesAgainst: 1.5, approvalPercentage: 0 });
    c.close();
  });

  it('passes governance error codes through', async () => {
    const again = await gql<unknown>('mutation($e: ID!, $c: ID!) { castElectionVote(electionId: $e, candidateId: $c) { receipt { ballotId } } }', { e: electionId, c: candidate.playerId }, voterTokens[0]);
    expect(errorCodes(again)).toEqual(['ERR_ALREADY_VOTED']);
  });
});
