import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase, dbErrorOf, insertRegion, type TestDatabase } from '@sw/testing';
import { createRegionDb, hub, migrateRegion, region, type HubDb } from './index.ts';

describe('hub world tables', () => {
  let t: TestDatabase<HubDb>;
  let regionId: string;
  let clusterId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    regionId = (await insertRegion(t.db, { name: 'terran-space', regionType: 'terran_space', totalSectors: 300 })).id;
    const [c] = await t.db
      .insert(hub.clusters)
      .values({ regionId, clusterNumber: 1, name: 'Sol Core', clusterType: 'POPULATION_CENTER', sectorCount: 50 })
      .returning();
    clusterId = c!.id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  const sector = (n: number, extra: Partial<typeof hub.sectors.$inferInsert> = {}) => ({
    sectorId: n,
    sectorNumber: n,
    regionId,
    clusterId,
    ...extra,
  });

  it('refuses two capitals in one region', async () => {
    await t.db.insert(hub.sectors).values(sector(1, { isCapital: true, securityLevel: 10, hazardLevel: 0 }));
    const err = await dbErrorOf(t.db.insert(hub.sectors).values(sector(2, { isCapital: true })));
    expect(err.code).toBe('23505');
    expect(err.constraint).toBe('uq_sectors_one_capital_per_region');
  });

  it('refuses a duplicate (region_id, sector_number) and a duplicate global sector_id', async () => {
    await t.db.insert(hub.sectors).values(sector(3));
    const num = await dbErrorOf(t.db.insert(hub.sectors).values(sector(3, { sectorId: 9003 })));
    expect(num.constraint).toBe('uq_sectors_region_sector_number');
    const id = await dbErrorOf(t.db.insert(hub.sectors).values(sector(4, { sectorId: 3 })));
    expect(id.constraint).toBe('uq_sectors_sector_id');
  });

  it.each([
    ['security_level 11', { securityLevel: 11 }, 'sectors_security_level_range'],
    ['hazard_level -1', { hazardLevel: -1 }, 'sectors_hazard_level_range'],
    ['sector_number 0', { sectorNumber: 0 }, 'sectors_sector_number_positive'],
  ] as const)('refuses a sector with %s', async (_l, extra, constraint) => {
    const err = await dbErrorOf(t.db.insert(hub.sectors).values(sector(50, extra)));
    expect(err.constraint).toBe(constraint);
  });

  it('refuses a self-warp and a duplicate warp; warps vanish with their sector', async () => {
    await t.db.insert(hub.sectors).values([sector(5), sector(6)]);
    const self = await dbErrorOf(t.db.insert(hub.sectorWarps).values({ regionId, fromSectorId: 5, toSectorId: 5 }));
    expect(self.constraint).toBe('sector_warps_not_self');
    await t.db.insert(hub.sectorWarps).values({ regionId, fromSectorId: 5, toSectorId: 6 });
    const dup = await dbErrorOf(t.db.insert(hub.sectorWarps).values({ regionId, fromSectorId: 5, toSectorId: 6 }));
    expect(dup.constraint).toBe('uq_sector_warps_from_to');
    const dangling = await dbErrorOf(t.db.insert(hub.sectorWarps).values({ regionId, fromSectorId: 5, toSectorId: 999 }));
    expect(dangling.code).toBe('23503');
    await t.db.delete(hub.sectors).where(eq(hub.sectors.sectorId, 6));
    expect(await t.db.select().from(hub.sectorWarps).where(eq(hub.sectorWarps.fromSectorId, 5))).toHaveLength(0);
  });

  it('refuses duplicate cluster names/numbers per region and bad station/planet values', async () => {
    const name = await dbErrorOf(t.db.insert(hub.clusters).values({ regionId, clusterNumber: 2, name: 'Sol Core' }));
    expect(name.constraint).toBe('uq_clusters_region_name');
    const number = await dbErrorOf(t.db.insert(hub.clusters).values({ regionId, clusterNumber: 1, name: 'Other' }));
    expect(number.constraint).toBe('uq_clusters_region_cluster_number');
    const cls = await dbErrorOf(t.db.insert(hub.stations).values({ regionId, sectorId: 1, name: 'X', stationClass: 12 }));
    expect(cls.constraint).toBe('stations_station_class_range');
    const tier = await dbErrorOf(t.db.insert(hub.stations).values({ regionId, sectorId: 1, name: 'X', tradedockTier: 'C' }));
    expect(tier.constraint).toBe('stations_tradedock_tier_valid');
    const hab = await dbErrorOf(t.db.insert(hub.planets).values({ regionId, sectorId: 1, name: 'X', habitability: 101 }));
    expect(hab.constraint).toBe('planets_habitability_range');
    const zone = await dbErrorOf(
      t.db.insert(hub.zones).values({ regionId, name: 'Fed', zoneType: 'FEDERATION', startSector: 100, endSector: 1 }),
    );
    expect(zone.constraint).toBe('zones_end_after_start');
  });

  it('accepts a valid capital with Earth Station and New Earth, and deletes the world with its region', async () => {
    await t.db.insert(hub.stations).values({ regionId, sectorId: 1, name: 'Earth Station', stationClass: 0, securityTier: 'standard', transientSlips: 80, longTermSlips: 30 });
    await t.db.insert(hub.planets).values({ regionId, sectorId: 1, name: 'New Earth', habitability: 95, population: 8_000_000_000, maxPopulation: 8_000_000_000, isPopulationHub: true });
    const [p] = await t.db.select().from(hub.planets).where(eq(hub.planets.name, 'New Earth'));
    expect(p!.population).toBe(8_000_000_000);
    await t.db.delete(hub.regions).where(eq(hub.regions.id, regionId));
    expect(await t.db.select().from(hub.sectors)).toHaveLength(0);
    expect(await t.db.select().from(hub.clusters)).toHaveLength(0);
  });
});

