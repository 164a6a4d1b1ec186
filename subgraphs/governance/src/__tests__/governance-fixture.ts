/**
 * Test fixture of the governance integration tests: one database, the subgraph on a free port with a movable clock
 * (sweeps are driven by the test, pg-boss jobs off), and helpers to add regions, members and to call GraphQL.
 */
import { hub, type HubDb } from '@sw/db';
import { DEFAULT_REDIS_URL } from '@sw/config';
import type { MembershipType } from '@sw/domain';
import { createTestDatabase, createTestRedisPrefix, insertRegion, insertUserWithPlayer, postGraphql, testClaims, type GraphqlResponse, type TestDatabase } from '@sw/testing';
import type { Claims } from '@sw/auth';
import { startGovernanceSubgraph, type RunningSubgraph } from '../start-governance-subgraph.ts';
import { runGovernanceSweep, type SweepReport } from '../sweeps/governance-sweep.ts';

export interface Person {
  userId: string;
  playerId: string;
  username: string;
  claims: Claims;
}

export interface GovernanceFixture {
  tdb: TestDatabase<HubDb>;
  service: RunningSubgraph;
  db: HubDb;
  /** The service clock (ms); move it forward to reach windows. */
  clock: { ms: number };
  /** `T` is the shape of the selection the test sends (see docs/decisions/type-aware-lint.md). */
  gql<T = unknown>(query: string, variables?: Record<string, unknown>, who?: Person | Claims | null): Promise<GraphqlResponse<T>>;
  person(opts?: { ageDays?: number; admin?: boolean }): Promise<Person>;
  region(owner: Person, overrides?: Partial<typeof hub.regions.$inferInsert>): Promise<string>;
  member(regionId: string, p: Person, type: MembershipType, votingPower?: number, reputationScore?: number): Promise<void>;
  /** Runs the governance sweep at the fixture clock. */
  sweep(): Promise<SweepReport>;
  stop(): Promise<void>;
}

export const DAY = 86_400_000;

export async function createGovernanceFixture(eventsPrefix = createTestRedisPrefix('gov')): Promise<GovernanceFixture> {
  const tdb = await createTestDatabase({ max: 8 });
  const clock = { ms: Date.now() };
  const service = await startGovernanceSubgraph({
    port: 0, databaseUrl: tdb.url, redisUrl: process.env.REDIS_URL ?? DEFAULT_REDIS_URL, eventsPrefix, runJobs: false, now: () => new Date(clock.ms), dbPoolSize: 8,
  });
  let n = 0;
  const fx: GovernanceFixture = {
    tdb, service, db: tdb.db, clock,
    gql: (query, variables = {}, who = null) => postGraphql(service.url, query, variables, who && 'claims' in who ? who.claims : (who as Claims | null)),
    async person(opts = {}) {
      const u = await insertUserWithPlayer(tdb.db, { username: `gov_${Date.now().toString(36)}_${n++}`, ageDays: opts.ageDays ?? 90, ...(opts.admin ? { roles: ['player', 'admin'] } : {}) });
      return { ...u, claims: testClaims(u.userId, u.username, u.playerId, opts.admin ?? false) };
    },
    async region(owner, overrides = {}) {
      return (await insertRegion(tdb.db, { ownerId: owner.playerId, ...overrides })).id;
    },
    async member(regionId, p, type, votingPower = type === 'citizen' ? 1.5 : 1, reputationScore = 0) {
      await tdb.db.insert(hub.regionalMemberships).values({ regionId, playerId: p.playerId, membershipType: type, votingPower, reputationScore });
    },
    sweep: () => runGovernanceSweep(service.deps, new Date(clock.ms)),
    async stop() {
      await service.stop();
      await tdb.drop();
    },
  };
  return fx;
}
