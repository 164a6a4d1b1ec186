/**
 * Territory counts (sectors, clusters, ports, planets, warps) of a region's world with a hub-side cache
 * (region_world_stats). Worlds change only when generated, so a cached row younger than WORLD_COUNTS_MAX_AGE_MS is
 * used as is; an older or missing one is refreshed from where the world lives — the region's region-server
 * (/world/stats) for player regions, the hub's own tables for the Nexus and Terran Space. When a region-server does
 * not answer, the last known row is served and marked stale.
 */
import { inArray, sql } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import type { HubTx } from '@sw/region-config';
import { fetchWorldStats } from '../world-stats.ts';

export const WORLD_COUNTS_MAX_AGE_MS = 60_000;

export interface WorldCounts {
  sectors: number;
  clusters: number;
  ports: number;
  planets: number;
  warps: number;
  refreshedAt: Date | null;
  stale: boolean;
}

export const NO_WORLD: WorldCounts = { sectors: 0, clusters: 0, ports: 0, planets: 0, warps: 0, refreshedAt: null, stale: true };

export interface WorldRegion {
  id: string;
  regionType: string;
  runtimeEndpoint: string | null;
}

type Db = HubDb | HubTx;

async function hubWorldCounts(db: Db, regionIds: string[]): Promise<Map<string, Omit<WorldCounts, 'refreshedAt' | 'stale'>>> {
  const out = new Map<string, Omit<WorldCounts, 'refreshedAt' | 'stale'>>();
  if (regionIds.length === 0) return out;
  const arr = sql`${`{${regionIds.join(',')}}`}::uuid[]`;
  const rows = await db.execute<{ region_id: string; sectors: number; clusters: number; ports: number; planets: number; warps: number }>(sql`
    SELECT r.id AS region_id,
      (SELECT count(*) FROM sectors s WHERE s.region_id = r.id)::int AS sectors,
      (SELECT count(*) FROM clusters c WHERE c.region_id = r.id)::int AS clusters,
      (SELECT count(*) FROM stations st WHERE st.region_id = r.id)::int AS ports,
      (SELECT count(*) FROM planets pl WHERE pl.region_id = r.id)::int AS planets,
      (SELECT count(*) FROM sector_warps w WHERE w.region_id = r.id)::int AS warps
    FROM regions r WHERE r.id = ANY(${arr})`);
  for (const r of rows) out.set(r.region_id, { sectors: Number(r.sectors), clusters: Number(r.clusters), ports: Number(r.ports), planets: Number(r.planets), warps: Number(r.warps) });
  return out;
}

async function store(db: Db, regionId: string, c: Omit<WorldCounts, 'refreshedAt' | 'stale'>, at: Date): Promise<void> {
  await db
    .insert(hub.regionWorldStats)
    .values({ regionId, ...c, refreshedAt: at })
    .onConflictDoUpdate({ target: hub.regionWorldStats.regionId, set: { ...c, refreshedAt: at } });
}

/** Counts for a batch of regions, refreshing the stale or missing ones (one call per region-server, in parallel). */
export async function worldCountsOf(db: Db, regions: readonly WorldRegion[], timeoutMs: number, now = new Date()): Promise<Map<string, WorldCounts>> {
  const out = new Map<string, WorldCounts>();
  if (regions.length === 0) return out;
  const cached = await db.select().from(hub.regionWorldStats).where(inArray(hub.regionWorldStats.regionId, regions.map((r) => r.id)));
  const byId = new Map(cached.map((c) => [c.regionId, c]));
  const stale = regions.filter((r) => {
    const c = byId.get(r.id);
    return !c || now.getTime() - c.refreshedAt.getTime() > WORLD_COUNTS_MAX_AGE_MS;
  });
  const fresh = new Map<string, Omit<WorldCounts, 'refreshedAt' | 'stale'>>();
  const hubHosted = stale.filter((r) => r.regionType !== 'player_owned').map((r) => r.id);
  for (const [id, c] of await hubWorldCounts(db, hubHosted)) fresh.set(id, c);
  await Promise.all(
    stale
      .filter((r) => r.regionType === 'player_owned')
      .map(async (r) => {
        const w = await fetchWorldStats(r.runtimeEndpoint, timeoutMs, r.id);
        if (w) fresh.set(r.id, { sectors: w.sectors, clusters: w.clusters, ports: w.ports, planets: w.planets, warps: w.warps });
      }),
  );
  for (const [id, c] of fresh) await store(db, id, c, now);
  for (const r of regions) {
    const f = fresh.get(r.id);
    if (f) out.set(r.id, { ...f, refreshedAt: now, stale: false });
    else {
      const c = byId.get(r.id);
      out.set(r.id, c ? { sectors: c.sectors, clusters: c.clusters, ports: c.ports, planets: c.planets, warps: c.warps, refreshedAt: c.refreshedAt, stale: stale.includes(r) } : NO_WORLD);
    }
  }
  return out;
}

/** Process-wide memo of station counts: many concurrent journeys to one region ask its region-server once. */
const STATION_MEMO_MS = 5_000;
const stationMemo = new Map<string, { at: number; value: Promise<number> }>();

/** Station count of one region (the tariff cap's input); one lookup per region per few seconds in this process. */
export function stationCountOf(db: Db, region: WorldRegion, timeoutMs: number): Promise<number> {
  const hit = stationMemo.get(region.id);
  if (hit && Date.now() - hit.at < STATION_MEMO_MS) return hit.value;
  const value = worldCountsOf(db, [region], timeoutMs).then((m) => m.get(region.id)?.ports ?? 0);
  stationMemo.set(region.id, { at: Date.now(), value });
  value.catch(() => stationMemo.delete(region.id));
  return value;
}

