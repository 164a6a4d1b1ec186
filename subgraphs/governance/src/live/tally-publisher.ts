import { sql } from 'drizzle-orm';
import type { HubDb } from '@sw/db';
import { channels, type EventBus } from '@sw/events';
import { parseCandidates } from '../election-candidates.ts';
import type { Logger } from '@sw/service-kit';

/** One live tally of an election, as `electionTallyChanged` sends it. */
export interface ElectionTallyEvent {
  electionId: string;
  regionId: string;
  status: string;
  /** Ballots counted; grows monotonically, so a consumer can drop a stale (lower) tally. */
  ballots: number;
  totalWeight: number;
  candidates: { playerId: string; platform: string | null; weight: number }[];
  at: string;
}

export interface PolicyTallyEvent {
  policyId: string;
  regionId: string;
  status: string;
  ballots: number;
  votesFor: number;
  votesAgainst: number;
  approvalPercentage: number | null;
  at: string;
}

export interface TallyPublisher {
  /** A ballot was committed: publish a fresh tally soon (coalesced per contest). */
  electionChanged(electionId: string): void;
  policyChanged(policyId: string): void;
  /** Flushes what is pending and stops. */
  close(): Promise<void>;
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

export async function readElectionTally(db: HubDb, electionId: string): Promise<ElectionTallyEvent | null> {
  const [e] = await db.execute<{ region_id: string; status: string; candidates: unknown }>(sql`
    SELECT region_id, status, candidates FROM regional_elections WHERE id = ${electionId}`);
  if (!e) return null;
  const rows = await db.execute<{ candidate_id: string; weight: string; n: number }>(sql`
    SELECT candidate_id, sum(weight) AS weight, count(*)::int AS n FROM regional_votes WHERE election_id = ${electionId} GROUP BY candidate_id`);
  const by = new Map(rows.map((r) => [r.candidate_id, Number(r.weight)]));
  const candidates = parseCandidates(e.candidates).map((c) => ({ playerId: c.playerId, platform: c.platform, weight: round(by.get(c.playerId) ?? 0) }));
  return {
    electionId, regionId: e.region_id, status: e.status, ballots: rows.reduce((s, r) => s + r.n, 0),
    totalWeight: round(candidates.reduce((s, c) => s + c.weight, 0)), candidates, at: new Date().toISOString(),
  };
}

export async function readPolicyTally(db: HubDb, policyId: string): Promise<PolicyTallyEvent | null> {
  const [p] = await db.execute<{ region_id: string; status: string; votes_for: string; votes_against: string; n: number }>(sql`
    SELECT region_id, status, votes_for, votes_against, (SELECT count(*)::int FROM regional_policy_votes WHERE policy_id = p.id) AS n
    FROM regional_policies p WHERE id = ${policyId}`);
  if (!p) return null;
  const f = Number(p.votes_for), a = Number(p.votes_against);
  return {
    policyId, regionId: p.region_id, status: p.status, ballots: p.n, votesFor: f, votesAgainst: a,
    approvalPercentage: f + a > 0 ? (f / (f + a)) * 100 : null, at: new Date().toISOString(),
  };
}

/**
 * Coalesces tally publishes: the first ballot of a contest schedules one read + publish `delayMs` later (default 100),
 * and every ballot committed meanwhile rides along. Subscribers use the latest-value mode, so they need only the newest
 * tally; the tally is always re-read from the ballots (the truth), never counted in memory, so replicas agree.
 */
export function createTallyPublisher(db: HubDb, bus: EventBus, log: Logger, delayMs = 100): TallyPublisher {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const inflight = new Set<Promise<void>>();
  let closed = false;

  function schedule(key: string, run: () => Promise<void>): void {
    if (closed || pending.has(key)) return;
    pending.set(key, setTimeout(() => {
      pending.delete(key);
      const p = run().catch((err: unknown) => log.error({ err, key }, 'tally publish failed')).finally(() => inflight.delete(p));
      inflight.add(p);
    }, delayMs));
  }

  return {
    electionChanged(electionId) {
      schedule(`e:${electionId}`, async () => {
        const t = await readElectionTally(db, electionId);
        if (t) await bus.publish(channels.electionTally(electionId), t);
      });
    },
    policyChanged(policyId) {
      schedule(`p:${policyId}`, async () => {
        const t = await readPolicyTally(db, policyId);
        if (t) await bus.publish(channels.policyTally(policyId), t);
      });
    },
    async close() {
      closed = true;
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
      await Promise.all([...inflight]);
    },
  };
}
