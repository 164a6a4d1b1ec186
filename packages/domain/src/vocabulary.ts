/**
 * Closed value lists stored in the database. The drizzle schema builds its CHECK constraints from
 * these arrays, so the database, validators and GraphQL enums share one list per concept.
 * Lifecycle files (transition tables) should import the state lists from here rather than repeat them.
 */

/** Region lifecycle (docs/rules/region-status.md). */
export const REGION_STATUSES = [
  'pending', // row exists, not yet provisioned / paid
  'active', // serving players
  'suspended', // subscription cancelled, suspended or 3 failed payments; stakeholders only
  'grace', // suspended for 7+ days; termination at suspended_at + 30 d
  'terminated', // ended; cleanup and hard delete follow
  'generation_corrupt', // world generation failed validation (refund-eligible)
  'attachment_pending', // Nexus link (the attach step) failed 5 times; operator attention
] as const;
export type RegionStatus = (typeof REGION_STATUSES)[number];

/** Governance label of a region (docs/rules/governance.md). */
export const GOVERNANCE_TYPES = ['autocracy', 'democracy', 'council'] as const;
export type GovernanceType = (typeof GOVERNANCE_TYPES)[number];

/** What the operator wants the region runtime to be (desired state). */
export const REGION_DESIRED_STATES = ['running', 'stopped', 'terminated'] as const;
export type RegionDesiredState = (typeof REGION_DESIRED_STATES)[number];

/** Observed state of a region runtime, written by the reconciler only. */
export const REGION_RUNTIME_STATES = [
  'requested', // intent persisted, nothing created yet
  'provisioning', // database / containers / process being created
  'ready', // healthy and serving
  'unhealthy', // health checks failing
  'draining', // termination notice period, no new players
  'archiving', // backup + export running
  'archived', // backup done, runtime removed (hibernated / tombstoned)
  'terminated', // everything removed
  'error', // permanent failure, needs an operator
  'attachment_pending', // world ready, Nexus link still failing
  'generation_corrupt', // generated world failed validation
  'hibernated', // nobody present for REGION_IDLE_MINUTES: region-server stopped, database kept (docs/rules/hibernation.md)
  'waking', // a hibernated or tombstoned region's region-server is being started again
  'tombstoned', // six months without activity: out of the active-region count, Nexus warp dormant, data kept
] as const;
export type RegionRuntimeState = (typeof REGION_RUNTIME_STATES)[number];

/** Runtime drivers (docs/decisions/kubernetes-runtime-driver.md). */
export const RUNTIME_DRIVERS = ['process', 'docker'] as const;
export type RuntimeDriver = (typeof RUNTIME_DRIVERS)[number];

/** Membership tiers (docs/rules/governance.md "Members"). */
export const MEMBERSHIP_TYPES = ['visitor', 'resident', 'citizen'] as const;
export type MembershipType = (typeof MEMBERSHIP_TYPES)[number];

/** Elected positions (docs/rules/governance.md; includes trade_commissioner). */
export const ELECTION_POSITIONS = ['governor', 'council_member', 'ambassador', 'trade_commissioner'] as const;
export type ElectionPosition = (typeof ELECTION_POSITIONS)[number];

/** Election statuses (docs/rules/governance.md "Elections"). */
export const ELECTION_STATUSES = ['pending', 'active', 'tallying', 'completed', 'cancelled'] as const;
export type ElectionStatus = (typeof ELECTION_STATUSES)[number];

/** Policy statuses (docs/rules/governance.md "Policy lifecycle"). */
export const POLICY_STATUSES = ['voting', 'passed', 'rejected', 'implemented'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];
/** Why a policy ended rejected (docs/rules/governance.md "Policy lifecycle"). */
export const POLICY_REJECTION_REASONS = ['no_quorum', 'below_threshold', 'vetoed', 'lapsed'] as const;
export type PolicyRejectionReason = (typeof POLICY_REJECTION_REASONS)[number];
/**
 * How a policy is decided: by a referendum of the voting members, by the council, as a petition the owner must sign,
 * or applied at once as a decree (autocracy) or an admin change.
 */
export const POLICY_DECISION_KINDS = ['referendum', 'council', 'owner_signature', 'decree', 'admin'] as const;
export type PolicyDecisionKind = (typeof POLICY_DECISION_KINDS)[number];

/** Treasury ledger causes (Postgres enum region_treasury_cause_type, docs/rules/governance.md "Treasury"). */
export const TREASURY_CAUSE_TYPES = [
  'policy_enactment',
  'tax_collection',
  'expenditure',
  'transfer_in',
  'transfer_out',
  'manual_admin_adjustment',
] as const;
export type TreasuryCauseType = (typeof TREASURY_CAUSE_TYPES)[number];

