/**
 * Test and bench fixtures for travel: the real base galaxy (Terran Space + the Central Nexus, with Terran's spoke),
 * player regions attached to the Nexus (optionally with their own region database and a real region-server, so
 * presence is real), and travellers positioned somewhere.
 */
import { regionServerAuthHeaders, regionServerToken } from '@sw/auth';
import { eq, sql } from 'drizzle-orm';
import { hub, type HubDb, type RegionDb } from '@sw/db';
import { generatePlayerRegion } from '@sw/galaxy';
import { startRegionServer, type RegionServer } from '@sw/orchestrator';
import { createTestDatabase, insertUserWithPlayer, type TestDatabase } from '@sw/testing';
import { ensureBaseGalaxy, findPlatformRegion, nexusCapitalSectorId, persistWorld } from '@sw/world-store';
import type postgres from 'postgres';

export interface PlatformIds {
  nexusId: string;
  terranId: string;
  terranLanding: number;
}

/** Generates (or finds) Terran Space and the Nexus in the hub and returns their ids. */
export async function seedBaseGalaxy(sqlClient: postgres.Sql): Promise<PlatformIds> {
  await ensureBaseGalaxy(sqlClient, { seed: 42 });
  const nexus = (await findPlatformRegion(sqlClient, 'central_nexus'))!;
  const terran = (await findPlatformRegion(sqlClient, 'terran_space'))!;
  return { nexusId: nexus.id, terranId: terran.id, terranLanding: terran.nexus_warp_sector! };
}

export interface TestRegion {
  id: string;
  name: string;
  landing: number;
  capital: number;
  server: RegionServer | null;
  regionDb: TestDatabase<RegionDb> | null;
  close(): Promise<void>;
}

export interface AddRegionOptions {
  name: string;
  ownerId?: string | null;
  governanceType?: string;
  seed?: bigint;
  /** Create the region's database and world and run a real region-server (presence and holdings are real). */
  withServer?: boolean;
  overrides?: Partial<typeof hub.regions.$inferInsert>;
}

/** A ready player region attached to the Nexus capital by one active spoke tunnel. */
export async function addPlayerRegion(db: HubDb, platform: PlatformIds, opts: AddRegionOptions): Promise<TestRegion> {
  const [block] = await db.execute<{ start: number }>(sql`SELECT greatest(5300, coalesce(max(sector_id_end), 0), (SELECT coalesce(max(sector_id), 0) FROM sectors))::int + 1 AS start FROM regions`);
  const start = Number(block!.start);
  const generated = generatePlayerRegion({ seed: opts.seed ?? 7n, tier: 'standard', sectorIdStart: start, regionName: opts.name });
  const [row] = await db
    .insert(hub.regions)
    .values({
      name: opts.name,
      displayName: opts.name,
      regionType: 'player_owned',
      ownerId: opts.ownerId ?? null,
      status: 'active',
      runtimeState: 'ready',
      desiredState: 'running',
      governanceType: opts.governanceType ?? 'autocracy',
      totalSectors: generated.totalSectors,
      capitalSectorNumber: generated.capitalSectorNumber,
      nexusWarpSector: generated.nexusWarpSector,
      sectorIdStart: generated.sectorIdStart,
      sectorIdEnd: generated.sectorIdEnd,
      ...opts.overrides,
    })
    .returning({ id: hub.regions.id });
  const id = row!.id;
  const nexus = (await db.select({ start: hub.regions.sectorIdStart }).from(hub.regions).where(eq(hub.regions.id, platform.nexusId)))[0]!;
  await db.insert(hub.warpTunnels).values({
    fromRegionId: id,
    fromSectorId: generated.sectorIdStart + generated.nexusWarpSector! - 1,
    toRegionId: platform.nexusId,
    toSectorId: nexusCapitalSectorId(nexus.start!),
    tunnelType: 'NATURAL',
    idempotencyKey: `${id}:1`,
  });
  let server: RegionServer | null = null;
  let regionDb: TestDatabase<RegionDb> | null = null;
  if (opts.withServer) {
    regionDb = await createTestDatabase({ kind: 'region', max: 2 });
    await regionDb.sql.begin((tx) => persistWorld(tx, generated, { regionId: id, database: 'region' }));
    server = await startRegionServer({ regionId: id, regionName: opts.name, databaseUrl: regionDb.url, port: 0, serviceToken: regionServerToken(id) });
    await db.update(hub.regions).set({ runtimeEndpoint: server.url }).where(eq(hub.regions.id, id));
  }
  return {
    id,
    name: opts.name,
    landing: generated.nexusWarpSector!,
    capital: generated.capitalSectorNumber,
    server,
    regionDb,
    async close() {
      await server?.close();
      await regionDb?.drop();
    },
  };
}

export interface Traveller {
  userId: string;
  playerId: string;
  username: string;
}

/** A user + player positioned in a region (sector given, or the region's capital). */
export async function addTraveller(
  db: HubDb,
  at: { regionId: string; sector: number },
  opts: { gc?: boolean; credits?: number; homeRegionId?: string | null; username?: string } = {},
): Promise<Traveller> {
  const t = await insertUserWithPlayer(db, {
    ...(opts.username ? { username: opts.username } : {}),
    player: {
      isGalacticCitizen: opts.gc ?? true,
      credits: opts.credits ?? 10_000,
      currentRegionId: at.regionId,
      currentSectorNumber: at.sector,
      homeRegionId: opts.homeRegionId === undefined ? at.regionId : opts.homeRegionId,
    },
  });
  return t;
}

/** Players online according to a region-server (/world/stats playersOnline). */
export async function onlineAt(server: RegionServer): Promise<number> {
  const res = await fetch(`${server.url}/world/stats`, { headers: regionServerAuthHeaders(server.regionId) });
  return ((await res.json()) as { playersOnline: number }).playersOnline;
}

/** Tells a region-server a player is present (the state before a journey starts). */
export async function enterPresence(server: RegionServer, playerId: string, sectorNumber: number): Promise<void> {
  const res = await fetch(`${server.url}/presence`, { method: 'POST', headers: { 'content-type': 'application/json', ...regionServerAuthHeaders(server.regionId) }, body: JSON.stringify({ playerId, action: 'enter', sectorNumber }) });
  if (!res.ok) throw new Error(`presence enter failed: ${res.status}`);
}
