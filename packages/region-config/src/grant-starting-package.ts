/**
 * grantStartingPackage: gives a player a region's starting credits once per (player, region), inside the caller's
 * transaction — at invite signup (accounts) or when an immigrant arrives to settle (travel). The ship is recorded
 * with the grant; ships themselves are not modelled on the platform yet. Returns null when the package was
 * already granted (nothing changes), otherwise what was granted. Rules: docs/rules/region-config.md.
 */
import { eq, sql } from 'drizzle-orm';
import { hub } from '@sw/db';
import type { StartingPackageVia } from '@sw/domain';
import type { HubTx } from './region-config-row.ts';

export interface StartingPackage {
  credits: number;
  startingShip: string;
}

export async function grantStartingPackage(
  tx: HubTx,
  input: { playerId: string; regionId: string; via: StartingPackageVia },
): Promise<StartingPackage | null> {
  const [region] = await tx
    .select({ credits: hub.regions.startingCredits, ship: hub.regions.startingShip })
    .from(hub.regions)
    .where(eq(hub.regions.id, input.regionId));
  if (!region) return null;
  const inserted = await tx
    .insert(hub.startingPackageGrants)
    .values({ playerId: input.playerId, regionId: input.regionId, credits: region.credits, startingShip: region.ship, via: input.via })
    .onConflictDoNothing()
    .returning({ credits: hub.startingPackageGrants.credits });
  if (inserted.length === 0) return null;
  await tx.update(hub.players).set({ credits: sql`${hub.players.credits} + ${region.credits}` }).where(eq(hub.players.id, input.playerId));
  return { credits: region.credits, startingShip: region.ship };
}
