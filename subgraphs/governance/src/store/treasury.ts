import { eq, sql } from 'drizzle-orm';
import { hub } from '@sw/db';
import { treasuryMove, type TreasuryCauseType } from '@sw/domain';
import type { HubTx } from '../deps.ts';

/**
 * Moves credits in or out of a region's treasury inside the caller's transaction: the balance update and its
 * append-only ledger row commit together or not at all. The region row must already be locked FOR UPDATE by the
 * caller (its balance is the `before`). Returns the move, or null when nothing moves (0, or a withdrawal from 0).
 */
export async function moveTreasury(
  tx: HubTx,
  region: { id: string; treasuryBalance: number },
  requested: number,
  cause: { type: TreasuryCauseType; id: string | null; reason: string; at: Date },
): Promise<{ before: number; delta: number; after: number } | null> {
  const move = treasuryMove(region.treasuryBalance, requested);
  if (!move) return null;
  await tx.update(hub.regions).set({ treasuryBalance: sql`${hub.regions.treasuryBalance} + ${move.delta}` }).where(eq(hub.regions.id, region.id));
  await tx.insert(hub.regionalTreasuryEntries).values({
    regionId: region.id,
    beforeBalance: move.before,
    afterBalance: move.after,
    delta: move.delta,
    causeType: cause.type,
    causeId: cause.id,
    reason: cause.reason.slice(0, 500),
    at: cause.at,
  });
  return move;
}
