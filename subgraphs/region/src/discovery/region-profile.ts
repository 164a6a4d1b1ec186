/**
 * The public profile's "how to get there": the route from where the viewer is (Terran Space's capital for anonymous
 * viewers) and, for a signed-in player, what the entry gates would say right now and the fee they would pay. Read
 * only: the gate questions run in a transaction that is rolled back (nothing is locked for long, nothing written).
 */
import type { Claims } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';
import { eq } from 'drizzle-orm';
import { toGraphqlEnum } from '@sw/domain';
import { regionForTravel } from '../travel/entry-facts.ts';
import { entryVerdict, routeFor, type LockedPlayer } from '../travel/journey-start.ts';
import type { JourneyRunner } from '../travel/journey-runner.ts';
import { stationCountOf } from '../stats/world-counts.ts';

export interface RouteModel {
  legs: { kind: string | null; from: { regionId: string; sectorNumber: number }; to: { regionId: string; sectorNumber: number } }[];
  landingSectorNumber: number | null;
  requiresGalacticCitizen: boolean;
  fee: number | null;
  blockedBy: string | null;
  needsApproval: boolean;
}

class ReadOnly extends Error {}

export async function routeToRegion(runner: JourneyRunner, claims: Claims | null, regionId: string): Promise<RouteModel | null> {
  const anchors = await runner.anchors();
  if (!anchors) return null;
  const db: HubDb = runner.db;
  const [destRow] = await db.select({ id: hub.regions.id }).from(hub.regions).where(eq(hub.regions.id, regionId));
  if (!destRow) return null;
  let out: RouteModel | null = null;
  await db
    .transaction(async (tx) => {
      const dest = (await regionForTravel(tx, regionId))!;
      let player: LockedPlayer | undefined;
      if (claims?.playerId) {
        const p = hub.players;
        [player] = await tx
          .select({ id: p.id, credits: p.credits, homeRegionId: p.homeRegionId, currentRegionId: p.currentRegionId, currentSectorNumber: p.currentSectorNumber, isGalacticCitizen: p.isGalacticCitizen })
          .from(p)
          .where(eq(p.id, claims.playerId));
      }
      const viewer: LockedPlayer = player ?? { id: '00000000-0000-4000-8000-000000000000', credits: 0, homeRegionId: null, currentRegionId: anchors.terranId, currentSectorNumber: null, isGalacticCitizen: false };
      const route = await routeFor(tx, anchors, viewer, dest);
      const legs = route.ok ? route.legs : [];
      const requiresGalacticCitizen = route.origin !== null && route.origin.id !== anchors.nexusId && viewer.homeRegionId !== dest.id;
      const base = {
        legs: legs.map((l) => ({ kind: toGraphqlEnum(l.kind), from: l.from, to: l.to })),
        landingSectorNumber: dest.id === anchors.nexusId ? anchors.nexusCapital : dest.nexusWarpSector,
        requiresGalacticCitizen,
      };
      if (!player) {
        out = { ...base, fee: null, blockedBy: route.ok ? null : route.refusal.code, needsApproval: dest.immigrationPolicy === 'approval' };
      } else if (!route.ok) {
        out = { ...base, fee: null, blockedBy: (viewer.currentRegionId === dest.id ? 'ERR_ALREADY_IN_REGION' : route.refusal.code), needsApproval: false };
      } else {
        const stationCount = await stationCountOf(tx, dest, runner.timeoutMs);
        const v = await entryVerdict(tx, { anchors, player, origin: route.origin, dest, stationCount, isStakeholder: false, approval: 'none', now: runner.now() });
        out = { ...base, fee: v.fee, blockedBy: v.decision.kind === 'refuse' ? v.decision.refusal.code : null, needsApproval: v.decision.kind === 'needs_approval' };
      }
      throw new ReadOnly();
    })
    .catch((err: unknown) => {
      if (!(err instanceof ReadOnly)) throw err;
    });
  return out;
}
