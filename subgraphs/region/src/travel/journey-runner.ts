/**
 * The journey runner: advances in-transit journeys leg by leg, one transaction per leg (docs/rules/travel.md
 * "Legs"). A leg's transaction locks the journey (SKIP LOCKED, so replicas never double-advance) and the player,
 * re-asks the gates that can change mid-journey, moves the traveller to the leg's end, starts the next leg or ends
 * the journey, and writes the feed entries. After commit: events are published, presence is synced on the
 * region-servers, the next leg is scheduled. A crash at any point leaves either the whole leg or none of it; the
 * sweep (at start and every sweepMs) resumes due legs, owed presence syncs and unpublished events, so nothing is lost
 * and nobody is stranded.
 */
import { and, asc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import { hub, type HubDb } from '@sw/db';
import { channels, type EventBus } from '@sw/events';
import { legTransitMs, readinessGate, type LegTransitConfig } from '@sw/domain';
import { grantStartingPackage } from '@sw/region-config';
import { gateDestination, regionForTravel } from './entry-facts.ts';
import { finishJourney, insertEvents, loadPlatformAnchors, messageOf, movePlayer, type EventDraft, type JourneyRow, type PlatformAnchors, type TravelEventMessage } from './journey-store.ts';
import { syncJourneyPresence } from './presence-sync.ts';

/** Test seam: throw from here to simulate a crash at a point of a leg (inside its transaction, or after commit). */
export type FaultHook = (point: 'in-leg-tx' | 'after-leg-commit', legIndex: number, journeyId: string) => void;

export interface JourneyRunnerOptions {
  db: HubDb;
  bus: EventBus | null;
  /** Transit time per leg (number for every kind, or per kind with a default). 0 = legs complete at once. */
  transit: LegTransitConfig;
  /** How often the recovery sweep runs (default 5 s); 0 disables the timer (tests drive sweep() themselves). */
  sweepMs?: number;
  /** Region-server call budget. */
  timeoutMs: number;
  /** Legs advanced at once by this process (default 4). */
  concurrency?: number;
  now?: () => Date;
  fault?: FaultHook;
  log?: (level: 'warn' | 'error', msg: string, data: Record<string, unknown>) => void;
}

export type AdvanceResult =
  | { kind: 'busy' | 'not_running' }
  | { kind: 'not_due'; etaAt: Date }
  | { kind: 'advanced'; state: string; nextEta: Date | null; moved: boolean };

export class JourneyRunner {
  readonly db: HubDb;
  readonly transit: LegTransitConfig;
  readonly timeoutMs: number;
  readonly now: () => Date;
  private readonly opts: JourneyRunnerOptions;
  private anchorsCache: PlatformAnchors | null = null;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private running = 0;
  private idle: (() => void)[] = [];
  private sweepTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(opts: JourneyRunnerOptions) {
    this.opts = opts;
    this.db = opts.db;
    this.transit = opts.transit;
    this.timeoutMs = opts.timeoutMs;
    this.now = opts.now ?? (() => new Date());
  }

  /** The Nexus and Terran Space ids and capitals (cached once both are known). */
  async anchors(): Promise<PlatformAnchors | null> {
    if (this.anchorsCache) return this.anchorsCache;
    const a = await loadPlatformAnchors(this.db);
    if (a?.terranId) this.anchorsCache = a;
    return a;
  }

  /** Starts the recovery sweep timer and runs one sweep now (resumes whatever a crash left). */
  start(): void {
    this.stopped = false;
    void this.sweep().catch((err: unknown) => this.opts.log?.('error', 'travel sweep failed', { err: String(err) }));
    const every = this.opts.sweepMs ?? 5000;
    if (every > 0) {
      this.sweepTimer = setInterval(() => {
        void this.sweep().catch((err: unknown) => this.opts.log?.('error', 'travel sweep failed', { err: String(err) }));
      }, every);
      this.sweepTimer.unref();
    }
  }

  /** Stops timers and waits for running legs to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.queue.length = 0;
    this.queued.clear();
    await this.drained();
  }

  /** Resolves when no leg is queued or running in this process. */
  drained(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Schedules the journey's running leg at `etaAt` (now when omitted or past). */
  kick(journeyId: string, etaAt?: Date | null): void {
    if (this.stopped) return;
    const delay = etaAt ? etaAt.getTime() - this.now().getTime() : 0;
    if (delay > 0) {
      clearTimeout(this.timers.get(journeyId));
      const t = setTimeout(() => {
        this.timers.delete(journeyId);
        this.enqueue(journeyId);
      }, delay);
      t.unref();
      this.timers.set(journeyId, t);
      return;
    }
    this.enqueue(journeyId);
  }

  private enqueue(journeyId: string): void {
    if (this.queued.has(journeyId)) return;
    this.queued.add(journeyId);
    this.queue.push(journeyId);
    this.pump();
  }

  private pump(): void {
    const limit = this.opts.concurrency ?? 4;
    while (this.running < limit && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.queued.delete(id);
      this.running++;
      void this.runLegs(id)
        .catch((err: unknown) => this.opts.log?.('error', 'journey leg failed', { journeyId: id, err: String(err) }))
        .finally(() => {
          this.running--;
          this.pump();
          if (this.running === 0 && this.queue.length === 0) for (const r of this.idle.splice(0)) r();
        });
    }
  }

  /** Advances due legs of one journey until one is not due yet (then schedules it) or the journey ends. */
  private async runLegs(journeyId: string): Promise<void> {
    for (;;) {
      const r = await this.advance(journeyId);
      if (r.kind === 'not_due') return this.kick(journeyId, r.etaAt);
      if (r.kind !== 'advanced' || r.nextEta === null) return;
      if (r.nextEta.getTime() > this.now().getTime()) return this.kick(journeyId, r.nextEta);
    }
  }

  /** Publishes feed entries and journey changes (after commit) and syncs presence for journeys that moved. */
  async afterCommit(messages: TravelEventMessage[], journeys: { id: string; playerId: string }[], presence: string[] = []): Promise<void> {
    // Events first (subscribers wait on them); presence sync is idempotent and retried by the sweep if it fails.
    await this.publish(messages, journeys.map((j) => j.id), journeys);
    await Promise.all(presence.map((id) => this.syncPresence(id)));
  }

  private async publish(messages: TravelEventMessage[], journeyIds: string[], known: { id: string; playerId: string }[] = []): Promise<void> {
    const bus = this.opts.bus;
    if (bus) {
      const players = new Map<string, string>(known.map((j) => [j.id, j.playerId]));
      for (const m of messages) players.set(m.journeyId, m.playerId);
      if (journeyIds.some((id) => !players.has(id))) {
        const rows = await this.db.select({ id: hub.interRegionalTravels.id, playerId: hub.interRegionalTravels.playerId }).from(hub.interRegionalTravels).where(inArray(hub.interRegionalTravels.id, journeyIds));
        for (const r of rows) players.set(r.id, r.playerId);
      }
      try {
        for (const m of messages) await bus.publish(channels.travelFeed(m.regionId), m);
        for (const id of new Set(journeyIds)) {
          const playerId = players.get(id);
          if (playerId) await bus.publish(channels.playerJourney(playerId), { journeyId: id, at: this.now().toISOString() });
        }
      } catch (err) {
        // The feed rows are durable; the sweep republishes what is still unpublished.
        this.opts.log?.('warn', 'travel event publish failed', { err: String(err) });
        return;
      }
    }
    if (messages.length) {
      await this.db.update(hub.travelEvents).set({ publishedAt: this.now() }).where(inArray(hub.travelEvents.id, messages.map((m) => m.seq)));
    }
  }

  private async syncPresence(journeyId: string): Promise<void> {
    const ok = await syncJourneyPresence({ db: this.db, timeoutMs: this.timeoutMs, log: (msg, data) => this.opts.log?.('warn', msg, data) }, journeyId);
    if (!ok) this.opts.log?.('warn', 'presence sync incomplete; the sweep retries', { journeyId });
  }

  /**
   * Recovery: due legs (any replica's), owed presence syncs older than a moment, feed entries not yet published.
   * Returns how many of each it handled.
   */
  async sweep(): Promise<{ legs: number; presence: number; events: number }> {
    const now = this.now();
    const L = hub.travelLegs;
    const due = await this.db.select({ id: L.travelId }).from(L).where(and(eq(L.status, 'in_transit'), lte(L.etaAt, now))).limit(500);
    for (const d of due) this.enqueue(d.id);
    await this.drained();
    const T = hub.interRegionalTravels;
    const owed = await this.db
      .select({ id: T.id })
      .from(T)
      .where(and(isNull(T.presenceSyncedAt), lt(T.updatedAt, new Date(now.getTime() - 1000))))
      .limit(500);
    for (const o of owed) await this.syncPresence(o.id);
    const E = hub.travelEvents;
    const unpublished = await this.db
      .select({ e: E, playerId: T.playerId })
      .from(E)
      .innerJoin(T, eq(T.id, E.travelId))
      .where(and(isNull(E.publishedAt), lt(E.at, new Date(now.getTime() - 1000))))
      .orderBy(asc(E.id))
      .limit(500);
    if (unpublished.length) {
      await this.publish(unpublished.map((u) => messageOf(u.e, u.playerId)), [...new Set(unpublished.map((u) => u.e.travelId))]);
    }
    return { legs: due.length, presence: owed.length, events: unpublished.length };
  }

  /** One leg of one journey, in one transaction; publishes and syncs after commit. */
  async advance(journeyId: string): Promise<AdvanceResult> {
    const now = this.now();
    const anchors = await this.anchors();
    const T = hub.interRegionalTravels;
    const L = hub.travelLegs;
    const out = await this.db.transaction(async (tx) => {
      const [j] = await tx.select().from(T).where(eq(T.id, journeyId)).for('update', { skipLocked: true });
      if (!j) return { result: { kind: 'busy' } as AdvanceResult };
      if (j.status !== 'in_transit' || j.currentLeg === null || !anchors) return { result: { kind: 'not_running' } as AdvanceResult };
      // The player row is locked together with the leg read (pipelined); a leg that is not due just releases it.
      const [[leg], [player]] = await Promise.all([
        tx.select().from(L).where(and(eq(L.travelId, j.id), eq(L.legIndex, j.currentLeg))),
        tx.select({ gc: hub.players.isGalacticCitizen, home: hub.players.homeRegionId }).from(hub.players).where(eq(hub.players.id, j.playerId)).for('update'),
      ]);
      if (!leg || leg.status !== 'in_transit' || !leg.etaAt) return { result: { kind: 'not_running' } as AdvanceResult };
      if (leg.etaAt.getTime() > now.getTime()) return { result: { kind: 'not_due', etaAt: leg.etaAt } as AdvanceResult };
      const drafts: EventDraft[] = [];
      const end = async (state: 'refused' | 'diverted', code: string, reason: string, at: { regionId: string; sectorNumber: number }, moved: boolean) => {
        if (moved) await movePlayer(tx, j.playerId, at.regionId, at.sectorNumber);
        await finishJourney(tx, j, state, { ...at, reasonCode: code, reason, moved }, now);
        drafts.push({ regionId: j.destinationRegionId, kind: state, reasonCode: code });
        const messages = await insertEvents(tx, j, drafts, now);
        this.opts.fault?.('in-leg-tx', leg.legIndex, j.id);
        return { result: { kind: 'advanced', state, nextEta: null, moved } as AdvanceResult, messages, legIndex: leg.legIndex, playerId: j.playerId };
      };

      // Entering the Nexus: the Galactic Citizen gate is re-read live (a lapse mid-journey stops at the spoke, at home side).
      if (leg.kind === 'spoke_to_nexus' && !player?.gc && player?.home !== j.destinationRegionId) {
        return end('refused', 'ERR_GALACTIC_CITIZEN_REQUIRED', 'the Galactic Citizen subscription ended before the Nexus was reached', { regionId: leg.fromRegionId, sectorNumber: leg.fromSectorNumber }, false);
      }
      // Entering the destination: it must still serve players; otherwise the traveller is sent to safety.
      if (leg.kind === 'nexus_to_spoke') {
        const dest = await regionForTravel(tx, j.destinationRegionId);
        const down = !dest ? { reason: 'the destination no longer exists' } : readinessGate(gateDestination(dest, 0));
        if (down) {
          const safe = player?.gc || !anchors.terranId ? { regionId: anchors.nexusId, sectorNumber: anchors.nexusCapital } : { regionId: anchors.terranId, sectorNumber: anchors.terranCapital };
          const moved = safe.regionId !== leg.fromRegionId || safe.sectorNumber !== leg.fromSectorNumber;
          if (moved) drafts.push({ regionId: leg.fromRegionId, kind: 'departed' }, { regionId: safe.regionId, kind: 'arrived' });
          return end('diverted', 'ERR_REGION_NOT_READY', `diverted: ${down.reason}`, safe, moved);
        }
      }

      // Complete the leg: the traveller is now at its end.
      await tx.update(L).set({ status: 'done', completedAt: now }).where(eq(L.id, leg.id));
      await movePlayer(tx, j.playerId, leg.toRegionId, leg.toSectorNumber);
      const crossed = leg.fromRegionId !== leg.toRegionId;
      if (crossed) drafts.push({ regionId: leg.fromRegionId, kind: 'departed' }, { regionId: leg.toRegionId, kind: 'arrived' });
      const isLast = leg.legIndex === j.legCount - 1;
      let nextEta: Date | null = null;
      if (isLast) {
        await this.arrive(tx, j, leg.toRegionId, leg.toSectorNumber, now);
        await tx
          .update(T)
          .set({ status: 'arrived', completedAt: now, currentLeg: null, endedRegionId: leg.toRegionId, endedSectorNumber: leg.toSectorNumber, updatedAt: now, ...(crossed ? { presenceSyncedAt: null } : {}) })
          .where(eq(T.id, j.id));
      } else {
        const next = leg.legIndex + 1;
        const [nextLeg] = await tx.select({ kind: L.kind }).from(L).where(and(eq(L.travelId, j.id), eq(L.legIndex, next)));
        nextEta = new Date(now.getTime() + legTransitMs(this.transit, (nextLeg?.kind ?? 'to_spoke') as never));
        await tx.update(L).set({ status: 'in_transit', startedAt: now, etaAt: nextEta }).where(and(eq(L.travelId, j.id), eq(L.legIndex, next)));
        await tx.update(T).set({ currentLeg: next, updatedAt: now, ...(crossed ? { presenceSyncedAt: null } : {}) }).where(eq(T.id, j.id));
      }
      const messages = await insertEvents(tx, j, drafts, now);
      this.opts.fault?.('in-leg-tx', leg.legIndex, j.id);
      return { result: { kind: 'advanced', state: isLast ? 'arrived' : 'in_transit', nextEta, moved: crossed } as AdvanceResult, messages, legIndex: leg.legIndex, playerId: j.playerId };
    });
    if (out.result.kind !== 'advanced' || !('messages' in out)) return out.result;
    this.opts.fault?.('after-leg-commit', out.legIndex, journeyId);
    await this.afterCommit(out.messages, [{ id: journeyId, playerId: out.playerId }], out.result.moved ? [journeyId] : []);
    return out.result;
  }

  /** Arrival effects in the final leg's transaction: membership created or refreshed, immigration, entry fee paid. */
  private async arrive(tx: Parameters<Parameters<HubDb['transaction']>[0]>[0], j: JourneyRow, regionId: string, _sector: number, now: Date): Promise<void> {
    const m = hub.regionalMemberships;
    const immigrate = j.intent === 'immigrate';
    await tx
      .insert(m)
      .values({ playerId: j.playerId, regionId, membershipType: immigrate ? 'resident' : 'visitor', joinedAt: now, lastVisit: now, totalVisits: 1 })
      .onConflictDoUpdate({
        target: [m.playerId, m.regionId],
        set: {
          lastVisit: now,
          totalVisits: sql`${m.totalVisits} + 1`,
          ...(immigrate ? { membershipType: sql`CASE WHEN ${m.membershipType} = 'visitor' THEN 'resident' ELSE ${m.membershipType} END` } : {}),
        },
      });
    if (immigrate) {
      await tx.update(hub.players).set({ homeRegionId: regionId }).where(eq(hub.players.id, j.playerId));
      await grantStartingPackage(tx, { playerId: j.playerId, regionId, via: 'immigration' });
    }
    if (j.travelCost > 0) {
      const [r] = await tx
        .update(hub.regions)
        .set({ treasuryBalance: sql`${hub.regions.treasuryBalance} + ${j.travelCost}` })
        .where(eq(hub.regions.id, regionId))
        .returning({ balance: hub.regions.treasuryBalance });
      const after = Number(r!.balance);
      await tx.insert(hub.regionalTreasuryEntries).values({
        regionId,
        beforeBalance: after - j.travelCost,
        afterBalance: after,
        delta: j.travelCost,
        causeType: 'transfer_in',
        causeId: j.id,
        reason: 'visitor entry fee (travel)',
        at: now,
      });
    }
  }
}
