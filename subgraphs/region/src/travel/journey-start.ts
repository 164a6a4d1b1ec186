/**
 * The steps startTravel and decideEntryRequest share: route the traveller from where they are, ask every entry
 * gate, price the entry fee, and lay out the legs. All inside the caller's transaction, with the player row locked.
 */
import { and, eq } from 'drizzle-orm';
import { hub } from '@sw/db';
import {
  belongsTo,
  creditsGate,
  decideEntry,
  effectiveTariff,
  legTransitMs,
  planJourney,
  travelFee,
  type ApprovalStatus,
  type GateRefusal,
  type ImmigrationDecision,
  type LegTransitConfig,
  type PlannedLeg,
} from '@sw/domain';
import type { HubTx } from '@sw/region-config';
import { gateDestination, hasSpoke, regionForTravel, treatyEffectsFor, visitorsPresent, type RegionForTravel } from './entry-facts.ts';
import type { PlatformAnchors } from './journey-store.ts';

export interface LockedPlayer {
  id: string;
  credits: number;
  homeRegionId: string | null;
  currentRegionId: string | null;
  currentSectorNumber: number | null;
  isGalacticCitizen: boolean;
}

export async function lockPlayer(tx: HubTx, playerId: string): Promise<LockedPlayer | undefined> {
  const p = hub.players;
  const [row] = await tx
    .select({ id: p.id, credits: p.credits, homeRegionId: p.homeRegionId, currentRegionId: p.currentRegionId, currentSectorNumber: p.currentSectorNumber, isGalacticCitizen: p.isGalacticCitizen })
    .from(p)
    .where(eq(p.id, playerId))
    .for('update');
  return row;
}

export type RouteResult =
  | { ok: true; origin: RegionForTravel; originSector: number; legs: PlannedLeg[]; landingSector: number }
  | { ok: false; refusal: GateRefusal; origin: RegionForTravel | null; originSector: number };

/** Plans from the player's position (no position yet = Terran Space's capital) along attached spokes only. */
export async function routeFor(tx: HubTx, anchors: PlatformAnchors, player: LockedPlayer, dest: RegionForTravel): Promise<RouteResult> {
  const originId = player.currentRegionId ?? anchors.terranId;
  const origin = originId ? ((await regionForTravel(tx, originId)) ?? null) : null;
  const originSector = player.currentSectorNumber ?? origin?.capitalSectorNumber ?? 1;
  if (!origin) return { ok: false, origin: null, originSector, refusal: { code: 'ERR_NO_ROUTE', reason: 'you are not positioned in any region' } };
  const originIsNexus = origin.id === anchors.nexusId;
  const destIsNexus = dest.id === anchors.nexusId;
  const plan = planJourney({
    origin: { regionId: origin.id, sectorNumber: originSector, isNexus: originIsNexus, spokeSector: origin.nexusWarpSector },
    destination: { regionId: dest.id, isNexus: destIsNexus, landingSector: dest.nexusWarpSector },
    nexus: { regionId: anchors.nexusId, capitalSector: anchors.nexusCapital },
  });
  const noRoute = (why: string): RouteResult => ({ ok: false, origin, originSector, refusal: { code: 'ERR_NO_ROUTE', reason: why } });
  if (!plan.ok) return noRoute(plan.problem === 'origin_not_attached' ? 'your region has no spoke warp to the Nexus yet' : 'the destination has no spoke warp to the Nexus yet');
  const [originSpoke, destSpoke] = await Promise.all([originIsNexus || hasSpoke(tx, origin.id, anchors.nexusId), destIsNexus || hasSpoke(tx, dest.id, anchors.nexusId)]);
  if (!originSpoke) return noRoute('your region has no active spoke warp to the Nexus');
  if (!destSpoke) return noRoute('the destination has no active spoke warp to the Nexus');
  return { ok: true, origin, originSector, legs: plan.legs, landingSector: plan.landing.sectorNumber };
}

export interface EntryVerdict {
  decision: ImmigrationDecision;
  fee: number;
  membershipType: string | null;
}

/** Every entry gate plus the fee (and the credits gate once the fee is known). */
export async function entryVerdict(
  tx: HubTx,
  q: { anchors: PlatformAnchors; player: LockedPlayer; origin: RegionForTravel; dest: RegionForTravel; stationCount: number; isStakeholder: boolean; approval: ApprovalStatus; now: Date },
): Promise<EntryVerdict> {
  const { player, dest } = q;
  const m = hub.regionalMemberships;
  // Independent reads: postgres.js pipelines them on the transaction's connection (one round trip of latency).
  const [[membership], treaty, visitors] = await Promise.all([
    tx.select({ type: m.membershipType }).from(m).where(and(eq(m.playerId, player.id), eq(m.regionId, dest.id))),
    treatyEffectsFor(tx, dest.id, player.homeRegionId, q.now),
    dest.maxVisitors === null ? Promise.resolve(0) : visitorsPresent(tx, dest.id),
  ]);
  const traveller = {
    isGalacticCitizen: player.isGalacticCitizen,
    homeRegionId: player.homeRegionId,
    isOwner: dest.ownerId !== null && dest.ownerId === player.id,
    membershipType: membership?.type ?? null,
    isStakeholder: q.isStakeholder,
  };
  const decision = decideEntry({
    destination: gateDestination(dest, visitors),
    traveller,
    treaty,
    approval: q.approval,
    entersNexusFromOutside: q.origin.id !== q.anchors.nexusId,
  });
  const tariff = effectiveTariff(dest.tariffRate, q.stationCount).effectiveRate;
  const fee = travelFee({ visitorEntryFee: dest.visitorEntryFee, effectiveTariff: tariff, exempt: belongsTo({ regionId: dest.id }, traveller), tariffWaived: treaty.tariffWaived }).total;
  if (decision.kind === 'admit') {
    const broke = creditsGate(player.credits, fee);
    if (broke) return { decision: { kind: 'refuse', refusal: broke }, fee, membershipType: traveller.membershipType };
  }
  return { decision, fee, membershipType: traveller.membershipType };
}

/** Inserts the planned legs; with `start`, the first one is in transit from `now`. */
export async function insertLegs(tx: HubTx, journeyId: string, legs: PlannedLeg[], transit: LegTransitConfig, now: Date, start: boolean): Promise<void> {
  await tx.insert(hub.travelLegs).values(
    legs.map((l) => ({
      travelId: journeyId,
      legIndex: l.index,
      kind: l.kind,
      fromRegionId: l.from.regionId,
      fromSectorNumber: l.from.sectorNumber,
      toRegionId: l.to.regionId,
      toSectorNumber: l.to.sectorNumber,
      ...(start && l.index === 0
        ? { status: 'in_transit', startedAt: now, etaAt: new Date(now.getTime() + legTransitMs(transit, l.kind)) }
        : { status: 'pending' }),
    })),
  );
}
