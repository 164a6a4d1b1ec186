/**
 * tallyElection: closes one ACTIVE election whose window ended, in ONE transaction: locks it (skipping it when another
 * runner holds it) — which also waits out ballots still being cast under their key-share lock — moves it through
 * TALLYING to COMPLETED, counts the ballots (electionOutcome), publishes the ballot Merkle root and the tallies in
 * weight units, and fills the office: governor / ambassador on the region, or every council seat.
 * Returns null when not due, already tallied, or locked elsewhere.
 */
import { and, eq, lte } from 'drizzle-orm';
import { hub } from '@sw/db';
import { electionOutcome, fromWeightUnits, hasGovernorOffice, merkleRoot, toWeightUnits, type ElectionOutcome, type ElectionPosition } from '@sw/domain';
import type { HubTx } from '../deps.ts';
import { parseCandidates } from '../election-candidates.ts';
import { governanceEvent, type GovernanceEventPayload } from '../live/governance-events.ts';
import { loadGovernedRegion } from '../store/region-standing.ts';

export interface ElectionResults {
  position: ElectionPosition;
  kind: ElectionOutcome['kind'];
  voided: boolean;
  reason: string | null;
  winner: string | null;
  seats: { playerId: string; weight: number }[];
  /** Weight units per candidate (the exact tally verifyTally compares with). */
  tallies: Record<string, number>;
  totalWeight: number;
  ballots: number;
  ballotRoot: string;
  talliedAt: string;
}

export async function tallyElection(tx: HubTx, electionId: string, now: Date): Promise<{ results: ElectionResults; events: GovernanceEventPayload[] } | null> {
  const e = hub.regionalElections;
  const [election] = await tx
    .select({ id: e.id, regionId: e.regionId, position: e.position, candidates: e.candidates, seats: e.seats })
    .from(e)
    .where(and(eq(e.id, electionId), eq(e.status, 'active'), lte(e.votingClosesAt, now)))
    .for('update', { skipLocked: true });
  if (!election) return null;
  await tx.update(e).set({ status: 'tallying' }).where(eq(e.id, election.id));
  const region = (await loadGovernedRegion(tx, election.regionId, true))!;
  const v = hub.regionalVotes;
  const ballots = await tx.select({ candidateId: v.candidateId, weight: v.weight, hash: v.receiptHash }).from(v).where(eq(v.electionId, election.id));
  const tallies = new Map<string, number>();
  for (const b of ballots) tallies.set(b.candidateId, (tallies.get(b.candidateId) ?? 0) + toWeightUnits(b.weight));
  const position = election.position as ElectionPosition;
  const outcome = electionOutcome({
    position, candidates: parseCandidates(election.candidates).map((c) => c.playerId), tallies,
    votingThreshold: region.votingThreshold, ...(election.seats ? { seats: election.seats } : {}),
  });
  const ballotRoot = merkleRoot(ballots.map((b) => b.hash ?? ''));
  const results: ElectionResults = {
    position, kind: outcome.kind, voided: outcome.kind === 'voided', reason: outcome.kind === 'voided' ? outcome.reason : null,
    winner: outcome.kind === 'winner' ? outcome.winnerId : null,
    seats: outcome.kind === 'council' ? outcome.seats.map((s) => ({ playerId: s.playerId, weight: fromWeightUnits(s.units) })) : [],
    tallies: Object.fromEntries(tallies), totalWeight: fromWeightUnits(outcome.totalUnits), ballots: ballots.length, ballotRoot,
    talliedAt: now.toISOString(),
  };
  await tx
    .update(e)
    .set({ status: 'completed', results, winnerId: results.winner, ballotRoot, closedAt: now })
    .where(eq(e.id, election.id));
  const events: GovernanceEventPayload[] = [
    governanceEvent('election_closed', region.id, now, `${position} election closed: ${outcome.kind}${results.reason ? ` (${results.reason})` : ''}`, { electionId: election.id }),
  ];
  if (outcome.kind === 'winner') {
    if (position === 'governor' && hasGovernorOffice(region.governanceType)) {
      await tx.update(hub.regions).set({ governorId: outcome.winnerId }).where(eq(hub.regions.id, region.id));
    }
    if (position === 'ambassador') await tx.update(hub.regions).set({ ambassadorId: outcome.winnerId }).where(eq(hub.regions.id, region.id));
    events.push(governanceEvent('elected', region.id, now, `elected ${position}`, { electionId: election.id, playerId: outcome.winnerId }));
  }
  if (outcome.kind === 'council' && region.governanceType === 'council') {
    const s = hub.regionalCouncilSeats;
    await tx.delete(s).where(eq(s.regionId, region.id));
    await tx.insert(s).values(
      outcome.seats.map((seat, i) => ({
        regionId: region.id, seatNumber: i + 1, playerId: seat.playerId, electionId: election.id, weight: fromWeightUnits(seat.units), tookSeatAt: now,
      })),
    );
    for (const seat of outcome.seats) {
      events.push(governanceEvent('elected', region.id, now, 'elected to the council', { electionId: election.id, playerId: seat.playerId }));
    }
  }
  return { results, events };
}
