import { hub } from '@sw/db';
import type { HubDb } from '@sw/db';

const GOVERNANCE = ['autocracy', 'democracy', 'council'] as const;
const TIERS = [
  { sizeTier: 'standard', totalSectors: 1000 },
  { sizeTier: 'premium', totalSectors: 1400 },
  { sizeTier: 'mega', totalSectors: 2000 },
] as const;
const SPECIALIZATIONS = ['mining', 'trade', 'research', 'military', 'agriculture', null] as const;
const MEMBERSHIP_TYPES = ['citizen', 'resident', 'visitor'] as const;

/** Deterministic pseudo-random numbers (mulberry32) so every run seeds the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeds the benchmark database: 350 users/players, 50 active player-owned regions (owners, varied governance,
 * economy and size tiers; hibernated runtimes), 5–15 memberships per region (a few hundred rows) and a few policies and
 * elections per region, inserted directly with drizzle.
 */
export async function seedGatewayBenchData(db: HubDb): Promise<{ regions: number; players: number; memberships: number; policies: number; elections: number }> {
  const rand = rng(2102);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const users = await db
    .insert(hub.users)
    .values(Array.from({ length: 350 }, (_, i) => ({ username: `pilot_${i}`, displayName: `Pilot ${i}` })))
    .returning({ id: hub.users.id });
  const players = await db
    .insert(hub.players)
    .values(users.map((u, i) => ({ userId: u.id, name: `Pilot ${i}`, credits: 10_000 + Math.floor(rand() * 90_000) })))
    .returning({ id: hub.players.id });
  const regions = await db
    .insert(hub.regions)
    .values(
      Array.from({ length: 50 }, (_, i) => {
        const tier = pick(TIERS);
        const governanceType = pick(GOVERNANCE);
        return {
          name: `bench-region-${String(i).padStart(2, '0')}`,
          displayName: `Bench Region ${i}`,
          regionType: 'player_owned',
          status: 'active',
          ownerId: players[i]!.id,
          sizeTier: tier.sizeTier,
          totalSectors: tier.totalSectors,
          governanceType,
          votingThreshold: Math.round((0.5 + rand() * 0.25) * 100) / 100,
          governanceQuorumPct: Math.round((0.25 + rand() * 0.3) * 100) / 100,
          electionFrequencyDays: 30 + Math.floor(rand() * 120),
          constitutionalText: governanceType === 'autocracy' ? null : `Charter of Bench Region ${i}`,
          taxRate: Math.round((0.05 + rand() * 0.2) * 10_000) / 10_000,
          startingCredits: 1000 + Math.floor(rand() * 9) * 500,
          startingShip: pick(['scout', 'light_freighter', 'fast_courier']),
          economicSpecialization: pick(SPECIALIZATIONS),
          treasuryBalance: Math.floor(rand() * 2_000_000),
          tradeBonuses: { ore: 1 + Math.round(rand() * 100) / 100, equipment: 1.2 },
          languagePack: { greeting: `Welcome to Bench Region ${i}` },
          createdAt: new Date(Date.now() - i * 3_600_000),
          // Hibernated (desired running): the orchestrator reports a runtime, and its reconciler leaves the region alone
          // while no wake is requested (docs/rules/hibernation.md), so the bench starts no region-servers.
          desiredState: 'running',
          runtimeState: 'hibernated',
          runtimeDriver: 'process',
          hibernatedAt: new Date(Date.now() - i * 600_000),
        };
      }),
    )
    .returning({ id: hub.regions.id });
  const memberships: (typeof hub.regionalMemberships.$inferInsert)[] = [];
  regions.forEach((r, i) => {
    const count = 5 + Math.floor(rand() * 11);
    const start = 50 + Math.floor(rand() * 290);
    for (let k = 0; k < count; k++) {
      memberships.push({
        regionId: r.id,
        playerId: players[(start + k * 7 + i) % players.length]!.id,
        membershipType: pick(MEMBERSHIP_TYPES),
        reputationScore: Math.floor(rand() * 400) - 100,
        votingPower: 1,
      });
    }
  });
  // (player, region) is unique: the stride above never repeats a player within one region.
  await db.insert(hub.regionalMemberships).values(memberships);
  // Governance data for the cross-subgraph dashboard query: 0–3 policies and 0–2 elections per region.
  const day = (d: number) => new Date(Date.now() + d * 86_400_000);
  const policies: (typeof hub.regionalPolicies.$inferInsert)[] = [];
  const elections: (typeof hub.regionalElections.$inferInsert)[] = [];
  regions.forEach((r, i) => {
    for (let k = Math.floor(rand() * 4); k > 0; k--) {
      const taxRate = Math.round((0.05 + rand() * 0.2) * 100) / 100;
      policies.push({
        regionId: r.id,
        policyType: 'tax_rate',
        title: `Set the tax to ${Math.round(taxRate * 100)}%`,
        proposedChanges: { tax_rate: taxRate },
        proposedBy: players[(i + k) % players.length]!.id,
        proposedAt: day(-k),
        votingClosesAt: day(7 - k),
        votesFor: Math.floor(rand() * 20),
        votesAgainst: Math.floor(rand() * 20),
        status: pick(['voting', 'passed', 'rejected']),
      });
    }
    for (let k = Math.floor(rand() * 3); k > 0; k--) {
      elections.push({
        regionId: r.id,
        position: pick(['governor', 'ambassador']),
        votingOpensAt: day(-k),
        votingClosesAt: day(5 - k),
        status: pick(['pending', 'active', 'completed']),
      });
    }
  });
  if (policies.length) await db.insert(hub.regionalPolicies).values(policies);
  if (elections.length) await db.insert(hub.regionalElections).values(elections);
  return { regions: regions.length, players: players.length, memberships: memberships.length, policies: policies.length, elections: elections.length };
}
