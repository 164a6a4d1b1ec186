/**
 * Presence on the region-servers follows the hub: the traveller's position (players.current_region_id / sector) is
 * the truth, written in the same transaction as the journey leg; afterwards every region-server the journey touched
 * is told "enter" (where the player is now) or "leave" (everywhere else). Calls are idempotent, so a sync that is
 * retried (after a crash, by the runner's sweep on any replica) converges; a journey keeps presence_synced_at NULL
 * until one sync has finished against an unchanged journey row. Hub-hosted regions (the Nexus, Terran Space) have no
 * region-server: their presence IS the hub position.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { regionServerAuthHeaders } from '@sw/auth';
import { hub, type HubDb } from '@sw/db';

export interface PresenceSyncDeps {
  db: HubDb;
  timeoutMs: number;
  log?: (msg: string, data: Record<string, unknown>) => void;
}

async function postPresence(regionId: string, endpoint: string, body: Record<string, unknown>, timeoutMs: number): Promise<'ok' | 'unknown_sector' | 'failed'> {
  try {
    const res = await fetch(`${endpoint.replace(/\/+$/, '')}/presence`, {
      method: 'POST',
      // Region-servers answer their hub only: the call carries the region's service token.
      headers: { 'content-type': 'application/json', ...regionServerAuthHeaders(regionId) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    if (res.ok) return 'ok';
    return res.status === 404 ? 'unknown_sector' : 'failed';
  } catch {
    return 'failed';
  }
}

const chains = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier sync of the same player in this process (no two interleave). */
function serialised<T>(playerId: string, fn: () => Promise<T>): Promise<T> {
  const prev = chains.get(playerId) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  const tail = next.catch(() => undefined);
  chains.set(playerId, tail);
  void tail.then(() => {
    if (chains.get(playerId) === tail) chains.delete(playerId);
  });
  return next;
}

/** Makes the region-servers of a journey's regions match the traveller's hub position. Returns true when synced. */
export function syncJourneyPresence(deps: PresenceSyncDeps, journeyId: string): Promise<boolean> {
  return (async () => {
    const [first] = await deps.db.select({ playerId: hub.interRegionalTravels.playerId }).from(hub.interRegionalTravels).where(eq(hub.interRegionalTravels.id, journeyId));
    if (!first) return true;
    return serialised(first.playerId, () => syncOnce(deps, journeyId, 3));
  })();
}

async function syncOnce(deps: PresenceSyncDeps, journeyId: string, attemptsLeft: number): Promise<boolean> {
  const T = hub.interRegionalTravels;
  const [j] = await deps.db
    .select({ playerId: T.playerId, source: T.sourceRegionId, dest: T.destinationRegionId, ended: T.endedRegionId, updatedAt: T.updatedAt, synced: T.presenceSyncedAt })
    .from(T)
    .where(eq(T.id, journeyId));
  if (!j) return true;
  if (j.synced !== null) return true;
  const [p] = await deps.db
    .select({ regionId: hub.players.currentRegionId, sector: hub.players.currentSectorNumber })
    .from(hub.players)
    .where(eq(hub.players.id, j.playerId));
  const regionIds = [...new Set([j.source, j.dest, j.ended, p?.regionId ?? null].filter((x): x is string => x !== null))];
  const endpoints = await deps.db
    .select({ id: hub.regions.id, endpoint: hub.regions.runtimeEndpoint })
    .from(hub.regions)
    .where(inArray(hub.regions.id, regionIds));
  let ok = true;
  await Promise.all(
    endpoints.map(async (r) => {
      if (!r.endpoint) return;
      const here = p?.regionId === r.id && p.sector !== null;
      const body = here ? { playerId: j.playerId, action: 'enter', sectorNumber: p.sector } : { playerId: j.playerId, action: 'leave' };
      const result = await postPresence(r.id, r.endpoint, body, deps.timeoutMs);
      if (result === 'failed') ok = false;
      if (result === 'unknown_sector') deps.log?.('presence: sector unknown to the region-server', { journeyId, regionId: r.id, sector: p?.sector });
    }),
  );
  if (!ok) return false;
  // Mark synced only if the journey did not move on meanwhile (every writer stamps updated_at with a JS Date, so the
  // comparison is exact); otherwise sync again against the newer position.
  const marked = await deps.db
    .update(T)
    .set({ presenceSyncedAt: new Date() })
    .where(and(eq(T.id, journeyId), eq(T.updatedAt, j.updatedAt)))
    .returning({ id: T.id });
  if (marked.length === 0) return attemptsLeft > 0 ? syncOnce(deps, journeyId, attemptsLeft - 1) : false;
  return true;
}
