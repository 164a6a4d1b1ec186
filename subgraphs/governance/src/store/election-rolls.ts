/**
 * Election rolls: the franchise facts of every member of an election's region, held in memory while a burst of
 * ballots pours in, so that a ballot needs one statement (the guarded insert) instead of two (read the facts, then
 * insert). docs/rules/governance.md "Who may vote" has the rule and how a ballot is cast; this only changes where the facts come from.
 *
 * Why it is safe: the cache is only trusted when it says YES. castElectionVote runs every guard on the cached facts;
 * if all pass, the insert re-checks, in the same statement and under the election's key-share lock, everything that
 * can change — the election is active and in its window, the voter's membership type and voting power are the cached
 * ones, no ballot exists — and an account's creation time never changes. Candidates are fixed once voting opens.
 * Any guard failing on cached facts, or an insert that writes nothing, is decided again on freshly read facts, so the
 * caller sees exactly what the uncached path would have said.
 *
 * Why only in bursts: loading a roll reads every membership of the region (10,000 rows: ~20 ms). It pays off when
 * many ballots arrive together (an announced vote, a governor's call), not for a trickle; a roll is loaded once
 * BURST_BALLOTS ballots of one election arrived within BURST_WINDOW_MS in this process, in the background (the ballot
 * that triggers it does not wait), and dropped after ROLL_TTL_MS or when a region is too large to hold.
 */
import { sql } from 'drizzle-orm';
import type { HubDb } from '@sw/db';
import type { Logger } from '@sw/service-kit';

/** The facts castElectionVote guards on, for one (election, voter). */
export interface BallotGuardFacts {
  region_id: string;
  status: string;
  voting_opens_at: Date;
  voting_closes_at: Date;
  candidates: unknown;
  membership_type: string | null;
  voting_power: string | null;
  account_created_at: Date | null;
}

export interface ElectionRollOptions {
  burstBallots?: number;
  burstWindowMs?: number;
  ttlMs?: number;
  /** Regions with more members are never held (memory bound: ~100 bytes per member). */
  maxMembers?: number;
  /** Rolls held at once (most recently loaded kept). */
  maxRolls?: number;
}

export const BURST_BALLOTS = 16;
export const BURST_WINDOW_MS = 5_000;
export const ROLL_TTL_MS = 30_000;
export const ROLL_MAX_MEMBERS = 100_000;
export const ROLL_MAX_HELD = 8;

interface ElectionRow extends Record<string, unknown> {
  region_id: string;
  status: string;
  voting_opens_at: Date;
  voting_closes_at: Date;
  candidates: unknown;
}

interface Member {
  membershipType: string;
  votingPower: string;
  accountCreatedAt: Date;
}

interface Roll {
  loadedAt: number;
  election: ElectionRow;
  members: Map<string, Member>;
}

export class ElectionRolls {
  private readonly rolls = new Map<string, Roll>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly bursts = new Map<string, { since: number; ballots: number }>();
  /** Elections whose roll was not worth holding (not active, region too large), until when not to try again. */
  private readonly notHeld = new Map<string, number>();
  private readonly o: Required<ElectionRollOptions>;
  /** Ballots answered from a held roll, and roll loads started (for tests and metrics). */
  hits = 0;
  loads = 0;

  private readonly db: HubDb;
  private readonly log: Logger;
  private readonly clock: () => number;

  constructor(db: HubDb, log: Logger, opts: ElectionRollOptions = {}, clock: () => number = () => performance.now()) {
    this.db = db;
    this.log = log;
    this.clock = clock;
    this.o = {
      burstBallots: opts.burstBallots ?? BURST_BALLOTS,
      burstWindowMs: opts.burstWindowMs ?? BURST_WINDOW_MS,
      ttlMs: opts.ttlMs ?? ROLL_TTL_MS,
      maxMembers: opts.maxMembers ?? ROLL_MAX_MEMBERS,
      maxRolls: opts.maxRolls ?? ROLL_MAX_HELD,
    };
  }

  /**
   * The held facts of (election, voter), or undefined when no fresh roll is held or the voter is not on it (then
   * the caller reads the facts itself). Counts the ballot towards a burst and may start loading the roll.
   */
  guardFacts(electionId: string, voterId: string): BallotGuardFacts | undefined {
    const now = this.clock();
    const roll = this.rolls.get(electionId);
    if (roll && now - roll.loadedAt > this.o.ttlMs) this.rolls.delete(electionId);
    else if (roll) {
      const m = roll.members.get(voterId);
      if (!m) return undefined;
      this.hits++;
      return { ...roll.election, membership_type: m.membershipType, voting_power: m.votingPower, account_created_at: m.accountCreatedAt };
    }
    this.countBallot(electionId, now);
    return undefined;
  }

  /** An insert on held facts wrote nothing for this voter (a ballot exists, or their membership changed). */
  forgetVoter(electionId: string, voterId: string): void {
    this.rolls.get(electionId)?.members.delete(voterId);
  }

  /** The election stopped taking ballots: nothing held about it is useful any more. */
  forget(electionId: string): void {
    this.rolls.delete(electionId);
    this.bursts.delete(electionId);
    this.notHeld.delete(electionId);
  }

  /** Resolves when no roll is loading (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.loading.values()]);
  }

  private countBallot(electionId: string, now: number): void {
    let b = this.bursts.get(electionId);
    if (!b || now - b.since > this.o.burstWindowMs) {
      b = { since: now, ballots: 0 };
      this.bursts.set(electionId, b);
      if (this.bursts.size > 1000) this.bursts.clear();
    }
    b.ballots++;
    if (b.ballots < this.o.burstBallots || this.loading.has(electionId)) return;
    const until = this.notHeld.get(electionId);
    if (until !== undefined && until > now) return;
    this.loads++;
    const p = this.load(electionId)
      .catch((err: unknown) => this.log.warn({ err, electionId }, 'election roll not loaded; ballots read their facts'))
      .finally(() => this.loading.delete(electionId));
    this.loading.set(electionId, p);
  }

  private async load(electionId: string): Promise<void> {
    const startedAt = this.clock();
    const [election] = await this.db.execute<ElectionRow>(sql`
      SELECT region_id, status, voting_opens_at, voting_closes_at, candidates FROM regional_elections WHERE id = ${electionId}`);
    // Only an election taking ballots is worth holding; candidates are final from then on.
    if (!election || election.status !== 'active') return this.skip(electionId, startedAt);
    const rows = await this.db.execute<{ player_id: string; membership_type: string; voting_power: string; created_at: Date }>(sql`
      SELECT m.player_id, m.membership_type, m.voting_power, u.created_at
      FROM regional_memberships m JOIN players p ON p.id = m.player_id JOIN users u ON u.id = p.user_id
      WHERE m.region_id = ${election.region_id}
      LIMIT ${this.o.maxMembers + 1}`);
    if (rows.length > this.o.maxMembers) return this.skip(electionId, startedAt);
    const members = new Map<string, Member>();
    for (const r of rows) members.set(r.player_id, { membershipType: r.membership_type, votingPower: r.voting_power, accountCreatedAt: r.created_at });
    // Facts read before the load started are as old as its start.
    this.rolls.set(electionId, { loadedAt: startedAt, election, members });
    while (this.rolls.size > this.o.maxRolls) this.rolls.delete(this.rolls.keys().next().value!);
  }

  /** Not worth holding: ballots read their own facts until the TTL passes (a large region is not re-read per burst). */
  private skip(electionId: string, at: number): void {
    if (this.notHeld.size > 1000) this.notHeld.clear();
    this.notHeld.set(electionId, at + this.o.ttlMs);
  }
}
