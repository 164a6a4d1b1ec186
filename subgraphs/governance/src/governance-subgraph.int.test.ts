import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hub, type HubDb } from '@sw/db';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import { dataOf, errorCodes, postGraphql, testClaims, type EntitiesData } from '@sw/testing';
import { startGovernanceSubgraph, type RunningSubgraph } from './start-governance-subgraph.ts';

const ids = {
  userAlice: 'a0000000-0000-4000-8000-00000000000a',
  userBob: 'a0000000-0000-4000-8000-00000000000b',
  userCarol: 'a0000000-0000-4000-8000-00000000000c',
  userAdmin: 'a0000000-0000-4000-8000-0000000000ad',
  alice: 'b0000000-0000-4000-8000-00000000000a',
  bob: 'b0000000-0000-4000-8000-00000000000b',
  carol: 'b0000000-0000-4000-8000-00000000000c',
  admin: 'b0000000-0000-4000-8000-0000000000ad',
  alpha: 'c0000000-0000-4000-8000-000000000003',
  beta: 'c0000000-0000-4000-8000-000000000004',
  gamma: 'c0000000-0000-4000-8000-000000000005',
  electionGov: 'd0000000-0000-4000-8000-000000000001',
  electionAmb: 'd0000000-0000-4000-8000-000000000002',
  policyOpen: 'e0000000-0000-4000-8000-000000000001',
  policyPassed: 'e0000000-0000-4000-8000-000000000002',
  policyBeta: 'e0000000-0000-4000-8000-000000000003',
  treatyAB: 'f0000000-0000-4000-8000-000000000001',
  treatyBG: 'f0000000-0000-4000-8000-000000000002',
  unknown: '90000000-0000-4000-8000-0000000000ff',
};

const day = (d: number) => new Date(Date.UTC(2102, 0, d));

let tdb: TestDatabase<HubDb>;
let service: RunningSubgraph;

async function seed(db: HubDb): Promise<void> {
  await db.insert(hub.users).values([
    { id: ids.userAlice, username: 'alice', displayName: 'Alice' },
    { id: ids.userBob, username: 'bob', displayName: 'Bob' },
    { id: ids.userCarol, username: 'carol', displayName: 'Carol' },
    { id: ids.userAdmin, username: 'admin', displayName: 'Admin', roles: ['player', 'admin'] },
  ]);
  await db.insert(hub.players).values([
    { id: ids.alice, userId: ids.userAlice, name: 'Alice' },
    { id: ids.bob, userId: ids.userBob, name: 'Bob' },
    { id: ids.carol, userId: ids.userCarol, name: 'Carol' },
    { id: ids.admin, userId: ids.userAdmin, name: 'Admin' },
  ]);
  await db.insert(hub.regions).values([
    { id: ids.alpha, name: 'alpha', displayName: 'Alpha', ownerId: ids.alice, status: 'active', totalSectors: 500, treasuryBalance: 700 },
    { id: ids.beta, name: 'beta', displayName: 'Beta', ownerId: ids.bob, status: 'active', totalSectors: 500 },
    { id: ids.gamma, name: 'gamma', displayName: 'Gamma', ownerId: ids.carol, status: 'active', totalSectors: 500 },
  ]);
  await db.insert(hub.regionalElections).values([
    {
      id: ids.electionGov,
      regionId: ids.alpha,
      position: 'governor',
      status: 'active',
      // Registration order: Bob first (object form), then Alice as a bare id, then Carol (no votes yet).
      candidates: [{ player_id: ids.bob, platform: 'Lower tariffs' }, ids.alice, { player_id: ids.carol }],
      votingOpensAt: day(10),
      votingClosesAt: day(17),
    },
    {
      id: ids.electionAmb,
      regionId: ids.alpha,
      position: 'ambassador',
      status: 'completed',
      candidates: [{ player_id: ids.carol }],
      votingOpensAt: day(1),
      votingClosesAt: day(8),
      winnerId: ids.carol,
    },
  ]);
  await db.insert(hub.regionalVotes).values([
    { electionId: ids.electionGov, voterId: ids.alice, candidateId: ids.bob, weight: 1.5 },
    { electionId: ids.electionGov, voterId: ids.carol, candidateId: ids.bob, weight: 0.25 },
    { electionId: ids.electionGov, voterId: ids.bob, candidateId: ids.alice, weight: 1 },
    { electionId: ids.electionAmb, voterId: ids.alice, candidateId: ids.carol, weight: 2.5 },
  ]);
  await db.insert(hub.regionalPolicies).values([
    {
      id: ids.policyOpen,
      regionId: ids.alpha,
      policyType: 'tax_rate',
      title: 'Lower the tax',
      description: 'From 10% to 8%',
      proposedChanges: { tax_rate: 0.08 },
      proposedBy: ids.bob,
      proposedAt: day(5),
      votingClosesAt: day(12),
      votesFor: 1.5,
      votesAgainst: 0.5,
    },
    {
      id: ids.policyPassed,
      regionId: ids.alpha,
      policyType: 'governance_change',
      title: 'Become a democracy',
      proposedChanges: { governance_type: 'democracy' },
      proposedAt: day(1),
      votingClosesAt: day(3),
      status: 'passed',
    },
    {
      id: ids.policyBeta,
      regionId: ids.beta,
      policyType: 'tax_rate',
      title: 'Beta tax',
      proposedChanges: { tax_rate: 0.2 },
      proposedAt: day(2),
      votingClosesAt: day(4),
      votesAgainst: 3,
      status: 'rejected',
    },
  ]);
  await db.insert(hub.regionalTreaties).values([
    { id: ids.treatyAB, regionAId: ids.alpha, regionBId: ids.beta, treatyType: 'trade_agreement', status: 'active', proposedAt: day(2), acceptedAt: day(3) },
    { id: ids.treatyBG, regionAId: ids.beta, regionBId: ids.gamma, treatyType: 'defense_pact', status: 'proposed', proposedAt: day(4) },
  ]);
  await db.insert(hub.regionalTreasuryEntries).values([
    { regionId: ids.alpha, beforeBalance: 0, afterBalance: 1000, delta: 1000, causeType: 'tax_collection', reason: 'weekly taxes', at: day(1) },
    { regionId: ids.alpha, beforeBalance: 1000, afterBalance: 700, delta: -300, causeType: 'expenditure', reason: 'new docks', at: day(2) },
  ]);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seed(tdb.db);
  service = await startGovernanceSubgraph({ port: 0, databaseUrl: tdb.url });
});

