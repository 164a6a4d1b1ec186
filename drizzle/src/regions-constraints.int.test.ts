import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase, dbErrorOf, insertRegion, insertUserWithPlayer, type TestDatabase } from '@sw/testing';
import { NEXUS_SECTORS, PLAYER_REGION_MAX_SECTORS, PLAYER_REGION_MIN_SECTORS, TERRAN_SECTORS } from '@sw/domain';
import { hub, type HubDb } from './index.ts';

let t: TestDatabase<HubDb>;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const CHECK = '23514';
const UNIQUE = '23505';

describe('regions: the database refuses bad rows', () => {
  it.each([
    ['tax_rate 0.30', { taxRate: 0.3 }, 'valid_tax_rate'],
    ['tax_rate 0.04', { taxRate: 0.04 }, 'valid_tax_rate'],
    ['voting_threshold 0.95', { votingThreshold: 0.95 }, 'valid_voting_threshold'],
    ['governance_quorum_pct 0.7', { governanceQuorumPct: 0.7 }, 'valid_governance_quorum_pct'],
    ['election_frequency_days 29', { electionFrequencyDays: 29 }, 'valid_election_frequency_days'],
    ['starting_credits 99', { startingCredits: 99 }, 'valid_starting_credits'],
    ['starting_credits 10001', { startingCredits: 10_001 }, 'valid_starting_credits'],
    ['player region of 90 sectors', { totalSectors: 90 }, 'valid_region_type_sector_count'],
    ['player region above the mega ceiling', { totalSectors: PLAYER_REGION_MAX_SECTORS + 1 }, 'valid_region_type_sector_count'],
    ['central_nexus with 4999 sectors', { regionType: 'central_nexus', totalSectors: NEXUS_SECTORS - 1 }, 'valid_region_type_sector_count'],
    ['terran_space with 301 sectors', { regionType: 'terran_space', totalSectors: TERRAN_SECTORS + 1 }, 'valid_region_type_sector_count'],
    ['unknown region_type', { regionType: 'pirate_haven' }, 'valid_region_type'],
    ['unknown status', { status: 'deleted' }, 'valid_region_status'],
    ['unknown governance_type', { governanceType: 'anarchy' }, 'valid_governance_type'],
    ['unknown size_tier', { sizeTier: 'enterprise' }, 'valid_size_tier'],
    ['cpu_vcpu 9', { cpuVcpu: 9 }, 'valid_cpu_vcpu'],
    ['cpu_vcpu 0.5', { cpuVcpu: 0.5 }, 'valid_cpu_vcpu'],
    ['memory_gb 17', { memoryGb: 17 }, 'valid_memory_gb'],
    ['storage_gb 5', { storageGb: 5 }, 'valid_storage_gb'],
    ['max_players 1001', { maxPlayers: 1001 }, 'valid_max_players'],
    ['desired_state paused', { desiredState: 'paused' }, 'valid_desired_state'],
    ['runtime_state booting', { runtimeState: 'booting' }, 'valid_runtime_state'],
    ['runtime_driver kubernetes', { runtimeDriver: 'kubernetes' }, 'valid_runtime_driver'],
    ['negative treasury_balance', { treasuryBalance: -1 }, 'regions_treasury_nonnegative'],
    ['sector block end before start', { sectorIdStart: 500, sectorIdEnd: 499 }, 'valid_sector_id_block'],
    ['upper-case name', { name: 'Alpha' }, 'regions_name_slug'],
    ['name with a space', { name: 'my region' }, 'regions_name_slug'],
    ['two-letter name', { name: 'ab' }, 'regions_name_slug'],
  ] as const)('refuses %s', async (_label, overrides, constraint) => {
    const err = await dbErrorOf(insertRegion(t.db, overrides as Parameters<typeof insertRegion>[1]));
    expect(err.code).toBe(CHECK);
    expect(err.constraint).toBe(constraint);
  });

  it('refuses an UPDATE that breaks a CHECK (tax_rate 0.30 on an existing region)', async () => {
    const r = await insertRegion(t.db);
    const err = await dbErrorOf(t.db.update(hub.regions).set({ taxRate: 0.3 }).where(eq(hub.regions.id, r.id)));
    expect(err.constraint).toBe('valid_tax_rate');
    const [after] = await t.db.select({ taxRate: hub.regions.taxRate }).from(hub.regions).where(eq(hub.regions.id, r.id));
    expect(after!.taxRate).toBe(0.1);
  });

  it('refuses a second central_nexus and a second terran_space row', async () => {
    await insertRegion(t.db, { name: 'central-nexus', regionType: 'central_nexus', totalSectors: NEXUS_SECTORS });
    await insertRegion(t.db, { name: 'terran-space', regionType: 'terran_space', totalSectors: TERRAN_SECTORS });
    const nexus2 = await dbErrorOf(
      insertRegion(t.db, { name: 'central-nexus-2', regionType: 'central_nexus', totalSectors: NEXUS_SECTORS }),
    );
    expect(nexus2.code).toBe(UNIQUE);
    expect(nexus2.constraint).toBe('uq_regions_one_platform_region_per_type');
    const terran2 = await dbErrorOf(
      insertRegion(t.db, { name: 'terran-space-2', regionType: 'terran_space', totalSectors: TERRAN_SECTORS }),
    );
    expect(terran2.constraint).toBe('uq_regions_one_platform_region_per_type');
  });

  it('refuses a duplicate region name, also when it differs only in case', async () => {
    await insertRegion(t.db, { name: 'veridian', displayName: 'Veridian' });
    const dup = await dbErrorOf(insertRegion(t.db, { name: 'veridian', displayName: 'Veridian Two' }));
    expect(dup.code).toBe(UNIQUE);
    expect(dup.constraint).toBe('uq_regions_name_lower');
    // Upper case never reaches the unique index: the slug CHECK refuses it first.
    const upper = await dbErrorOf(insertRegion(t.db, { name: 'Veridian', displayName: 'Veridian' }));
    expect(upper.constraint).toBe('regions_name_slug');
    // Even bypassing the slug rule (constraint dropped in a rolled-back transaction), lower(name) stays unique.
    const bypass = await dbErrorOf(
      t.sql.begin(async (tx) => {
        await tx`ALTER TABLE regions DROP CONSTRAINT regions_name_slug`;
        await tx`INSERT INTO regions (name, display_name, total_sectors) VALUES ('VERIDIAN', 'x', 1000)`;
      }),
    );
    expect(bypass.constraint).toBe('uq_regions_name_lower');
  });

  it('points owner, governor and ambassador at players and nulls them when the player goes', async () => {
    const owner = await insertUserWithPlayer(t.db);
    const r = await insertRegion(t.db, { ownerId: owner.playerId, governorId: owner.playerId, ambassadorId: owner.playerId });
    const fk = await dbErrorOf(insertRegion(t.db, { ownerId: owner.userId }));
    expect(fk.code).toBe('23503'); // a users.id is not a players.id (docs/rules/original-defects.md #29)
    await t.db.delete(hub.users).where(eq(hub.users.id, owner.userId));
    const [after] = await t.db.select().from(hub.regions).where(eq(hub.regions.id, r.id));
    expect([after!.ownerId, after!.governorId, after!.ambassadorId]).toEqual([null, null, null]);
  });

  it('accepts valid rows at every boundary and fills the documented defaults', async () => {
    for (const [i, overrides] of [
      { totalSectors: PLAYER_REGION_MIN_SECTORS, taxRate: 0.05, votingThreshold: 0.1, governanceQuorumPct: 0.25 },
      { totalSectors: PLAYER_REGION_MAX_SECTORS, taxRate: 0.25, votingThreshold: 0.9, governanceQuorumPct: 0.6 },
      { cpuVcpu: 1, memoryGb: 2, storageGb: 10, maxPlayers: 10, electionFrequencyDays: 30, startingCredits: 100 },
      { cpuVcpu: 8, memoryGb: 16, storageGb: 100, maxPlayers: 1000, electionFrequencyDays: 365, startingCredits: 10_000 },
      { cpuVcpu: 1.5, governanceQuorumPct: null, sizeTier: 'mega', runtimeDriver: 'process', sectorIdStart: 5301, sectorIdEnd: 6300 },
    ].entries()) {
      const row = await insertRegion(t.db, { name: `valid-${i}`, ...overrides });
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const r = await insertRegion(t.db, { name: 'defaults-check' });
    expect(r).toMatchObject({
      taxRate: 0.1,
      votingThreshold: 0.51,
      governanceQuorumPct: 0.33,
      electionFrequencyDays: 90,
      cpuVcpu: 2,
      memoryGb: 4,
      storageGb: 20,
      maxPlayers: 100,
      desiredState: 'running',
      runtimeState: 'requested',
      specGeneration: 1,
      observedGeneration: 0,
      treasuryBalance: 0,
      totalTradeVolume: '0.00',
      runtimeConditions: {},
    });
    expect(r.createdAt).toBeInstanceOf(Date);
  });

  it('gives every region a random positive 63-bit generation_seed and stores timestamps with time zone', async () => {
    const a = await insertRegion(t.db);
    const b = await insertRegion(t.db);
    expect(typeof a.generationSeed).toBe('bigint');
    expect(a.generationSeed > 0n && a.generationSeed <= 9223372036854775807n).toBe(true);
    expect(a.generationSeed).not.toBe(b.generationSeed);
    const cols = await t.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'`;
    expect(cols[0]!.n).toBe(0); // docs/rules/original-defects.md #32: timestamptz everywhere
  });
});
