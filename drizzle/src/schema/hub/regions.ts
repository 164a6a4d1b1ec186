import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  CONFIG_BOUNDS,
  CULTURE_LIMITS,
  ECONOMIC_SPECIALIZATIONS,
  IMMIGRATION_POLICIES,
  STARTING_SHIPS,
  GOVERNANCE_BOUNDS,
  GOVERNANCE_TYPES,
  NEXUS_SECTORS,
  TERMINATION_ORIGINS,
  PLAYER_REGION_MAX_SECTORS,
  PLAYER_REGION_MIN_SECTORS,
  REGION_DESIRED_STATES,
  REGION_NAME_PATTERN,
  REGION_RUNTIME_STATES,
  REGION_SCALE_BOUNDS,
  REGION_STATUSES,
  REGION_TIER_NAMES,
  REGION_TIERS,
  REGION_TYPES,
  RUNTIME_DRIVERS,
  TERRAN_SECTORS,
} from '@sw/domain';
import { RANDOM_POSITIVE_BIGINT, between, createdAt, inList, num, str, tstz, uuidPk } from '../sql-helpers.ts';
import { players } from './identity.ts';

const G = GOVERNANCE_BOUNDS;
const S = REGION_SCALE_BOUNDS;
const C = CONFIG_BOUNDS;

/**
 * The region registry: identity, owner, subscription, lifecycle timers, governance,
 * economy and culture config, and the runtime spec the orchestrator reconciles
 * towards plus the state it last observed. Every bound is a named CHECK built from @sw/domain.
 */