afterAll(async () => {
  await service?.stop();
  await tdb?.drop();
});

const q = <T = unknown>(query: string, variables?: Record<string, unknown>, claims?: ReturnType<typeof testClaims> | null) =>
  postGraphql<T>(service.url, query, variables, claims ?? null);

const owner = () => testClaims(ids.userAlice, 'alice', ids.alice);
const otherPlayer = () => testClaims(ids.userBob, 'bob', ids.bob);
const admin = () => testClaims(ids.userAdmin, 'admin', ids.admin, true);

/** Reads Region fields of this subgraph through federation entity resolution, as the gateway does. */
const regionEntity = (id: string, selection: string, claims: ReturnType<typeof testClaims> | null = null) =>
  q<EntitiesData>(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { ${selection} } } }`, {
    reps: [{ __typename: 'Region', id }],
  }, claims);

describe('election(id)', () => {
  it('sums ballot weights per candidate in registration order, with the total', async () => {
    const res = await q<{ election: unknown }>(
      `query($id: ID!) { election(id: $id) { id position status votingOpensAt votingClosesAt region { id } winner { id }
        totalWeight candidates { player { id } platform weight } } }`,
      { id: ids.electionGov },
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).election).toEqual({
      id: ids.electionGov,
      position: 'governor',
      status: 'ACTIVE',
      votingOpensAt: '2102-01-10T00:00:00.000Z',
      votingClosesAt: '2102-01-17T00:00:00.000Z',
      region: { id: ids.alpha },
      winner: null,
      totalWeight: 2.75,
      candidates: [
        { player: { id: ids.bob }, platform: 'Lower tariffs', weight: 1.75 },
        { player: { id: ids.alice }, platform: null, weight: 1 },
        { player: { id: ids.carol }, platform: null, weight: 0 },
      ],
    });
  });

  it('answers ERR_NOT_FOUND for an unknown id and ERR_VALIDATION for a malformed one', async () => {
    expect(errorCodes(await q(`query($id: ID!) { election(id: $id) { id } }`, { id: ids.unknown }))).toEqual(['ERR_NOT_FOUND']);
    expect(errorCodes(await q(`{ election(id: "12") { id } }`))).toEqual(['ERR_VALIDATION']);
  });
});

describe('policy(id)', () => {
  it('returns decimal tallies and the approval percentage', async () => {
    const res = await q<{ policy: unknown }>(
      `query($id: ID!) { policy(id: $id) { title policyType description proposedBy { id } votesFor votesAgainst approvalPercentage status region { id } } }`,
      { id: ids.policyOpen },
    );
    expect(dataOf(res).policy).toEqual({
      title: 'Lower the tax',
      policyType: 'tax_rate',
      description: 'From 10% to 8%',
      proposedBy: { id: ids.bob },
      votesFor: 1.5,
      votesAgainst: 0.5,
      approvalPercentage: 75,
      status: 'VOTING',
      region: { id: ids.alpha },
    });
  });

  it('has a null approval percentage without votes', async () => {
    const res = await q<{ policy: unknown }>(`query($id: ID!) { policy(id: $id) { approvalPercentage votesFor proposedBy { id } } }`, { id: ids.policyPassed });
    expect(dataOf(res).policy).toEqual({ approvalPercentage: null, votesFor: 0, proposedBy: null });
  });

  it('answers ERR_NOT_FOUND / ERR_VALIDATION', async () => {
    expect(errorCodes(await q(`query($id: ID!) { policy(id: $id) { id } }`, { id: ids.unknown }))).toEqual(['ERR_NOT_FOUND']);
    expect(errorCodes(await q(`{ policy(id: "nope") { id } }`))).toEqual(['ERR_VALIDATION']);
  });
});

describe('Region read paths (via _entities)', () => {
  it('lists policies newest first, optionally filtered by status', async () => {
    const all = await regionEntity(ids.alpha, 'policies { id status }');
    expect(dataOf(all)._entities[0]?.policies).toEqual([
      { id: ids.policyOpen, status: 'VOTING' },
      { id: ids.policyPassed, status: 'PASSED' },
    ]);
    const passed = await regionEntity(ids.alpha, 'policies(status: PASSED) { id }');
    expect(dataOf(passed)._entities[0]?.policies).toEqual([{ id: ids.policyPassed }]);
  });

  it('lists elections with status filter and winner', async () => {
    const res = await regionEntity(ids.alpha, 'elections { id status winner { id } totalWeight } active: elections(status: ACTIVE) { id }');
    expect(dataOf(res)._entities[0]?.elections).toEqual([
      { id: ids.electionGov, status: 'ACTIVE', winner: null, totalWeight: 2.75 },
      { id: ids.electionAmb, status: 'COMPLETED', winner: { id: ids.carol }, totalWeight: 2.5 },
    ]);
    expect(dataOf(res)._entities[0]?.active).toEqual([{ id: ids.electionGov }]);
  });

  it('lists the treaties a region is party to on either side', async () => {
    const res = await regionEntity(ids.beta, 'treaties { id regionA { id } regionB { id } treatyType status acceptedAt expiresAt }');
    expect(dataOf(res)._entities[0]?.treaties).toEqual([
      { id: ids.treatyBG, regionA: { id: ids.beta }, regionB: { id: ids.gamma }, treatyType: 'defense_pact', status: 'proposed', acceptedAt: null, expiresAt: null },
      { id: ids.treatyAB, regionA: { id: ids.alpha }, regionB: { id: ids.beta }, treatyType: 'trade_agreement', status: 'active', acceptedAt: '2102-01-03T00:00:00.000Z', expiresAt: null },
    ]);
  });

  it('batches many regions in one _entities call and keeps each region its own rows', async () => {
    const res = await q<EntitiesData>(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { id policies { id } treaties { id } } } }`,
      { reps: [ids.alpha, ids.beta, ids.gamma, ids.unknown, 'garbage'].map((id) => ({ __typename: 'Region', id })) },
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res)._entities).toEqual([
      { id: ids.alpha, policies: [{ id: ids.policyOpen }, { id: ids.policyPassed }], treaties: [{ id: ids.treatyAB }] },
      { id: ids.beta, policies: [{ id: ids.policyBeta }], treaties: [{ id: ids.treatyBG }, { id: ids.treatyAB }] },
      { id: ids.gamma, policies: [], treaties: [{ id: ids.treatyBG }] },
      { id: ids.unknown, policies: [], treaties: [] },
      null,
    ]);
  });
});

