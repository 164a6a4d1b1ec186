import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import {
  ELECTION_POSITIONS,
  ELECTION_STATUSES,
  GOVERNANCE_BOUNDS,
  INVITE_MAX_USES_LIMIT,
  INVITE_STATUSES,
  MEMBERSHIP_TYPES,
  POLICY_DECISION_KINDS,
  POLICY_REJECTION_REASONS,
  POLICY_STATUSES,
  TREASURY_CAUSE_TYPES,
  TREATY_STATUSES,
  TREATY_TYPES,
} from '@sw/domain';
import { between, createdAt, inList, num, tstz, uuidPk } from '../sql-helpers.ts';
import { players } from './identity.ts';
import { regions } from './regions.ts';

const G = GOVERNANCE_BOUNDS;

/** A player's standing in a region (docs/rules/governance.md "Members"). can_vote = (citizen or resident) and voting_power > 0. */
export const regionalMemberships = pgTable(
  'regional_memberships',
  {
    id: uuidPk(),
    playerId: uuid('player_id')
      .notNull()
      .references(() => players.id, { onDelete: 'cascade' }),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    membershipType: varchar('membership_type', { length: 50 }).notNull().default('visitor'),
    reputationScore: integer('reputation_score').notNull().default(0),
    localRank: varchar('local_rank', { length: 50 }),
    votingPower: numeric('voting_power', { precision: 5, scale: 4, mode: 'number' }).notNull().default(1),
    joinedAt: tstz('joined_at').notNull().defaultNow(),
    lastVisit: tstz('last_visit').notNull().defaultNow(),
    totalVisits: integer('total_visits').notNull().default(0),
  },
  (t) => [
    unique('unique_membership').on(t.playerId, t.regionId),
    index('idx_memberships_region').on(t.regionId),
    index('idx_memberships_type').on(t.membershipType),
    index('idx_memberships_region_type').on(t.regionId, t.membershipType),
    index('idx_memberships_player_last_visit').on(t.playerId, t.lastVisit),
    // Regional stats: active players in the last 30 days (docs/rules/region-config.md "Stats").
    index('idx_memberships_region_last_visit').on(t.regionId, t.lastVisit),
    check('valid_membership_type', inList('membership_type', MEMBERSHIP_TYPES)),
    check('valid_reputation_score', between('reputation_score', G.reputation.min, G.reputation.max)),
    check('valid_voting_power', between('voting_power', G.votingPower.min, G.votingPower.max)),
    check('memberships_total_visits_nonnegative', sql`total_visits >= 0`),
  ],
);

