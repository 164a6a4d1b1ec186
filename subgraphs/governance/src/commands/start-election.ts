/**
 * startElection: the owner (or an admin, or a democracy's elected governor) opens the candidate registration of an
 * election. Always born PENDING: voting opens after the registration window, never at once. An explicit empty
 * candidate list is refused; listed candidates must be citizens with reputation >= 0.
 * Outcomes: ok {electionId} | ERR_UNAUTHENTICATED | ERR_VALIDATION | ERR_REGION_NOT_FOUND | ERR_REGION_NOT_ACTIVE
 * | ERR_POSITION_NOT_ELECTED | ERR_GOVERNANCE_DENIED | ERR_NO_CANDIDATES | ERR_NOT_A_CITIZEN
 * | ERR_INSUFFICIENT_REPUTATION | ERR_ELECTION_EXISTS.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Claims } from '@sw/auth';
import { hub } from '@sw/db';
import {
  ELECTION_POSITIONS, GOVERNANCE_BOUNDS, canStartElection, electedPositions, electionWindows, type ElectionPosition, type ValidationIssue,
} from '@sw/domain';
import type { GovernanceDeps } from '../deps.ts';
import { governanceEvent, publishGovernanceEvents } from '../live/governance-events.ts';
import { loadGovernedRegion, loadStanding } from '../store/region-standing.ts';
import { candidateFailure } from './candidate-rules.ts';
import { failed, ok, type Outcome } from './outcome.ts';

export interface StartElectionInput {
  regionId: string;
  position: string;
  registrationDays?: number | null;
  votingDays?: number | null;
  candidates?: readonly string[] | null;
}

export async function startElection(deps: GovernanceDeps, claims: Claims | null, input: StartElectionInput): Promise<Outcome<{ electionId: string }>> {
  if (!claims) return failed('ERR_UNAUTHENTICATED', 'sign in first');
  const vb = GOVERNANCE_BOUNDS.votingDays;
  const reg = input.registrationDays ?? vb.default;
  const vote = input.votingDays ?? vb.default;
  const issues: ValidationIssue[] = [];
  if (!(ELECTION_POSITIONS as readonly string[]).includes(input.position)) issues.push({ path: 'position', message: `must be one of ${ELECTION_POSITIONS.join(', ')}` });
  for (const [path, v] of [['registrationDays', reg], ['votingDays', vote]] as const) {
    if (!Number.isInteger(v) || v < vb.min || v > vb.max) issues.push({ path, message: `must be an integer from ${vb.min} to ${vb.max}` });
  }
  if (issues.length) return failed('ERR_VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  if (input.candidates && input.candidates.length === 0) return failed('ERR_NO_CANDIDATES', 'an election needs candidates: omit the list to open registration, or name them');
  const position = input.position as ElectionPosition;

  const standing = await loadStanding(deps.db, input.regionId, claims);
  if (!standing) return failed('ERR_REGION_NOT_FOUND', `region ${input.regionId} not found`);
  if (standing.region.status !== 'active') return failed('ERR_REGION_NOT_ACTIVE', 'the region is not active');
  const type = standing.region.governanceType;
  if (!electedPositions(type).includes(position)) return failed('ERR_POSITION_NOT_ELECTED', `${position} is not an elected office under ${type}`);
  if (!canStartElection(type, position, standing.actor)) return failed('ERR_GOVERNANCE_DENIED', 'only the owner (or a democracy\'s governor) may start elections');

  const candidates = [...new Set(input.candidates ?? [])];
  if (candidates.length) {
    const m = hub.regionalMemberships;
    const rows = await deps.db
      .select({ playerId: m.playerId, membershipType: m.membershipType, reputationScore: m.reputationScore })
      .from(m)
      .where(and(eq(m.regionId, input.regionId), inArray(m.playerId, candidates)));
    for (const id of candidates) {
      const problem = candidateFailure(rows.find((r) => r.playerId === id) ?? null, `candidate ${id}`);
      if (problem) return problem;
    }
  }

  const now = deps.now();
  const { opensAt, closesAt } = electionWindows(now, reg, vote);
  const electionId = randomUUID();
  const created = await deps.db.transaction(async (tx) => {
    // The region lock serializes "no live election for this position" with the insert.
    const region = await loadGovernedRegion(tx, input.regionId, true);
    const e = hub.regionalElections;
    const [live] = await tx
      .select({ id: e.id })
      .from(e)
      .where(and(eq(e.regionId, input.regionId), eq(e.position, position), inArray(e.status, ['pending', 'active', 'tallying'])))
      .limit(1);
    if (live) return false;
    await tx.insert(e).values({
      id: electionId, regionId: input.regionId, position, status: 'pending', votingOpensAt: opensAt, votingClosesAt: closesAt,
      candidates: candidates.map((player_id) => ({ player_id, platform: null })),
      seats: position === 'council_member' ? region!.councilSeats : null,
      createdBy: standing.playerId, createdAt: now,
    });
    return true;
  });
  if (!created) return failed('ERR_ELECTION_EXISTS', `a ${position} election is already pending or active`);
  await publishGovernanceEvents(deps.bus, deps.log, [
    governanceEvent('election_scheduled', input.regionId, now, `${position} election: registration until ${opensAt.toISOString()}`, { electionId }),
  ]);
  return ok({ electionId });
}
