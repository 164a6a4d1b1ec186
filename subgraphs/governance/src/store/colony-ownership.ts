import { and, count, eq } from 'drizzle-orm';
import { regionServerAuthHeaders } from '@sw/auth/region-server-token';
import { hub, type HubDb } from '@sw/db';

/**
 * How many colonies (owned planets) a player has in a region. The Nexus and Terran Space keep their world in the hub
 * database; a player region's world lives behind its region-server (`GET /holdings/:playerId`, with the region's
 * service token). Null when the
 * region-server cannot be asked (no endpoint, unreachable, slow, or a malformed answer): "unknown", never "none".
 */
export async function countColonies(
  db: HubDb,
  region: { id: string; runtimeEndpoint: string | null; regionType: string },
  playerId: string,
  timeoutMs = 2000,
): Promise<number | null> {
  if (region.regionType !== 'player_owned') {
    const p = hub.planets;
    const [row] = await db.select({ n: count() }).from(p).where(and(eq(p.regionId, region.id), eq(p.ownerPlayerId, playerId)));
    return row?.n ?? 0;
  }
  if (!region.runtimeEndpoint) return null;
  try {
    const res = await fetch(`${region.runtimeEndpoint.replace(/\/+$/, '')}/holdings/${playerId}`, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: regionServerAuthHeaders(region.id),
    });
    if (!res.ok) {
      await res.body?.cancel();
      return null;
    }
    const body = (await res.json()) as { planets?: unknown };
    return typeof body.planets === 'number' && Number.isInteger(body.planets) && body.planets >= 0 ? body.planets : null;
  } catch {
    return null;
  }
}
