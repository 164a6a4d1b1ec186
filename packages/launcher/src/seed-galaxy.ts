/**
 * Launcher step (after migrations and the demo users): makes sure the starting galaxy exists — Terran Space
 * (300 sectors, global ids 1–300) and the Central Nexus (5000, ids 301–5300) — generating and persisting
 * whichever is missing in one transaction, and gives players without a home region Terran Space as home
 * (new players spawn there). Idempotent: on later starts it only prints "galaxy: present".
 */
import type postgres from 'postgres';
import { ensureBaseGalaxy, findPlatformRegion } from '@sw/world-store';

const LABEL = { terran_space: 'Terran Space', central_nexus: 'Central Nexus' } as const;

export async function seedBaseGalaxy(sql: postgres.Sql, say: (line: string) => void): Promise<void> {
  const result = await ensureBaseGalaxy(sql);
  if (result.generated.length === 0) {
    say('galaxy: present');
  } else {
    const parts = result.generated.map((g) => `${LABEL[g.regionType]} (${g.generated.totalSectors})`);
    say(`galaxy: generated ${parts.join(' and ')} in ${result.totalMs} ms`);
  }
  const terran = await findPlatformRegion(sql, 'terran_space');
  if (terran) {
    await sql`
      update players set home_region_id = ${terran.id}, current_region_id = coalesce(current_region_id, ${terran.id})
      where home_region_id is null`;
  }
}
