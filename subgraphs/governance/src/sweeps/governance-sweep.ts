/**
 * The 5-minute governance sweep: opens and closes elections, closes, decides and enacts policies, lapses unsigned
 * petitions, expires treaties and schedules automatic elections. Replica-safe: every item is handled in its own
 * transaction that locks its row with SKIP LOCKED and re-checks its state, so two sweeps running at once (or a sweep
 * and a user) handle each item exactly once. pg-boss runs it (one runner at a time) from the governance service;
 * tests and the bench call runGovernanceSweep directly.
 */
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { hub } from '@sw/db';
import { AUTO_ELECTION, autoElectionDue, autoElectionPosition, electionWindows, type GovernanceType } from '@sw/domain';
import { closePolicy, duePolicyIds } from '../commands/close-policy.ts';
import { tallyElection } from '../commands/tally-election.ts';
import type { GovernanceDeps } from '../deps.ts';
import { parseCandidates } from '../election-candidates.ts';
import { governanceEvent, publishGovernanceEvents, type GovernanceEventPayload } from '../live/governance-events.ts';

export interface SweepReport {
  electionsOpened: number;
  electionsCancelled: number;
  electionsTallied: number;
  policiesDecided: number;
  policiesEnacted: number;
  petitionsLapsed: number;
  treatiesExpired: number;
  electionsScheduled: number;
}

export async function runGovernanceSweep(deps: GovernanceDeps, now: Date = deps.now()): Promise<SweepReport> {
  const report: SweepReport = {
    electionsOpened: 0, electionsCancelled: 0, electionsTallied: 0, policiesDecided: 0, policiesEnacted: 0, petitionsLapsed: 0, treatiesExpired: 0, electionsScheduled: 0,
  };
  const events: GovernanceEventPayload[] = [];
  const e = hub.regionalElections;

  // 1. Open elections whose registration ended; nobody registered -> cancelled (an empty list never opens).
  const toOpen = await deps.db.select({ id: e.id }).from(e).where(and(eq(e.status, 'pending'), lte(e.votingOpensAt, now))).limit(500);
  for (const { id } of toOpen) {
    await deps.db.transaction(async (tx) => {
      const [row] = await tx.select({ id: e.id, regionId: e.regionId, candidates: e.candidates, position: e.position })
        .from(e).where(and(eq(e.id, id), eq(e.status, 'pending'))).for('update', { skipLocked: true });
      if (!row) return;
      if (parseCandidates(row.candidates).length === 0) {
        await tx.update(e).set({ status: 'cancelled', cancelReason: 'no_candidates', closedAt: now }).where(eq(e.id, id));
        report.electionsCancelled++;
        events.push(governanceEvent('election_cancelled', row.regionId, now, `${row.position} election: nobody registered`, { electionId: id }));
      } else {
        await tx.update(e).set({ status: 'active' }).where(eq(e.id, id));
        report.electionsOpened++;
        events.push(governanceEvent('election_opened', row.regionId, now, `${row.position} election: voting open`, { electionId: id }));
      }
    });
  }

  // 2. Tally elections whose voting ended.
  const toClose = await deps.db.select({ id: e.id }).from(e).where(and(eq(e.status, 'active'), lte(e.votingClosesAt, now))).limit(500);
  for (const { id } of toClose) {
    const done = await deps.db.transaction((tx) => tallyElection(tx, id, now));
    if (done) {
      report.electionsTallied++;
      events.push(...done.events);
      deps.tallies.electionChanged(id);
    }
  }

  // 3. Decide (and enact) policies whose voting ended.
  for (const id of await duePolicyIds(deps.db, now)) {
    const done = await deps.db.transaction((tx) => closePolicy(tx, id, now));
    if (done) {
      report.policiesDecided++;
      if (done.status === 'implemented') report.policiesEnacted++;
      events.push(...done.events);
      deps.tallies.policyChanged(id);
    }
  }

  // 4. Petitions the owner did not sign in time lapse.
  const p = hub.regionalPolicies;
  const lapsed = await deps.db
    .update(p)
    .set({ status: 'rejected', outcomeReason: 'lapsed' })
    .where(and(eq(p.status, 'passed'), eq(p.decisionKind, 'owner_signature'), lte(p.signatureDeadlineAt, now), sql`${p.signedAt} IS NULL`))
    .returning({ id: p.id, regionId: p.regionId, title: p.title });
  report.petitionsLapsed = lapsed.length;
  for (const l of lapsed) events.push(governanceEvent('policy_rejected', l.regionId, now, `${l.title}: lapsed unsigned`, { policyId: l.id }));

  // 5. Treaties past their expiry.
  const t = hub.regionalTreaties;
  const expired = await deps.db
    .update(t)
    .set({ status: 'expired', endedAt: now })
    .where(and(eq(t.status, 'active'), lte(t.expiresAt, now)))
    .returning({ id: t.id, a: t.regionAId, b: t.regionBId });
  report.treatiesExpired = expired.length;
  for (const x of expired) {
    for (const regionId of [x.a, x.b]) events.push(governanceEvent('treaty_expired', regionId, now, 'treaty expired', { treatyId: x.id }));
  }

  // 6. Automatic elections (democracy: governor, council republic: the council).
  report.electionsScheduled = await scheduleDueElections(deps, now, events);

  await publishGovernanceEvents(deps.bus, deps.log, events);
  return report;
}