describe('region database (migrateRegion)', () => {
  let t: TestDatabase<HubDb>;
  beforeAll(async () => {
    t = await createTestDatabase({ kind: 'empty' });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('creates the world tables in a fresh region database, idempotently, with no hub tables', async () => {
    await migrateRegion(t.url);
    await migrateRegion(t.url); // second run is a no-op
    const rows = await t.sql<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
    expect(rows.map((r) => r.table_name)).toEqual([
      'clusters',
      'planets',
      'presence',
      'sector_warps',
      'sectors',
      'stations',
      'zones',
    ]);
  });

  it('enforces the same world constraints without a regions table', async () => {
    const r = createRegionDb(t.url, { max: 2 });
    try {
      const regionId = '11111111-1111-4111-8111-111111111111';
      const [c] = await r.db.insert(region.clusters).values({ regionId, clusterNumber: 1, name: 'Core' }).returning();
      await r.db.insert(region.sectors).values({ sectorId: 5301, sectorNumber: 1, regionId, clusterId: c!.id, isCapital: true });
      const cap = await dbErrorOf(
        r.db.insert(region.sectors).values({ sectorId: 5302, sectorNumber: 2, regionId, clusterId: c!.id, isCapital: true }),
      );
      expect(cap.constraint).toBe('uq_sectors_one_capital_per_region');
      const dup = await dbErrorOf(
        r.db.insert(region.sectors).values({ sectorId: 5303, sectorNumber: 1, regionId, clusterId: c!.id }),
      );
      expect(dup.constraint).toBe('uq_sectors_region_sector_number');
      await r.db.insert(region.presence).values({ playerId: regionId, sectorNumber: 1 });
      const bad = await dbErrorOf(r.db.insert(region.presence).values({ playerId: c!.id, sectorNumber: 0 }));
      expect(bad.constraint).toBe('presence_sector_number_positive');
    } finally {
      await r.close();
    }
  });
});

describe("createTestDatabase({ kind: 'region' })", () => {
  it('returns a migrated region database typed with the region schema', async () => {
    const r = await createTestDatabase({ kind: 'region' });
    try {
      expect(await r.db.select().from(region.presence)).toEqual([]);
      const hubTables = await r.sql`SELECT 1 FROM information_schema.tables WHERE table_name = 'regions'`;
      expect(hubTables).toHaveLength(0);
    } finally {
      await r.drop();
    }
    const left = await dbErrorOf(r.sql`SELECT 1`);
    expect(left.message).toMatch(/ended|closed|CONNECTION/i);
  });
});