describe('Region.treasuryLedger', () => {
  const ledger = 'treasuryLedger { delta beforeBalance afterBalance causeType reason at }';

  it('shows the owner the ledger newest first', async () => {
    const res = await regionEntity(ids.alpha, ledger, owner());
    expect(res.errors).toBeUndefined();
    expect(dataOf(res)._entities[0]?.treasuryLedger).toEqual([
      { delta: -300, beforeBalance: 1000, afterBalance: 700, causeType: 'expenditure', reason: 'new docks', at: '2102-01-02T00:00:00.000Z' },
      { delta: 1000, beforeBalance: 0, afterBalance: 1000, causeType: 'tax_collection', reason: 'weekly taxes', at: '2102-01-01T00:00:00.000Z' },
    ]);
  });

  it('honours first and lets an admin read any region', async () => {
    const res = await regionEntity(ids.alpha, 'treasuryLedger(first: 1) { delta }', admin());
    expect(dataOf(res)._entities[0]?.treasuryLedger).toEqual([{ delta: -300 }]);
  });

  it.each([
    ['another player', otherPlayer],
    ['an anonymous caller', () => null],
  ])('refuses %s with ERR_NOT_REGION_OWNER', async (_label, claims) => {
    const res = await regionEntity(ids.alpha, ledger, claims());
    expect(errorCodes(res)).toEqual(['ERR_NOT_REGION_OWNER']);
  });

  it('does not reveal whether a region exists to non-owners; admins get ERR_REGION_NOT_FOUND', async () => {
    expect(errorCodes(await regionEntity(ids.unknown, ledger, otherPlayer()))).toEqual(['ERR_NOT_REGION_OWNER']);
    expect(errorCodes(await regionEntity(ids.unknown, ledger, admin()))).toEqual(['ERR_REGION_NOT_FOUND']);
  });

  it('rejects first outside 1..200 with ERR_VALIDATION', async () => {
    expect(errorCodes(await regionEntity(ids.alpha, 'treasuryLedger(first: 0) { delta }', owner()))).toEqual(['ERR_VALIDATION']);
    expect(errorCodes(await regionEntity(ids.alpha, 'treasuryLedger(first: 500) { delta }', owner()))).toEqual(['ERR_VALIDATION']);
  });
});

describe('health', () => {
  it('reports ok with the db check', async () => {
    const res = await fetch(`${service.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', service: 'governance' });
  });
});