async function scheduleDueElections(deps: GovernanceDeps, now: Date, events: GovernanceEventPayload[]): Promise<number> {
  const r = hub.regions;
  const regions = await deps.db
    .select({ id: r.id, type: r.governanceType, every: r.electionFrequencyDays, since: r.governanceTypeSince, governorId: r.governorId, seats: r.councilSeats })
    .from(r)
    .where(and(eq(r.status, 'active'), inArray(r.governanceType, ['democracy', 'council'])));
  let scheduled = 0;
  for (const region of regions) {
    const position = autoElectionPosition(region.type as GovernanceType);
    if (!position) continue;
    const created = await deps.db.transaction(async (tx) => {
      const [locked] = await tx.select({ id: r.id }).from(r).where(and(eq(r.id, region.id), eq(r.governanceType, region.type))).for('update', { skipLocked: true });
      if (!locked) return null;
      const [facts] = await tx.execute<{ live: boolean; last_ended: Date | null; seated: boolean }>(sql`
        SELECT
          EXISTS (SELECT 1 FROM regional_elections WHERE region_id = ${region.id} AND position = ${position} AND status IN ('pending', 'active', 'tallying')) AS live,
          (SELECT max(closed_at) FROM regional_elections WHERE region_id = ${region.id} AND position = ${position}
             AND status IN ('completed', 'cancelled') AND created_at >= ${region.since.toISOString()}::timestamptz) AS last_ended,
          EXISTS (SELECT 1 FROM regional_council_seats WHERE region_id = ${region.id}) AS seated`);
      const vacant = position === 'governor' ? region.governorId === null : !facts!.seated;
      const due = autoElectionDue(
        {
          governanceType: region.type as GovernanceType, electionFrequencyDays: region.every, hasLiveElection: facts!.live,
          lastEndedAt: facts!.last_ended ? new Date(facts!.last_ended) : null, typeSince: region.since, officeVacant: vacant,
        },
        now,
      );
      if (!due) return null;
      const { opensAt, closesAt } = electionWindows(now, AUTO_ELECTION.registrationDays, AUTO_ELECTION.votingDays);
      const [row] = await tx
        .insert(hub.regionalElections)
        .values({ regionId: region.id, position, status: 'pending', votingOpensAt: opensAt, votingClosesAt: closesAt, seats: position === 'council_member' ? region.seats : null, createdAt: now })
        .returning({ id: hub.regionalElections.id });
      return row!.id;
    });
    if (created) {
      scheduled++;
      events.push(governanceEvent('election_scheduled', region.id, now, `automatic ${position} election scheduled`, { electionId: created }));
    }
  }
  return scheduled;
}
