/**
 * Regional stats for a batch of regions (the governor's Overview, docs/rules/region-config.md "Stats"): population by
 * tier from the trigger-kept region_member_counts row (no counting of memberships), territory from the world-counts
 * cache, economy from the registry row, governance and activity from indexed counts, and "online now" from each
 * region-server. Every part is one grouped statement for the whole batch, run in parallel.
 */
import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { effectiveTariff, type EffectiveTariff } from '@sw/domain';
import type { RegionModel } from '../map-region.ts';
import { fetchWorldStats } from '../world-stats.ts';
import { worldCountsOf, type WorldCounts } from './world-counts.ts';

export interface RegionStatsModel {
  region: RegionModel;
  population: { citizens: number; residents: number; visitors: number; total: number; homePlayers: number };
  territory: { sectors: number; clusters: number; planets: number; ports: number; refreshedAt: string | null; stale: boolean };
  economy: { treasuryBalance: number; tradeVolume: number; taxRate: number; tariff: EffectiveTariff & { stationCount: number }; travelFeesCollected: number };
  governance: { activeElections: number; openPolicies: number; activeTreaties: number };
  activity: { activePlayers30d: number; onlineNow: number | null; presentNow: number };
}

const DAY_MS = 86_400_000;

function countMap(rows: { id: string | null; n: number | string }[]): Map<string, number> {
  return new Map(rows.filter((r) => r.id !== null).map((r) => [r.id as string, Number(r.n)]));
}

export async function regionStatsFor(db: HubDb, regions: readonly RegionModel[], timeoutMs: number, now = new Date()): Promise<RegionStatsModel[]> {
  if (regions.length === 0) return [];
  const ids = regions.map((r) => r.id);
  const n = sql<number>`count(*)::int`;
  const p = hub.players;
  const m = hub.regionalMemberships;
  const e = hub.regionalElections;
  const pol = hub.regionalPolicies;
  const t = hub.regionalTreaties;
  const tr = hub.interRegionalTravels;
  const [members, home, present, active30, elections, policies, treatiesA, treatiesB, fees, world, online] = await Promise.all([
    db.select().from(hub.regionMemberCounts).where(inArray(hub.regionMemberCounts.regionId, ids)),
    db.select({ id: p.homeRegionId, n }).from(p).where(inArray(p.homeRegionId, ids)).groupBy(p.homeRegionId),
    db.select({ id: p.currentRegionId, n }).from(p).where(inArray(p.currentRegionId, ids)).groupBy(p.currentRegionId),
    db.select({ id: m.regionId, n }).from(m).where(and(inArray(m.regionId, ids), gt(m.lastVisit, new Date(now.getTime() - 30 * DAY_MS)))).groupBy(m.regionId),
    db.select({ id: e.regionId, n }).from(e).where(and(inArray(e.regionId, ids), inArray(e.status, ['pending', 'active', 'tallying']))).groupBy(e.regionId),
    db.select({ id: pol.regionId, n }).from(pol).where(and(inArray(pol.regionId, ids), eq(pol.status, 'voting'))).groupBy(pol.regionId),
    db.select({ id: t.regionAId, n }).from(t).where(and(inArray(t.regionAId, ids), eq(t.status, 'active'), or(sql`${t.expiresAt} IS NULL`, gt(t.expiresAt, now)))).groupBy(t.regionAId),
    db.select({ id: t.regionBId, n }).from(t).where(and(inArray(t.regionBId, ids), eq(t.status, 'active'), or(sql`${t.expiresAt} IS NULL`, gt(t.expiresAt, now)))).groupBy(t.regionBId),
    db.select({ id: tr.destinationRegionId, n: sql<number>`coalesce(sum(${tr.travelCost}), 0)::bigint` }).from(tr).where(and(inArray(tr.destinationRegionId, ids), eq(tr.status, 'arrived'), gt(tr.travelCost, 0))).groupBy(tr.destinationRegionId),
    worldCountsOf(db, regions.map((r) => ({ id: r.id, regionType: r.db.regionType, runtimeEndpoint: r.runtimeEndpoint })), timeoutMs, now),
    Promise.all(regions.map(async (r) => [r.id, r.runtimeEndpoint ? ((await fetchWorldStats(r.runtimeEndpoint, timeoutMs, r.id))?.playersOnline ?? null) : undefined] as const)),
  ]);
  const memberBy = new Map(members.map((row) => [row.regionId, row]));
  const [homeBy, presentBy, activeBy, electionsBy, policiesBy, aBy, bBy, feesBy] = [home, present, active30, elections, policies, treatiesA, treatiesB, fees].map(countMap);
  const onlineBy = new Map(online);
  return regions.map((r) => {
    const c = memberBy.get(r.id);
    const w: WorldCounts | undefined = world.get(r.id);
    const presentNow = presentBy!.get(r.id) ?? 0;
    const live = onlineBy.get(r.id);
    const ports = w?.ports ?? 0;
    return {
      region: r,
      population: {
        citizens: c?.citizens ?? 0,
        residents: c?.residents ?? 0,
        visitors: c?.visitors ?? 0,
        total: (c?.citizens ?? 0) + (c?.residents ?? 0) + (c?.visitors ?? 0),
        homePlayers: homeBy!.get(r.id) ?? 0,
      },
      territory: { sectors: w?.sectors ?? 0, clusters: w?.clusters ?? 0, planets: w?.planets ?? 0, ports, refreshedAt: w?.refreshedAt?.toISOString() ?? null, stale: w?.stale ?? true },
      economy: {
        treasuryBalance: r.economy.treasuryBalance,
        tradeVolume: r.economy.totalTradeVolume,
        taxRate: r.economy.taxRate,
        tariff: { ...effectiveTariff(r.config.tariffRate, ports), stationCount: ports },
        travelFeesCollected: feesBy!.get(r.id) ?? 0,
      },
      governance: { activeElections: electionsBy!.get(r.id) ?? 0, openPolicies: policiesBy!.get(r.id) ?? 0, activeTreaties: (aBy!.get(r.id) ?? 0) + (bBy!.get(r.id) ?? 0) },
      // Hub-hosted regions have no region-server: their "online" is the hub position count.
      activity: { activePlayers30d: activeBy!.get(r.id) ?? 0, onlineNow: live === undefined ? presentNow : live, presentNow },
    };
  });
}