export const regions = pgTable(
  'regions',
  {
    id: uuidPk(),
    /** Lower-case slug, unique case-insensitively; the user-facing spelling is display_name. */
    name: varchar('name', { length: 255 }).notNull(),
    displayName: varchar('display_name', { length: 255 }).notNull(),
    regionType: varchar('region_type', { length: 50 }).notNull().default('player_owned'),
    /** Owner = a player (docs/rules/original-defects.md #29), null for platform regions. */
    ownerId: uuid('owner_id').references((): AnyPgColumn => players.id, { onDelete: 'set null' }),

    // subscription
    subscriptionTier: varchar('subscription_tier', { length: 50 }).notNull().default('standard'),
    /** Purchased size tier (standard / premium / mega); null for platform regions. */
    sizeTier: varchar('size_tier', { length: 20 }),
    paypalSubscriptionId: varchar('paypal_subscription_id', { length: 255 }),
    subscriptionStatus: varchar('subscription_status', { length: 50 }),
    subscriptionStartedAt: tstz('subscription_started_at'),
    subscriptionExpiresAt: tstz('subscription_expires_at'),
    lastPaymentAt: tstz('last_payment_at'),
    nextBillingAt: tstz('next_billing_at'),
    paymentFailureCount: integer('payment_failure_count').notNull().default(0),

    // lifecycle (docs/rules/region-status.md)
    status: varchar('status', { length: 50 }).notNull().default('pending'),
    suspendedAt: tstz('suspended_at'),
    terminatedAt: tstz('terminated_at'),
    scheduledHardDeleteAt: tstz('scheduled_hard_delete_at'),
    cleanupCompletedAt: tstz('cleanup_completed_at'),

    // generation
    generationSeed: bigint('generation_seed', { mode: 'bigint' }).notNull().default(RANDOM_POSITIVE_BIGINT),
    generationPhaseChecksums: jsonb('generation_phase_checksums').default({}),
    /** Global sector-id block allocated to this region (sector ids are global across the galaxy). */
    sectorIdStart: integer('sector_id_start'),
    sectorIdEnd: integer('sector_id_end'),
    nexusAttachAttemptCount: integer('nexus_attach_attempt_count').notNull().default(0),
    nexusAttachNextRetryAt: tstz('nexus_attach_next_retry_at'),
    nexusAttachOperatorConfirmed: boolean('nexus_attach_operator_confirmed').notNull().default(false),
    nexusAttachCompletedAt: tstz('nexus_attach_completed_at'),

    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow().$onUpdate(() => new Date()),

    // governance
    governanceType: varchar('governance_type', { length: 50 }).notNull().default('autocracy'),
    votingThreshold: numeric('voting_threshold', { precision: 3, scale: 2, mode: 'number' })
      .notNull()
      .default(G.votingThreshold.default),
    governanceQuorumPct: numeric('governance_quorum_pct', { precision: 3, scale: 2, mode: 'number' }).default(
      G.quorumPct.default,
    ),
    electionFrequencyDays: integer('election_frequency_days').notNull().default(G.electionFrequencyDays.default),
    constitutionalText: text('constitutional_text'),
    /** Seats of the council when governance_type = council (3-9). */
    councilSeats: integer('council_seats').notNull().default(G.councilSeats.default),
    /** When the current governance_type took effect (automatic elections count from here). */
    governanceTypeSince: tstz('governance_type_since').notNull().defaultNow(),
    governorId: uuid('governor_id').references((): AnyPgColumn => players.id, { onDelete: 'set null' }),
    ambassadorId: uuid('ambassador_id').references((): AnyPgColumn => players.id, { onDelete: 'set null' }),

    // economy
    taxRate: numeric('tax_rate', { precision: 5, scale: 4, mode: 'number' }).notNull().default(G.taxRate.default),
    tradeBonuses: jsonb('trade_bonuses').notNull().default({}),
    economicSpecialization: varchar('economic_specialization', { length: 50 }),
    startingCredits: integer('starting_credits').notNull().default(G.startingCredits.default),
    startingShip: varchar('starting_ship', { length: 50 }).notNull().default('scout'),

    // culture
    languagePack: jsonb('language_pack').notNull().default({}),
    aestheticTheme: jsonb('aesthetic_theme').notNull().default({}),
    traditions: jsonb('traditions').notNull().default({}),
    socialHierarchy: jsonb('social_hierarchy').notNull().default({}),
    /** Stored and served (the original accepted and dropped it, docs/rules/original-defects.md #26). */
    motto: varchar('motto', { length: CULTURE_LIMITS.motto }),

    // commerce and immigration (docs/rules/region-config.md)
    /** Requested commerce tariff; the applied rate is clamped to the station-count cap on every read. */
    tariffRate: numeric('tariff_rate', { precision: 5, scale: 4, mode: 'number' }).notNull().default(0),
    immigrationPolicy: varchar('immigration_policy', { length: 20 }).notNull().default('open'),
    /** Most non-member visitors present at once; null = no limit. */
    maxVisitors: integer('max_visitors'),
    /** Credits a visitor pays on arrival (plus the effective tariff), into the treasury. */
    visitorEntryFee: integer('visitor_entry_fee').notNull().default(0),
    /** Optimistic-concurrency version of the configuration; every change writes region_config_versions row N+1. */
    configVersion: integer('config_version').notNull().default(1),

    // world facts
    nexusWarpSector: integer('nexus_warp_sector'),
    capitalSectorNumber: integer('capital_sector_number'),
    totalSectors: integer('total_sectors').notNull().default(REGION_TIERS.standard.targetSectors),
    activePlayers30d: integer('active_players_30d').notNull().default(0),
    totalTradeVolume: numeric('total_trade_volume', { precision: 20, scale: 2 }).notNull().default('0'),
    treasuryBalance: bigint('treasury_balance', { mode: 'number' }).notNull().default(0),
    pirateEcosystemState: jsonb('pirate_ecosystem_state'),

    // runtime spec (desired state the orchestrator reconciles)
    cpuVcpu: numeric('cpu_vcpu', { precision: 3, scale: 1, mode: 'number' }).notNull().default(S.cpu.default),
    memoryGb: integer('memory_gb').notNull().default(S.memoryGb.default),
    storageGb: integer('storage_gb').notNull().default(S.storageGb.default),
    maxPlayers: integer('max_players').notNull().default(S.maxPlayers.default),
    desiredState: text('desired_state').notNull().default('running'),
    /** Bumped on every spec change; the reconciler copies it to observed_generation when done. */
    specGeneration: integer('spec_generation').notNull().default(1),

    // runtime observed state — written by the reconciler only
    runtimeState: text('runtime_state').notNull().default('requested'),
    runtimeDriver: text('runtime_driver'),
    runtimeEndpoint: text('runtime_endpoint'),
    /** Per-step conditions `{ step: { status, reason, message, at } }`. */
    runtimeConditions: jsonb('runtime_conditions').notNull().default({}),
    runtimeObserved: jsonb('runtime_observed').notNull().default({}),
    observedGeneration: integer('observed_generation').notNull().default(0),
    lastHeartbeatAt: tstz('last_heartbeat_at'),
    healthReason: text('health_reason'),
    restartCount: integer('restart_count').notNull().default(0),
    /** Hibernation (docs/rules/hibernation.md); last_activity_at (below) is the last time somebody was present. */
    hibernatedAt: tstz('hibernated_at'),
    tombstonedAt: tstz('tombstoned_at'),
    /** Set by anyone who needs a dormant region's world (traveller, world read, admin); the reconciler wakes it. */
    wakeRequestedAt: tstz('wake_requested_at'),
    terminationRequestedAt: tstz('termination_requested_at'),
    /** Who started the termination under way (owner / admin / billing): only the owner's own may be withdrawn by the owner. */
    terminationOrigin: text('termination_origin'),
    evacuationDeadlineAt: tstz('evacuation_deadline_at'),
    archivedAt: tstz('archived_at'),
    backupUri: text('backup_uri'),
    backupChecksum: text('backup_checksum'),
    /** Last time somebody was present (the idle sweep records it) or the region woke (docs/rules/hibernation.md). */
    lastActivityAt: tstz('last_activity_at'),
  },
  (t) => [
    // Case-insensitive uniqueness (docs/rules/original-defects.md #3), on top of the lower-case slug CHECK.
    uniqueIndex('uq_regions_name_lower').on(sql`lower(${t.name})`),
    // At most one Central Nexus and one Terran Space.
    uniqueIndex('uq_regions_one_platform_region_per_type')
      .on(t.regionType)
      .where(sql`region_type IN ('central_nexus', 'terran_space')`),
    index('idx_regions_owner').on(t.ownerId),
    index('idx_regions_status').on(t.status),
    index('idx_regions_subscription_status').on(t.subscriptionStatus),
    index('idx_regions_status_subscription_status').on(t.status, t.subscriptionStatus),
    index('idx_regions_desired_runtime_state').on(t.desiredState, t.runtimeState),
    check('regions_name_slug', sql`name ~ ${str(REGION_NAME_PATTERN)}`),
    check('valid_region_type', inList('region_type', REGION_TYPES)),
    check('valid_region_status', inList('status', REGION_STATUSES)),
    check('valid_governance_type', inList('governance_type', GOVERNANCE_TYPES)),
    check('valid_size_tier', sql`size_tier IS NULL OR ${inList('size_tier', REGION_TIER_NAMES)}`),
    check(
      'valid_voting_threshold',
      between('voting_threshold', G.votingThreshold.min, G.votingThreshold.max),
    ),
    check(
      'valid_governance_quorum_pct',
      sql`governance_quorum_pct IS NULL OR ${between('governance_quorum_pct', G.quorumPct.min, G.quorumPct.max)}`,
    ),
    check(
      'valid_election_frequency_days',
      between('election_frequency_days', G.electionFrequencyDays.min, G.electionFrequencyDays.max),
    ),
    check('valid_tax_rate', between('tax_rate', G.taxRate.min, G.taxRate.max)),
    check('valid_council_seats', between('council_seats', G.councilSeats.min, G.councilSeats.max)),
    check('valid_tariff_rate', between('tariff_rate', C.tariffRate.min, C.tariffRate.max)),
    check('valid_immigration_policy', inList('immigration_policy', IMMIGRATION_POLICIES)),
    check('valid_max_visitors', sql`max_visitors IS NULL OR ${between('max_visitors', C.maxVisitors.min, C.maxVisitors.max)}`),
    check('valid_visitor_entry_fee', between('visitor_entry_fee', C.visitorEntryFee.min, C.visitorEntryFee.max)),
    check('valid_config_version', sql`config_version >= 1`),
    check(
      'valid_economic_specialization',
      sql`economic_specialization IS NULL OR ${inList('economic_specialization', ECONOMIC_SPECIALIZATIONS)}`,
    ),
    check('valid_starting_ship', inList('starting_ship', STARTING_SHIPS)),
    check(
      'valid_starting_credits',
      sql`starting_credits >= ${num(G.startingCredits.min)} AND starting_credits <= ${num(G.startingCredits.max)}`,
    ),
    check(
      'valid_region_type_sector_count',
      sql`(region_type = 'central_nexus' AND total_sectors = ${num(NEXUS_SECTORS)})
        OR (region_type = 'terran_space' AND total_sectors = ${num(TERRAN_SECTORS)})
        OR (region_type = 'player_owned' AND total_sectors BETWEEN ${num(PLAYER_REGION_MIN_SECTORS)} AND ${num(PLAYER_REGION_MAX_SECTORS)})`,
    ),
    check(
      'valid_sector_id_block',
      sql`(sector_id_start IS NULL AND sector_id_end IS NULL)
        OR (sector_id_start >= 1 AND sector_id_end >= sector_id_start)`,
    ),
    check('regions_treasury_nonnegative', sql`treasury_balance >= 0`),
    check('regions_total_trade_volume_nonnegative', sql`total_trade_volume >= 0`),
    check('regions_payment_failure_count_nonnegative', sql`payment_failure_count >= 0`),
    check('regions_nexus_attach_attempts_nonnegative', sql`nexus_attach_attempt_count >= 0`),
    check('regions_active_players_nonnegative', sql`active_players_30d >= 0`),
    check('valid_cpu_vcpu', between('cpu_vcpu', S.cpu.min, S.cpu.max)),
    check('valid_memory_gb', between('memory_gb', S.memoryGb.min, S.memoryGb.max)),
    check('valid_storage_gb', between('storage_gb', S.storageGb.min, S.storageGb.max)),
    check('valid_max_players', between('max_players', S.maxPlayers.min, S.maxPlayers.max)),
    check('valid_desired_state', inList('desired_state', REGION_DESIRED_STATES)),
    check('valid_runtime_state', inList('runtime_state', REGION_RUNTIME_STATES)),
    check('valid_runtime_driver', sql`runtime_driver IS NULL OR ${inList('runtime_driver', RUNTIME_DRIVERS)}`),
    check('regions_generations_valid', sql`spec_generation >= 1 AND observed_generation >= 0`),
    check('regions_restart_count_nonnegative', sql`restart_count >= 0`),
    check('valid_termination_origin', sql`termination_origin IS NULL OR ${inList('termination_origin', TERMINATION_ORIGINS)}`),
  ],
);
