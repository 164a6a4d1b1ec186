import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match } from '@sw/testing/matchers';
import { generatePlayerRegion } from '@sw/galaxy';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb, RegionDb } from '@sw/db';
import { PERSIST_STAGES, countWorldRows, ensureBaseGalaxy, findPlatformRegion, persistWorld } from './index.ts';

let regionDb: TestDatabase<RegionDb>;
let hubDb: TestDatabase<HubDb>;

beforeAll(async () => {
  [regionDb, hubDb] = await Promise.all([createTestDatabase({ kind: 'region' }), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([regionDb?.drop(), hubDb?.drop()]);
});

/** First seed (from 1) whose standard-tier region has exactly `size` ± 20 sectors. */
function seedForSize(size: number): bigint {
  for (let s = 1n; s < 5000n; s++) {
    if (Math.abs(generatePlayerRegion({ seed: s, tier: 'standard', sectorIdStart: 5301, validate: false }).totalSectors - size) <= 20) return s;
  }
  throw new Error('no seed found');
}

describe('persistWorld into a region database', () => {
  it('writes a ~1000-sector player region with every row and returns checksums equal to the row counts', async () => {
    const regionId = randomUUID();
    const generated = generatePlayerRegion({ seed: seedForSize(1000), tier: 'standard', sectorIdStart: 5301, regionName: 'Test Reach' });
    const result = await regionDb.sql.begin((tx) => persistWorld(tx, generated, { regionId, database: 'region' }));
    const counts = await countWorldRows(regionDb.sql, regionId);
    expect(counts).toEqual({
      zones: generated.zones.length,
      clusters: generated.clusters.length,
      sectors: generated.totalSectors,
      sector_warps: generated.warps.length,
      stations: generated.stations.length,
      planets: generated.planets.length,
    });
    for (const stage of PERSIST_STAGES) expect(result.checksums[stage].row_count, stage).toBe(counts[stage]);
    expect(Math.abs(counts.sectors - 1000)).toBeLessThanOrEqual(20);
    const [capital] = await regionDb.sql`select sector_number, sector_id from sectors where region_id = ${regionId} and is_capital`;
    expect(capital).toEqual({ sector_number: generated.capitalSectorNumber, sector_id: 5300 + generated.capitalSectorNumber });
    // island groups and special features survive the round trip
    const islands = await regionDb.sql`select count(*)::int as n from sectors where region_id = ${regionId} and resources ? 'island_group_id'`;
    expect(islands[0]!.n).toBe(generated.stats.islandSectors);
    const [spoke] = await regionDb.sql`select special_features, is_nexus_protected from sectors where region_id = ${regionId} and sector_number = ${generated.nexusWarpSector}`;
    expect(spoke).toEqual({ special_features: match.arrayContaining(['nexus_spoke']), is_nexus_protected: true });
    // zones are linked by range
    const unzoned = await regionDb.sql`select count(*)::int as n from sectors where region_id = ${regionId} and zone_id is null`;
    expect(unzoned[0]!.n).toBe(0);
  });

  it('rolls back everything when a stage fails (duplicate sector ids)', async () => {
    const regionId = randomUUID();
    const generated = generatePlayerRegion({ seed: 3n, tier: 'standard', sectorIdStart: 5301 }); // same id block as above
    await expect(regionDb.sql.begin((tx) => persistWorld(tx, generated, { regionId, database: 'region' }))).rejects.toThrow();
    expect(Object.values(await countWorldRows(regionDb.sql, regionId))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('ensureBaseGalaxy on an empty hub', () => {
  it('creates Terran Space 1-300 and the Central Nexus 301-5300 in one call', async () => {
    const result = await ensureBaseGalaxy(hubDb.sql, { seed: 42 });
    expect(result.generated.map((g) => [g.regionType, g.sectorIdStart, g.sectorIdEnd])).toEqual([
      ['terran_space', 1, 300],
      ['central_nexus', 301, 5300],
    ]);
    const terran = (await findPlatformRegion(hubDb.sql, 'terran_space'))!;
    const nexus = (await findPlatformRegion(hubDb.sql, 'central_nexus'))!;
    expect([terran.sector_rows, nexus.sector_rows]).toEqual([300, 5000]);
    expect([terran.generation_seed, nexus.generation_seed]).toEqual(['43', '44']);
    const tunnels = await hubDb.sql`select from_region_id, to_region_id, to_sector_id from warp_tunnels`;
    expect(tunnels).toEqual([{ from_region_id: terran.id, to_region_id: nexus.id, to_sector_id: 2551 }]);
    const [earth] = await hubDb.sql`select s.sector_number, st.name from stations st join sectors s on s.sector_id = st.sector_id
      where s.region_id = ${terran.id} and s.is_capital`;
    expect(earth).toEqual({ sector_number: 1, name: 'Earth Station' });
  });
});
