/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-explicit-any --
   GraphQL responses are read as untyped JSON and asserted as whole shapes with toEqual / toMatchObject. */
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
import { createTestDatabase, createTestRedisPrefix, insertRegion, insertUserWithPlayer, type TestDatabase } from '@sw/testing';
import { startRegionSubgraph } from '../../subgraphs/region/src/index.ts';
import { startGovernanceSubgraph, type RunningSubgraph } from '../../subgraphs/governance/src/index.ts';
import { startGateway, type RunningGateway } from './server.ts';
import { RawWsClient, type RawMessage } from './__fixtures__/raw-ws-client.ts';

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

async function gql(query: string, variables: Record<string, unknown>, token?: string) {
  const res = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.body.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

async function nextOf(c: RawWsClient, id: string, match: (m: RawMessage) => boolean, timeoutMs = 15_000): Promise<RawMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = await c.next(Math.max(1, deadline - Date.now()));
    if (m.id === id && match(m)) return m;
  }
}

describe('governance through the gateway', () => {
  it('a ballot moves the live tally and the event feed, with candidate and region names from the Region subgraph', async () => {
    const c = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await c.init({})).type).toBe('connection_ack'); // tallies are public: anonymous
    c.subscribe('t', 'subscription($e: ID!) { electionTallyChanged(electionId: $e) { ballots totalWeight region { name displayName } candidates { weight player { name } } } }', { e: electionId });
    const first = await nextOf(c, 't', (m) => m.type === 'next');
    expect(first.payload.data.electionTallyChanged).toEqual({
      ballots: 0, totalWeight: 0, region: { name: 'gov-reach', displayName: 'Gov Reach' }, candidates: [{ weight: 0, player: { name: 'Candidate Cassia' } }],
    });
    const vote = await gql('mutation($e: ID!, $c: ID!) { castElectionVote(electionId: $e, candidateId: $c) { receipt { receiptHash weight } election { totalWeight } } }', { e: electionId, c: candidate.playerId }, voterTokens[0]);
    expect(vote.errors).toBeUndefined();
    expect(vote.data.castElectionVote.receipt.weight).toBe(1.5);
    const moved = await nextOf(c, 't', (m) => m.type === 'next' && m.payload.data?.electionTallyChanged.ballots === 1);
    expect(moved.payload.data.electionTallyChanged.candidates).toEqual([{ weight: 1.5, player: { name: 'Candidate Cassia' } }]);
    c.close();
  });

  it('governanceEvents delivers a proposal in order with the region name', async () => {
    const c = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await c.init({ authorization: `Bearer ${voterTokens[1]}` })).type).toBe('connection_ack');
    c.subscribe('g', 'subscription($r: ID!) { governanceEvents(regionId: $r) { kind message region { name } policy { title status } } }', { r: regionId });
    // The subscription is live once the gateway's upstream is subscribed; retry the proposal until its event arrives.
    let got: RawMessage | null = null;
    for (let i = 0; i < 10 && !got; i++) {
      const p = await gql('mutation($input: ProposePolicyInput!) { proposePolicy(input: $input) { policy { id } } }', { input: { regionId, title: `Lower tax ${i}`, proposedChanges: { tax_rate: 0.08 } } }, voterTokens[1]);
      expect(p.errors).toBeUndefined();
      got = await nextOf(c, 'g', (m) => m.type === 'next', 2000).catch(() => null);
    }
    expect(got!.payload.data.governanceEvents).toMatchObject({ kind: 'POLICY_PROPOSED', region: { name: 'gov-reach' }, policy: { status: 'VOTING' } });
    c.close();
  });

  it('policyTallyChanged follows a referendum (latest value) with the region name', async () => {
    const p = await gql('mutation($input: ProposePolicyInput!) { proposePolicy(input: $input) { policy { id } } }', { input: { regionId, title: 'Fuel bonus', proposedChanges: { trade_bonuses: { fuel: 2 } } } }, voterTokens[1]);
    const policyId = p.data.proposePolicy.policy.id as string;
    const c = await RawWsClient.open(`${gw.url.replace('http', 'ws')}/graphql`);
    expect((await c.init({})).type).toBe('connection_ack');
    c.subscribe('p', 'subscription($p: ID!) { policyTallyChanged(policyId: $p) { ballots votesFor votesAgainst approvalPercentage region { name } policy { title } } }', { p: policyId });
    expect((await nextOf(c, 'p', (m) => m.type === 'next')).payload.data.policyTallyChanged).toEqual({
      ballots: 0, votesFor: 0, votesAgainst: 0, approvalPercentage: null, region: { name: 'gov-reach' }, policy: { title: 'Fuel bonus' },
    });
    await gql('mutation($p: ID!) { castPolicyVote(policyId: $p, support: false) { receipt { weight } } }', { p: policyId }, voterTokens[2]);
    const moved = await nextOf(c, 'p', (m) => m.type === 'next' && m.payload.data?.policyTallyChanged.ballots === 1);
    expect(moved.payload.data.policyTallyChanged).toMatchObject({ votesFor: 0, votesAgainst: 1.5, approvalPercentage: 0 });
    c.close();
  });

  it('passes governance error codes through', async () => {
    const again = await gql('mutation($e: ID!, $c: ID!) { castElectionVote(electionId: $e, candidateId: $c) { receipt { ballotId } } }', { e: electionId, c: candidate.playerId }, voterTokens[0]);
    expect(again.errors?.[0]?.extensions?.code).toBe('ERR_ALREADY_VOTED');
  });
});
