import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, NEXUS_CAPITAL_SECTOR_NUMBER } from '@sw/domain';
import { seedDemoUsers } from '@sw/db';
import { generateNexus } from '@sw/galaxy';
import { createTestDatabase, type TestDatabase } from '@sw/testing';
import type { HubDb } from '@sw/db';
import {
  PERSIST_STAGES,
  countWorldRows,
  ensureBaseGalaxy,
  findPlatformRegion,
  generateAndPersistNexus,
  persistWorld,
  regenerateNexusClusterPersisted,
} from './index.ts';

let t: TestDatabase<HubDb>;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoUsers(t.db);
});
afterAll(async () => {
  await t?.drop();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return err instanceof DomainError ? err.code : `not a DomainError: ${String(err)}`;
  }
  return 'resolved';
}

/** A stable text dump of one region's world rows (everything but created_at), for byte-for-byte comparisons. */
async function dumpWorld(regionId: string, where = 'true'): Promise<string[]> {
  const rows = await t.sql.unsafe(
    `select 's' as t, s.sector_id, to_jsonb(s) - 'created_at' as r from sectors s where s.region_id = $1 and ${where.replaceAll('X.', 's.')}
     union all select 'w', w.from_sector_id, to_jsonb(w) - 'created_at' from sector_warps w join sectors s on s.sector_id = w.from_sector_id
       where w.region_id = $1 and ${where.replaceAll('X.', 's.')}
     union all select 'st', st.sector_id, to_jsonb(st) - 'created_at' from stations st join sectors s on s.sector_id = st.sector_id
       where st.region_id = $1 and ${where.replaceAll('X.', 's.')}
     union all select 'p', p.sector_id, to_jsonb(p) - 'created_at' from planets p join sectors s on s.sector_id = p.sector_id
       where p.region_id = $1 and ${where.replaceAll('X.', 's.')}`,
    [regionId],
  );
  return rows.map((r) => `${r.t}|${JSON.stringify(r.r)}`).sort();
}