/** Treaty types and statuses (docs/rules/governance.md "Treaties"; docs/rules/original-defects.md #28: the type is validated). */
export const TREATY_TYPES = ['trade_agreement', 'defense_pact', 'non_aggression', 'cultural_exchange', 'open_borders'] as const;
export type TreatyType = (typeof TREATY_TYPES)[number];
export const TREATY_STATUSES = ['proposed', 'active', 'rejected', 'terminated', 'expired'] as const;
export type TreatyStatus = (typeof TREATY_STATUSES)[number];

/** Inter-regional travel (docs/rules/travel.md). Journey states live in lifecycles/travel.ts (JOURNEY_STATES). */
export const TRAVEL_METHODS = ['platform_gate', 'player_gate', 'warp_jumper'] as const;
export type TravelMethod = (typeof TRAVEL_METHODS)[number];
/** Why a journey is made: a visit, or immigration (settling: home region moves, starting package once). */
export const JOURNEY_INTENTS = ['visit', 'immigrate'] as const;
export type JourneyIntent = (typeof JOURNEY_INTENTS)[number];

/** Region invites (docs/rules/invites.md). */
export const INVITE_STATUSES = ['active', 'exhausted', 'revoked', 'expired'] as const;
export type InviteStatus = (typeof INVITE_STATUSES)[number];
export const INVITE_MAX_USES_LIMIT = 10;

/** Billing (status values are PayPal's subscription statuses). */
export const BILLING_PLANS = ['regional_owner', 'galactic_citizen'] as const;
export type BillingPlan = (typeof BILLING_PLANS)[number];
export const BILLING_SUBSCRIPTION_STATUSES = [
  'APPROVAL_PENDING',
  'APPROVED',
  'ACTIVE',
  'SUSPENDED',
  'CANCELLED',
  'EXPIRED',
] as const;
export type BillingSubscriptionStatus = (typeof BILLING_SUBSCRIPTION_STATUSES)[number];

/** User roles (auth). */
export const USER_ROLES = ['player', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

// Cluster types (Postgres enum cluster_type) live in nexus-clusters.ts (CLUSTER_TYPES).

/** Zone types (Postgres enum zone_type). */
export const ZONE_TYPES = ['EXPANSE', 'FEDERATION', 'BORDER', 'FRONTIER'] as const;
export type ZoneType = (typeof ZONE_TYPES)[number];

/** Cross-region tunnel types (canon has only these two). */
export const TUNNEL_TYPES = ['NATURAL', 'ARTIFICIAL'] as const;
export type TunnelType = (typeof TUNNEL_TYPES)[number];

/** TradeDock tiers. */
export const TRADEDOCK_TIERS = ['A', 'B'] as const;
export type TradedockTier = (typeof TRADEDOCK_TIERS)[number];

/** Galaxy generation jobs (hub table generation_jobs). */
export const GENERATION_JOB_KINDS = ['nexus', 'terran', 'cluster', 'region'] as const;
export type GenerationJobKind = (typeof GENERATION_JOB_KINDS)[number];
export const GENERATION_JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type GenerationJobStatus = (typeof GENERATION_JOB_STATUSES)[number];

/** Autoscaler decisions (hub table autoscale_decisions). */
export const AUTOSCALE_ACTIONS = ['scale_up', 'scale_down', 'hold'] as const;
export type AutoscaleAction = (typeof AUTOSCALE_ACTIONS)[number];

/** Region name slug: 3–50 chars, lower-case letters, digits, '_' and '-', alphanumeric at both ends. */
export const REGION_NAME_PATTERN = '^[a-z0-9][a-z0-9_-]{1,48}[a-z0-9]$';

/** Governance numeric bounds enforced by CHECKs (docs/rules/governance.md, docs/rules/region-config.md). */
export const GOVERNANCE_BOUNDS = {
  votingThreshold: { min: 0.1, max: 0.9, default: 0.51 },
  quorumPct: { min: 0.25, max: 0.6, default: 0.33 },
  electionFrequencyDays: { min: 30, max: 365, default: 90 },
  taxRate: { min: 0.05, max: 0.25, default: 0.1 },
  startingCredits: { min: 100, max: 10_000, default: 1000 },
  votingPower: { min: 0, max: 5 },
  reputation: { min: -1000, max: 1000 },
  /** Seats of a council republic's council. */
  councilSeats: { min: 3, max: 9, default: 5 },
  /** Voting and registration windows, in days. */
  votingDays: { min: 1, max: 30, default: 7 },
} as const;
