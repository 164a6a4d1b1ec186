/**
 * cancelElection: the owner (or an admin) ends a PENDING election before voting opens.
 * Outcomes: ok | ERR_UNAUTHENTICATED | ERR_ELECTION_NOT_FOUND | ERR_NOT_REGION_OWNER | ERR_ELECTION_NOT_PENDING.
 */
import { eq } from 'drizzle-orm';
import { isAdmin, type Claims } from '@sw/auth';
import { hub } from '@sw/db';
import type { GovernanceDeps } from '../deps.ts';
import { governanceEvent, publishGovernanceEvents } from '../live/governance-events.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export async function cancelElection(deps: GovernanceDeps, claims: Claims | null, electionId: string): Promise<Outcome<{ electionId: string }>> {
  if (!claims) return failed('ERR_UNAUTHENTICATED', 'sign in first');
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    const e = hub.regionalElections;
    const [row] = await tx
      .select({ id: e.id, status: e.status, regionId: e.regionId, ownerId: hub.regions.ownerId })
      .from(e)
      .innerJoin(hub.regions, eq(hub.regions.id, e.regionId))
      .where(eq(e.id, electionId))
      .for('update', { of: e });
    if (!row) return failed('ERR_ELECTION_NOT_FOUND', `election ${electionId} not found`);
    if (!isAdmin(claims) && (claims.playerId === null || row.ownerId !== claims.playerId)) return failed('ERR_NOT_REGION_OWNER', 'only the region owner may cancel an election');
    if (row.status !== 'pending') return failed('ERR_ELECTION_NOT_PENDING', `an election can be cancelled only before voting opens (it is ${row.status})`);
    await tx.update(e).set({ status: 'cancelled', cancelReason: 'by_owner', closedAt: now }).where(eq(e.id, electionId));
    return ok({ electionId, regionId: row.regionId });
  });
  if (result.kind !== 'ok') return result;
  await publishGovernanceEvents(deps.bus, deps.log, [governanceEvent('election_cancelled', result.value.regionId, now, 'cancelled by the owner', { electionId })]);
  return ok({ electionId });
}