describe('generateAndPersistNexus', () => {
  it('persists exactly 5000 sectors with the capital 2251 in Gateway Plaza and records checksums equal to the row counts', async () => {
    const result = await generateAndPersistNexus(t.sql, { seed: 42n });
    expect(result.replaced).toBe(false);
    expect(result.sectorIdStart).toBe(301);
    expect(result.sectorIdEnd).toBe(5300);
    const [counts] = await t.sql`select count(*)::int as n, min(sector_number) as lo, max(sector_number) as hi,
      min(sector_id) as id_lo, max(sector_id) as id_hi from sectors where region_id = ${result.regionId}`;
    expect(counts).toEqual({ n: 5000, lo: 1, hi: 5000, id_lo: 301, id_hi: 5300 });
    const capitals = await t.sql`select s.sector_number, s.sector_id, c.name, c.cluster_number from sectors s
      join clusters c on c.id = s.cluster_id where s.region_id = ${result.regionId} and s.is_capital`;
    expect(capitals).toEqual([{ sector_number: NEXUS_CAPITAL_SECTOR_NUMBER, sector_id: 2551, name: 'Gateway Plaza', cluster_number: 10 }]);
    const [prime] = await t.sql`select name, is_starport_prime, security_tier from stations where sector_id = 2551`;
    expect(prime).toEqual({ name: 'Nexus Starport Prime', is_starport_prime: true, security_tier: 'premium' });

    const region = await findPlatformRegion(t.sql, 'central_nexus');
    expect(region).not.toBeNull();
    expect(region!.sector_id_start).toBe(301);
    expect(region!.generation_seed).toBe('42');
    const stored = region!.generation_phase_checksums as Record<string, { row_count: number; duration_ms: number; completed_at: string }>;
    const actual = await countWorldRows(t.sql, result.regionId);
    for (const stage of PERSIST_STAGES) {
      expect(stored[stage]!.row_count, stage).toBe(actual[stage]);
      expect(stored[stage]!.duration_ms).toBeGreaterThanOrEqual(0);
      expect(Number.isNaN(Date.parse(stored[stage]!.completed_at))).toBe(false);
    }
    expect(actual.sectors).toBe(5000);
    expect(actual.clusters).toBe(20);
    expect(actual.sector_warps).toBe(result.generated.warps.length);
    expect((stored as unknown as { galaxy: { hash: string } }).galaxy.hash).toBe(result.galaxyHash);
  });

  it('refuses a second generate without force (ERR_NEXUS_EXISTS) and changes nothing', async () => {
    const region = (await findPlatformRegion(t.sql, 'central_nexus'))!;
    const before = await dumpWorld(region.id);
    expect(await codeOf(generateAndPersistNexus(t.sql, { seed: 7n }))).toBe('ERR_NEXUS_EXISTS');
    const after = (await findPlatformRegion(t.sql, 'central_nexus'))!;
    expect(after.generation_seed).toBe('42');
    expect(after.updated_at).toEqual(region.updated_at);
    expect(await dumpWorld(region.id)).toEqual(before);
  });

  it('writes nothing when the galaxy fails the validation gate', async () => {
    const [r] = await t.sql<{ id: string }[]>`insert into regions (name, display_name, region_type, total_sectors) values ('tamper-test', 'Tamper', 'player_owned', 1000) returning id`;
    const good = generateNexus({ seed: 5, sectorIdStart: 20_001 });
    const tampered = { ...good, sectors: good.sectors.map((s) => (s.sectorNumber === 1 ? { ...s, isCapital: true } : s)) };
    const code = await codeOf(t.sql.begin((tx) => persistWorld(tx, tampered, { regionId: r!.id })));
    expect(code).toBe('ERR_GALAXY_VALIDATION_FAILED');
    const counts = await countWorldRows(t.sql, r!.id);
    expect(Object.values(counts)).toEqual([0, 0, 0, 0, 0, 0]);
    const [row] = await t.sql`select generation_phase_checksums from regions where id = ${r!.id}`;
    expect(row!.generation_phase_checksums).toEqual({});
  });

  it('force regenerate replaces only the Nexus world: players, memberships, other regions and spoke links stay', async () => {
    const nexus = (await findPlatformRegion(t.sql, 'central_nexus'))!;
    const [spoke] = await t.sql<{ id: string }[]>`insert into regions (name, display_name, region_type, total_sectors, sector_id_start, sector_id_end, nexus_warp_sector)
      values ('spoke-one', 'Spoke One', 'player_owned', 1000, 10001, 11000, 17) returning id`;
    const [alice] = await t.sql<{ id: string }[]>`select id from players order by name limit 1`;
    await t.sql`update players set current_region_id = ${nexus.id}, current_sector_number = 2251 where id = ${alice!.id}`;
    await t.sql`insert into regional_memberships (player_id, region_id, membership_type) values (${alice!.id}, ${nexus.id}, 'visitor')`;
    await t.sql`insert into warp_tunnels (from_region_id, from_sector_id, to_region_id, to_sector_id, idempotency_key)
      values (${spoke!.id}, 10017, ${nexus.id}, 2551, ${`${spoke!.id}:1`})`;
    const snapshot = async () => ({
      players: await t.sql`select * from players order by id`,
      memberships: await t.sql`select * from regional_memberships order by id`,
      regions: await t.sql`select id, name, region_type, owner_id, sector_id_start, sector_id_end, status from regions order by id`,
      tunnels: await t.sql`select * from warp_tunnels order by id`,
    });
    const before = await snapshot();
    const oldSectorIds = await t.sql<{ id: string }[]>`select id from sectors where region_id = ${nexus.id} limit 1`;

    const result = await generateAndPersistNexus(t.sql, { seed: 99n, force: true });
    expect(result.replaced).toBe(true);
    expect(result.regionId).toBe(nexus.id);
    expect(result.sectorIdStart).toBe(301);
    expect(await snapshot()).toEqual(before);
    const [tunnel] = await t.sql`select to_sector_id from warp_tunnels where from_region_id = ${spoke!.id}`;
    const [capital] = await t.sql`select sector_id from sectors where region_id = ${nexus.id} and is_capital`;
    expect(tunnel!.to_sector_id).toBe(capital!.sector_id);
    const [{ n }] = (await t.sql`select count(*)::int as n from sectors where id = ${oldSectorIds[0]!.id}`) as unknown as [{ n: number }];
    expect(n).toBe(0); // the world rows really were replaced
    const after = (await findPlatformRegion(t.sql, 'central_nexus'))!;
    expect(after.generation_seed).toBe('99');
    expect((await countWorldRows(t.sql, nexus.id)).sectors).toBe(5000);
  });

  it('regenerateNexusClusterPersisted keeps sector ids and leaves every other cluster byte-identical', async () => {
    const nexus = (await findPlatformRegion(t.sql, 'central_nexus'))!;
    const cluster = 7; // Free Trade Zone: local 1501-1750 → global 1801-2050
    const inCluster = 'X.sector_number between 1501 and 1750';
    const outside = `not (${inCluster})`;
    const othersBefore = await dumpWorld(nexus.id, outside);
    const idsBefore = await t.sql`select id, sector_id, sector_number from sectors where region_id = ${nexus.id} and sector_number between 1501 and 1750 order by sector_id`;
    const clusterBefore = await dumpWorld(nexus.id, inCluster);
    const crossBefore = await t.sql`select from_sector_id, to_sector_id, is_bidirectional from sector_warps where region_id = ${nexus.id}
      and ((from_sector_id between 1801 and 2050) <> (to_sector_id between 1801 and 2050)) order by 1, 2`;

    const result = await regenerateNexusClusterPersisted(t.sql, cluster, 123456n);
    expect(result.rows.sectors).toBe(250);

    expect(await dumpWorld(nexus.id, outside)).toEqual(othersBefore);
    const idsAfter = await t.sql`select id, sector_id, sector_number from sectors where region_id = ${nexus.id} and sector_number between 1501 and 1750 order by sector_id`;
    expect(idsAfter).toEqual(idsBefore);
    expect(await dumpWorld(nexus.id, inCluster)).not.toEqual(clusterBefore);
    const crossAfter = await t.sql`select from_sector_id, to_sector_id, is_bidirectional from sector_warps where region_id = ${nexus.id}
      and ((from_sector_id between 1801 and 2050) <> (to_sector_id between 1801 and 2050)) order by 1, 2`;
    expect(crossAfter).toEqual(crossBefore);

    const after = (await findPlatformRegion(t.sql, 'central_nexus'))!;
    const stored = after.generation_phase_checksums as Record<string, { row_count: number }> & {
      galaxy: { hash: string; cluster_reseeds: unknown[] };
    };
    expect(stored.galaxy.hash).toBe(result.galaxyHash);
    expect(stored.galaxy.cluster_reseeds).toEqual([{ cluster_number: 7, seed: '123456' }]);
    const counts = await countWorldRows(t.sql, nexus.id);
    for (const stage of PERSIST_STAGES) expect(stored[stage]!.row_count, stage).toBe(counts[stage]);

    // A second re-roll replays the recorded history first (hash check) and succeeds again.
    const again = await regenerateNexusClusterPersisted(t.sql, 3, 1n);
    expect(again.galaxyHash).not.toBe(result.galaxyHash);
  });

  it('rejects unknown clusters with ERR_UNKNOWN_CLUSTER and changes nothing', async () => {
    const nexus = (await findPlatformRegion(t.sql, 'central_nexus'))!;
    expect(await codeOf(regenerateNexusClusterPersisted(t.sql, 0, 1n))).toBe('ERR_UNKNOWN_CLUSTER');
    expect(await codeOf(regenerateNexusClusterPersisted(t.sql, 21, 1n))).toBe('ERR_UNKNOWN_CLUSTER');
    expect(await codeOf(regenerateNexusClusterPersisted(t.sql, 2, 'not-a-seed'))).toBe('ERR_VALIDATION');
    expect((await findPlatformRegion(t.sql, 'central_nexus'))!.updated_at).toEqual(nexus.updated_at);
  });
});

describe('ensureBaseGalaxy', () => {
  it('generates Terran Space (1-300) and links it to the Nexus capital, then is a no-op', async () => {
    const first = await ensureBaseGalaxy(t.sql);
    expect(first.generated.map((g) => g.regionType)).toEqual(['terran_space']); // the Nexus already exists
    const terran = (await findPlatformRegion(t.sql, 'terran_space'))!;
    expect([terran.sector_id_start, terran.sector_id_end, terran.sector_rows]).toEqual([1, 300, 300]);
    const nexus = (await findPlatformRegion(t.sql, 'central_nexus'))!;
    const [link] = await t.sql`select * from warp_tunnels where from_region_id = ${terran.id}`;
    expect(link).toMatchObject({
      to_region_id: nexus.id,
      to_sector_id: 2551,
      from_sector_id: terran.sector_id_start! + terran.nexus_warp_sector! - 1,
      tunnel_type: 'NATURAL',
      is_bidirectional: true,
      is_latent: false,
      status: 'active',
    });
    const second = await ensureBaseGalaxy(t.sql);
    expect(second.generated).toEqual([]);
    expect((await findPlatformRegion(t.sql, 'terran_space'))!.updated_at).toEqual(terran.updated_at);
  });
});