/** Elections for regional offices (docs/rules/governance.md "Elections"). `candidates` order = registration order (the tie-break). */
export const regionalElections = pgTable(
  'regional_elections',
  {
    id: uuidPk(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    position: varchar('position', { length: 50 }).notNull(),
    candidates: jsonb('candidates').notNull().default([]),
    votingOpensAt: tstz('voting_opens_at').notNull(),
    votingClosesAt: tstz('voting_closes_at').notNull(),
    results: jsonb('results'),
    winnerId: uuid('winner_id').references(() => players.id, { onDelete: 'set null' }),
    status: varchar('status', { length: 50 }).notNull().default('pending'),
    /** Seats to fill (council_member elections). */
    seats: integer('seats'),
    /** Who started it; null for an automatic election. */
    createdBy: uuid('created_by').references(() => players.id, { onDelete: 'set null' }),
    /** Merkle root of the ballot receipt hashes, published when the election completes. */
    ballotRoot: varchar('ballot_root', { length: 64 }),
    /** Why it was cancelled (`by_owner`, `no_candidates`). */
    cancelReason: varchar('cancel_reason', { length: 50 }),
    closedAt: tstz('closed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('idx_elections_region').on(t.regionId),
    index('idx_elections_status').on(t.status),
    index('idx_elections_position').on(t.position),
    index('idx_elections_region_status').on(t.regionId, t.status),
    check('valid_election_window', sql`voting_closes_at > voting_opens_at`),
    check('valid_election_position', inList('position', ELECTION_POSITIONS)),
    check('valid_election_status', inList('status', ELECTION_STATUSES)),
    check('valid_election_seats', sql`seats IS NULL OR ${between('seats', G.councilSeats.min, G.councilSeats.max)}`),
    check('election_council_has_seats', sql`position <> 'council_member' OR seats IS NOT NULL`),
    check('election_cancel_reason_when_cancelled', sql`(status = 'cancelled') = (cancel_reason IS NOT NULL)`),
  ],
);

/** One ballot per voter per election; weight is the voting power at casting, never changed. */
export const regionalVotes = pgTable(
  'regional_votes',
  {
    id: uuidPk(),
    electionId: uuid('election_id')
      .notNull()
      .references(() => regionalElections.id, { onDelete: 'cascade' }),
    voterId: uuid('voter_id')
      .notNull()
      .references(() => players.id, { onDelete: 'cascade' }),
    candidateId: uuid('candidate_id')
      .notNull()
      .references(() => players.id, { onDelete: 'cascade' }),
    weight: numeric('weight', { precision: 5, scale: 4, mode: 'number' }).notNull().default(1),
    castAt: tstz('cast_at').notNull().defaultNow(),
    /** Random salt of the receipt; receipt_hash = ballotHash(id, election, candidate, weight, salt). */
    salt: varchar('salt', { length: 64 }),
    receiptHash: varchar('receipt_hash', { length: 64 }),
  },
  (t) => [
    unique('one_vote_per_election').on(t.electionId, t.voterId),
    index('idx_votes_election').on(t.electionId),
    index('idx_votes_voter').on(t.voterId),
    check('valid_vote_weight', between('weight', G.votingPower.min, G.votingPower.max)),
  ],
);

/** Referendums (docs/rules/governance.md "Policy lifecycle"). Tallies are exact decimal sums of ballot weights (docs/rules/original-defects.md #19). */
export const regionalPolicies = pgTable(
  'regional_policies',
  {
    id: uuidPk(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    policyType: varchar('policy_type', { length: 50 }).notNull(),
    title: varchar('title', { length: 255 }).notNull(),
    description: text('description'),
    proposedChanges: jsonb('proposed_changes').notNull(),
    proposedBy: uuid('proposed_by').references(() => players.id, { onDelete: 'set null' }),
    proposedAt: tstz('proposed_at').notNull().defaultNow(),
    votingClosesAt: tstz('voting_closes_at').notNull(),
    votesFor: numeric('votes_for', { precision: 12, scale: 4, mode: 'number' }).notNull().default(0),
    votesAgainst: numeric('votes_against', { precision: 12, scale: 4, mode: 'number' }).notNull().default(0),
    status: varchar('status', { length: 50 }).notNull().default('voting'),
    /** Why it was rejected (`no_quorum`, `below_threshold`, `vetoed`, `lapsed`). */
    outcomeReason: text('outcome_reason'),
    decidedAt: tstz('decided_at'),
    implementedAt: tstz('implemented_at'),
    /** referendum / council / owner_signature (a petition) / decree / admin, fixed when proposed. */
    decisionKind: varchar('decision_kind', { length: 20 }).notNull().default('referendum'),
    /** Derived from the changed keys when proposed (needs the supermajority). */
    constitutional: boolean('constitutional').notNull().default(false),
    /** The count at close: roll size (or seats), ballots needed, approval needed. */
    eligibleCount: integer('eligible_count'),
    quorum: integer('quorum'),
    requiredApproval: numeric('required_approval', { precision: 4, scale: 3, mode: 'number' }),
    /** A passed petition lapses unless the owner signs it by then. */
    signatureDeadlineAt: tstz('signature_deadline_at'),
    signedAt: tstz('signed_at'),
    signedBy: uuid('signed_by').references(() => players.id, { onDelete: 'set null' }),
    /** What the enactment applied, clamped. */
    appliedChanges: jsonb('applied_changes'),
    ballotRoot: varchar('ballot_root', { length: 64 }),
  },
  (t) => [
    index('idx_policies_region').on(t.regionId),
    index('idx_policies_status').on(t.status),
    index('idx_policies_proposed_at').on(t.proposedAt),
    index('idx_policies_region_status').on(t.regionId, t.status),
    check('valid_policy_voting_window', sql`voting_closes_at > proposed_at`),
    check('policy_votes_for_nonnegative', sql`votes_for >= 0`),
    check('policy_votes_against_nonnegative', sql`votes_against >= 0`),
    check('valid_policy_status', inList('status', POLICY_STATUSES)),
    check('valid_policy_decision_kind', inList('decision_kind', POLICY_DECISION_KINDS)),
    check('valid_policy_outcome_reason', sql`outcome_reason IS NULL OR ${inList('outcome_reason', POLICY_REJECTION_REASONS)}`),
    check('policy_signature_only_for_petitions', sql`signature_deadline_at IS NULL OR decision_kind = 'owner_signature'`),
  ],
);

/** One ballot per voter per policy. */
export const regionalPolicyVotes = pgTable(
  'regional_policy_votes',
  {
    id: uuidPk(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => regionalPolicies.id, { onDelete: 'cascade' }),
    voterId: uuid('voter_id')
      .notNull()
      .references(() => players.id, { onDelete: 'cascade' }),
    support: boolean('support').notNull(),
    weight: numeric('weight', { precision: 5, scale: 4, mode: 'number' }).notNull().default(1),
    createdAt: createdAt(),
    salt: varchar('salt', { length: 64 }),
    receiptHash: varchar('receipt_hash', { length: 64 }),
  },
  (t) => [
    unique('one_vote_per_policy').on(t.policyId, t.voterId),
    index('idx_policy_votes_policy').on(t.policyId),
    index('idx_policy_votes_voter').on(t.voterId),
    check('valid_policy_vote_weight', between('weight', G.votingPower.min, G.votingPower.max)),
  ],
);

/** Postgres enum `region_treasury_cause_type`. */
export const regionTreasuryCauseType = pgEnum('region_treasury_cause_type', TREASURY_CAUSE_TYPES);

/**
 * Append-only treasury ledger (docs/rules/governance.md "Treasury"). SUM(delta) per region = regions.treasury_balance.
 * A trigger (custom migration 0001) rejects UPDATE and DELETE; rows disappear only with their region.
 */
export const regionalTreasuryEntries = pgTable(
  'regional_treasury_entries',
  {
    id: uuidPk(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    beforeBalance: bigint('before_balance', { mode: 'number' }).notNull(),
    afterBalance: bigint('after_balance', { mode: 'number' }).notNull(),
    delta: bigint('delta', { mode: 'number' }).notNull(),
    causeType: regionTreasuryCauseType('cause_type').notNull(),
    causeId: uuid('cause_id'),
    reason: varchar('reason', { length: 500 }),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    index('idx_treasury_entries_region_at').on(t.regionId, t.at.desc()),
    check('treasury_entry_balance_arithmetic', sql`after_balance = before_balance + delta`),
    check('treasury_entry_nonnegative', sql`before_balance >= 0 AND after_balance >= 0`),
  ],
);

/**
 * Bilateral treaties (docs/rules/governance.md "Treaties"). region_a proposes, region_b accepts. accepted_at (docs/rules/original-defects.md #28) is when B
 * accepted; signed_at is generated from it, so it can only ever mean acceptance.
 */
export const regionalTreaties = pgTable(
  'regional_treaties',
  {
    id: uuidPk(),
    regionAId: uuid('region_a_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    regionBId: uuid('region_b_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    treatyType: varchar('treaty_type', { length: 50 }).notNull(),
    terms: jsonb('terms').notNull().default({}),
    status: varchar('status', { length: 50 }).notNull().default('proposed'),
    proposedAt: tstz('proposed_at').notNull().defaultNow(),
    acceptedAt: tstz('accepted_at'),
    signedAt: tstz('signed_at').generatedAlwaysAs(sql`accepted_at`),
    expiresAt: tstz('expires_at'),
    endedAt: tstz('ended_at'),
    updatedAt: tstz('updated_at').notNull().defaultNow().$onUpdate(() => new Date()),
  },
  (t) => [
    unique('unique_treaty').on(t.regionAId, t.regionBId, t.treatyType),
    index('idx_treaties_region_a').on(t.regionAId),
    index('idx_treaties_region_b').on(t.regionBId),
    index('idx_treaties_type').on(t.treatyType),
    check('treaty_distinct_regions', sql`region_a_id <> region_b_id`),
    // The pair rule: one live treaty per pair of regions, whichever side proposed it and of any type.
    uniqueIndex('uq_treaties_one_live_per_pair')
      .on(sql`least(${t.regionAId}, ${t.regionBId})`, sql`greatest(${t.regionAId}, ${t.regionBId})`)
      .where(sql`status IN ('proposed', 'active')`),
    check('valid_treaty_type', inList('treaty_type', TREATY_TYPES)),
    check('valid_treaty_status', inList('status', TREATY_STATUSES)),
    check(
      'treaty_accepted_at_when_accepted',
      sql`status NOT IN ('active', 'terminated', 'expired') OR accepted_at IS NOT NULL`,
    ),
  ],
);

/** Owner-minted citizenship invites (docs/rules/invites.md). */
export const regionInvites = pgTable(
  'region_invites',
  {
    id: uuidPk(),
    code: varchar('code', { length: 32 }).notNull().unique('uq_region_invites_code'),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    /** The minting owner (a player, docs/rules/original-defects.md #29). */
    createdBy: uuid('created_by').references(() => players.id, { onDelete: 'set null' }),
    maxUses: integer('max_uses').notNull().default(1),
    uses: integer('uses').notNull().default(0),
    expiresAt: tstz('expires_at').notNull(),
    status: varchar('status', { length: 20 }).notNull().default('active'),
    createdAt: createdAt(),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [
    index('idx_region_invites_region').on(t.regionId),
    index('idx_region_invites_created_by').on(t.createdBy),
    check('valid_invite_status', inList('status', INVITE_STATUSES)),
    check('valid_invite_max_uses', sql`max_uses BETWEEN 1 AND ${num(INVITE_MAX_USES_LIMIT)}`),
    check('valid_invite_uses', sql`uses >= 0 AND uses <= max_uses`),
  ],
);

/** One row per invite redemption; only hashes of IP / device are kept. */
export const regionInviteRedemptions = pgTable(
  'region_invite_redemptions',
  {
    id: uuidPk(),
    inviteId: uuid('invite_id')
      .notNull()
      .references(() => regionInvites.id, { onDelete: 'cascade' }),
    redeemedByPlayerId: uuid('redeemed_by_player_id').references(() => players.id, { onDelete: 'set null' }),
    redeemedAt: tstz('redeemed_at').notNull().defaultNow(),
    ipHash: varchar('ip_hash', { length: 128 }),
    deviceFingerprintHash: varchar('device_fingerprint_hash', { length: 128 }),
  },
  (t) => [
    index('idx_invite_redemptions_invite').on(t.inviteId),
    index('idx_invite_redemptions_redeemed_at').on(t.redeemedAt),
  ],
);

/**
 * The seats of a council republic's council, one row per filled seat (vacant seats have no row). Replaced as a whole
 * when a council election completes; emptied when the region leaves council government.
 */
export const regionalCouncilSeats = pgTable(
  'regional_council_seats',
  {
    id: uuidPk(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id, { onDelete: 'cascade' }),
    seatNumber: integer('seat_number').notNull(),
    playerId: uuid('player_id')
      .notNull()
      .references(() => players.id, { onDelete: 'cascade' }),
    electionId: uuid('election_id').references(() => regionalElections.id, { onDelete: 'set null' }),
    weight: numeric('weight', { precision: 12, scale: 4, mode: 'number' }).notNull(),
    tookSeatAt: tstz('took_seat_at').notNull().defaultNow(),
  },
  (t) => [
    unique('unique_council_seat').on(t.regionId, t.seatNumber),
    unique('unique_councillor').on(t.regionId, t.playerId),
    check('valid_council_seat_number', between('seat_number', 1, G.councilSeats.max)),
  ],
);
