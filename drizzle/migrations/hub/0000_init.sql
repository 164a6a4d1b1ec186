CREATE TYPE "public"."region_treasury_cause_type" AS ENUM('policy_enactment', 'tax_collection', 'expenditure', 'transfer_in', 'transfer_out', 'manual_admin_adjustment');--> statement-breakpoint
CREATE TYPE "public"."cluster_type" AS ENUM('STANDARD', 'RESOURCE_RICH', 'POPULATION_CENTER', 'TRADE_HUB', 'MILITARY_ZONE', 'FRONTIER_OUTPOST', 'CONTESTED', 'SPECIAL_INTEREST');--> statement-breakpoint
CREATE TYPE "public"."zone_type" AS ENUM('EXPANSE', 'FEDERATION', 'BORDER', 'FRONTIER');--> statement-breakpoint
CREATE TABLE "players" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" varchar(100) NOT NULL,
	"credits" bigint DEFAULT 10000 NOT NULL,
	"home_region_id" uuid,
	"current_region_id" uuid,
	"current_sector_number" integer,
	"is_galactic_citizen" boolean DEFAULT false NOT NULL,
	"gc_lapsed_at" timestamp with time zone,
	"gc_relocation_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "players_credits_nonnegative" CHECK (credits >= 0)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" varchar(50) NOT NULL,
	"display_name" varchar(100) NOT NULL,
	"email" varchar(320),
	"roles" text[] DEFAULT '{player}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paypal_subscription_id" varchar(255),
	"subscription_tier" varchar(50),
	"subscription_status" varchar(50),
	"subscription_started_at" timestamp with time zone,
	"subscription_expires_at" timestamp with time zone,
	"payment_failure_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "users_username_lowercase" CHECK (username = lower(username) AND length(username) >= 2),
	CONSTRAINT "users_roles_valid" CHECK (roles <@ ARRAY['player', 'admin']::text[]),
	CONSTRAINT "users_payment_failure_count_nonnegative" CHECK (payment_failure_count >= 0)
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(255) NOT NULL,
	"display_name" varchar(255) NOT NULL,
	"region_type" varchar(50) DEFAULT 'player_owned' NOT NULL,
	"owner_id" uuid,
	"subscription_tier" varchar(50) DEFAULT 'standard' NOT NULL,
	"size_tier" varchar(20),
	"paypal_subscription_id" varchar(255),
	"subscription_status" varchar(50),
	"subscription_started_at" timestamp with time zone,
	"subscription_expires_at" timestamp with time zone,
	"last_payment_at" timestamp with time zone,
	"next_billing_at" timestamp with time zone,
	"payment_failure_count" integer DEFAULT 0 NOT NULL,
	"status" varchar(50) DEFAULT 'pending' NOT NULL,
	"suspended_at" timestamp with time zone,
	"terminated_at" timestamp with time zone,
	"scheduled_hard_delete_at" timestamp with time zone,
	"cleanup_completed_at" timestamp with time zone,
	"generation_seed" bigint DEFAULT greatest(1, (('x' || substr(md5(gen_random_uuid()::text), 1, 16))::bit(64)::bigint & 9223372036854775807)) NOT NULL,
	"generation_phase_checksums" jsonb DEFAULT '{}'::jsonb,
	"sector_id_start" integer,
	"sector_id_end" integer,
	"nexus_attach_attempt_count" integer DEFAULT 0 NOT NULL,
	"nexus_attach_next_retry_at" timestamp with time zone,
	"nexus_attach_operator_confirmed" boolean DEFAULT false NOT NULL,
	"nexus_attach_completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"governance_type" varchar(50) DEFAULT 'autocracy' NOT NULL,
	"voting_threshold" numeric(3, 2) DEFAULT 0.51 NOT NULL,
	"governance_quorum_pct" numeric(3, 2) DEFAULT 0.33,
	"election_frequency_days" integer DEFAULT 90 NOT NULL,
	"constitutional_text" text,
	"governor_id" uuid,
	"ambassador_id" uuid,
	"tax_rate" numeric(5, 4) DEFAULT 0.1 NOT NULL,
	"trade_bonuses" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"economic_specialization" varchar(50),
	"starting_credits" integer DEFAULT 1000 NOT NULL,
	"starting_ship" varchar(50) DEFAULT 'scout' NOT NULL,
	"language_pack" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"aesthetic_theme" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"traditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"social_hierarchy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"nexus_warp_sector" integer,
	"capital_sector_number" integer,
	"total_sectors" integer DEFAULT 1000 NOT NULL,
	"active_players_30d" integer DEFAULT 0 NOT NULL,
	"total_trade_volume" numeric(20, 2) DEFAULT '0' NOT NULL,
	"treasury_balance" bigint DEFAULT 0 NOT NULL,
	"pirate_ecosystem_state" jsonb,
	"cpu_vcpu" numeric(3, 1) DEFAULT 2 NOT NULL,
	"memory_gb" integer DEFAULT 4 NOT NULL,
	"storage_gb" integer DEFAULT 20 NOT NULL,
	"max_players" integer DEFAULT 100 NOT NULL,
	"desired_state" text DEFAULT 'running' NOT NULL,
	"spec_generation" integer DEFAULT 1 NOT NULL,
	"runtime_state" text DEFAULT 'requested' NOT NULL,
	"runtime_driver" text,
	"runtime_endpoint" text,
	"runtime_conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"runtime_observed" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"observed_generation" integer DEFAULT 0 NOT NULL,
	"last_heartbeat_at" timestamp with time zone,
	"health_reason" text,
	"restart_count" integer DEFAULT 0 NOT NULL,
	"termination_requested_at" timestamp with time zone,
	"evacuation_deadline_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"backup_uri" text,
	"backup_checksum" text,
	"last_activity_at" timestamp with time zone,
	CONSTRAINT "regions_name_slug" CHECK (name ~ '^[a-z0-9][a-z0-9_-]{1,48}[a-z0-9]$'),
	CONSTRAINT "valid_region_type" CHECK (region_type IN ('central_nexus', 'terran_space', 'player_owned')),
	CONSTRAINT "valid_region_status" CHECK (status IN ('pending', 'active', 'suspended', 'grace', 'terminated', 'generation_corrupt', 'attachment_pending')),
	CONSTRAINT "valid_governance_type" CHECK (governance_type IN ('autocracy', 'democracy', 'council')),
	CONSTRAINT "valid_size_tier" CHECK (size_tier IS NULL OR size_tier IN ('standard', 'premium', 'mega')),
	CONSTRAINT "valid_voting_threshold" CHECK (voting_threshold BETWEEN 0.1 AND 0.9),
	CONSTRAINT "valid_governance_quorum_pct" CHECK (governance_quorum_pct IS NULL OR governance_quorum_pct BETWEEN 0.25 AND 0.6),
	CONSTRAINT "valid_election_frequency_days" CHECK (election_frequency_days BETWEEN 30 AND 365),
	CONSTRAINT "valid_tax_rate" CHECK (tax_rate BETWEEN 0.05 AND 0.25),
	CONSTRAINT "valid_starting_credits" CHECK (starting_credits >= 100 AND starting_credits <= 10000),
	CONSTRAINT "valid_region_type_sector_count" CHECK ((region_type = 'central_nexus' AND total_sectors = 5000)
        OR (region_type = 'terran_space' AND total_sectors = 300)
        OR (region_type = 'player_owned' AND total_sectors BETWEEN 100 AND 2500)),
	CONSTRAINT "valid_sector_id_block" CHECK ((sector_id_start IS NULL AND sector_id_end IS NULL)
        OR (sector_id_start >= 1 AND sector_id_end >= sector_id_start)),
	CONSTRAINT "regions_treasury_nonnegative" CHECK (treasury_balance >= 0),
	CONSTRAINT "regions_total_trade_volume_nonnegative" CHECK (total_trade_volume >= 0),
	CONSTRAINT "regions_payment_failure_count_nonnegative" CHECK (payment_failure_count >= 0),
	CONSTRAINT "regions_nexus_attach_attempts_nonnegative" CHECK (nexus_attach_attempt_count >= 0),
	CONSTRAINT "regions_active_players_nonnegative" CHECK (active_players_30d >= 0),
	CONSTRAINT "valid_cpu_vcpu" CHECK (cpu_vcpu BETWEEN 1 AND 8),
	CONSTRAINT "valid_memory_gb" CHECK (memory_gb BETWEEN 2 AND 16),
	CONSTRAINT "valid_storage_gb" CHECK (storage_gb BETWEEN 10 AND 100),
	CONSTRAINT "valid_max_players" CHECK (max_players BETWEEN 10 AND 1000),
	CONSTRAINT "valid_desired_state" CHECK (desired_state IN ('running', 'stopped', 'terminated')),
	CONSTRAINT "valid_runtime_state" CHECK (runtime_state IN ('requested', 'provisioning', 'ready', 'unhealthy', 'draining', 'archiving', 'archived', 'terminated', 'error', 'attachment_pending', 'generation_corrupt')),
	CONSTRAINT "valid_runtime_driver" CHECK (runtime_driver IS NULL OR runtime_driver IN ('process', 'docker')),
	CONSTRAINT "regions_generations_valid" CHECK (spec_generation >= 1 AND observed_generation >= 0),
	CONSTRAINT "regions_restart_count_nonnegative" CHECK (restart_count >= 0)
);
--> statement-breakpoint
CREATE TABLE "inter_regional_travels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"player_id" uuid NOT NULL,
	"source_region_id" uuid NOT NULL,
	"destination_region_id" uuid NOT NULL,
	"travel_method" varchar(50) NOT NULL,
	"travel_cost" bigint DEFAULT 0 NOT NULL,
	"assets_transferred" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"initiated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"status" varchar(50) DEFAULT 'in_transit' NOT NULL,
	CONSTRAINT "travel_distinct_regions" CHECK (source_region_id <> destination_region_id),
	CONSTRAINT "travel_cost_nonnegative" CHECK (travel_cost >= 0),
	CONSTRAINT "valid_travel_method" CHECK (travel_method IN ('platform_gate', 'player_gate', 'warp_jumper')),
	CONSTRAINT "valid_travel_status" CHECK (status IN ('in_transit', 'completed', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "region_invite_redemptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"invite_id" uuid NOT NULL,
	"redeemed_by_player_id" uuid,
	"redeemed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip_hash" varchar(128),
	"device_fingerprint_hash" varchar(128)
);
--> statement-breakpoint
CREATE TABLE "region_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(32) NOT NULL,
	"region_id" uuid NOT NULL,
	"created_by" uuid,
	"max_uses" integer DEFAULT 1 NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"status" varchar(20) DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "uq_region_invites_code" UNIQUE("code"),
	CONSTRAINT "valid_invite_status" CHECK (status IN ('active', 'exhausted', 'revoked', 'expired')),
	CONSTRAINT "valid_invite_max_uses" CHECK (max_uses BETWEEN 1 AND 10),
	CONSTRAINT "valid_invite_uses" CHECK (uses >= 0 AND uses <= max_uses)
);
--> statement-breakpoint
CREATE TABLE "regional_elections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"position" varchar(50) NOT NULL,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"voting_opens_at" timestamp with time zone NOT NULL,
	"voting_closes_at" timestamp with time zone NOT NULL,
	"results" jsonb,
	"winner_id" uuid,
	"status" varchar(50) DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "valid_election_window" CHECK (voting_closes_at > voting_opens_at),
	CONSTRAINT "valid_election_position" CHECK (position IN ('governor', 'council_member', 'ambassador', 'trade_commissioner')),
	CONSTRAINT "valid_election_status" CHECK (status IN ('pending', 'active', 'tallying', 'completed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "regional_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"player_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"membership_type" varchar(50) DEFAULT 'visitor' NOT NULL,
	"reputation_score" integer DEFAULT 0 NOT NULL,
	"local_rank" varchar(50),
	"voting_power" numeric(5, 4) DEFAULT 1 NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_visit" timestamp with time zone DEFAULT now() NOT NULL,
	"total_visits" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "unique_membership" UNIQUE("player_id","region_id"),
	CONSTRAINT "valid_membership_type" CHECK (membership_type IN ('visitor', 'resident', 'citizen')),
	CONSTRAINT "valid_reputation_score" CHECK (reputation_score BETWEEN -1000 AND 1000),
	CONSTRAINT "valid_voting_power" CHECK (voting_power BETWEEN 0 AND 5),
	CONSTRAINT "memberships_total_visits_nonnegative" CHECK (total_visits >= 0)
);
--> statement-breakpoint
CREATE TABLE "regional_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"policy_type" varchar(50) NOT NULL,
	"title" varchar(255) NOT NULL,
	"description" text,
	"proposed_changes" jsonb NOT NULL,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voting_closes_at" timestamp with time zone NOT NULL,
	"votes_for" numeric(12, 4) DEFAULT 0 NOT NULL,
	"votes_against" numeric(12, 4) DEFAULT 0 NOT NULL,
	"status" varchar(50) DEFAULT 'voting' NOT NULL,
	"outcome_reason" text,
	"decided_at" timestamp with time zone,
	"implemented_at" timestamp with time zone,
	CONSTRAINT "valid_policy_voting_window" CHECK (voting_closes_at > proposed_at),
	CONSTRAINT "policy_votes_for_nonnegative" CHECK (votes_for >= 0),
	CONSTRAINT "policy_votes_against_nonnegative" CHECK (votes_against >= 0),
	CONSTRAINT "valid_policy_status" CHECK (status IN ('voting', 'passed', 'rejected', 'implemented'))
);
--> statement-breakpoint
CREATE TABLE "regional_policy_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"policy_id" uuid NOT NULL,
	"voter_id" uuid NOT NULL,
	"support" boolean NOT NULL,
	"weight" numeric(5, 4) DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_vote_per_policy" UNIQUE("policy_id","voter_id"),
	CONSTRAINT "valid_policy_vote_weight" CHECK (weight BETWEEN 0 AND 5)
);
--> statement-breakpoint
CREATE TABLE "regional_treasury_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"before_balance" bigint NOT NULL,
	"after_balance" bigint NOT NULL,
	"delta" bigint NOT NULL,
	"cause_type" "region_treasury_cause_type" NOT NULL,
	"cause_id" uuid,
	"reason" varchar(500),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "treasury_entry_balance_arithmetic" CHECK (after_balance = before_balance + delta),
	CONSTRAINT "treasury_entry_nonnegative" CHECK (before_balance >= 0 AND after_balance >= 0)
);
--> statement-breakpoint
CREATE TABLE "regional_treaties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_a_id" uuid NOT NULL,
	"region_b_id" uuid NOT NULL,
	"treaty_type" varchar(50) NOT NULL,
	"terms" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" varchar(50) DEFAULT 'proposed' NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"signed_at" timestamp with time zone GENERATED ALWAYS AS (accepted_at) STORED,
	"expires_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unique_treaty" UNIQUE("region_a_id","region_b_id","treaty_type"),
	CONSTRAINT "treaty_distinct_regions" CHECK (region_a_id <> region_b_id),
	CONSTRAINT "valid_treaty_type" CHECK (treaty_type IN ('trade_agreement', 'defense_pact', 'non_aggression', 'cultural_exchange')),
	CONSTRAINT "valid_treaty_status" CHECK (status IN ('proposed', 'active', 'rejected', 'terminated', 'expired')),
	CONSTRAINT "treaty_accepted_at_when_accepted" CHECK (status NOT IN ('active', 'terminated', 'expired') OR accepted_at IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "regional_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"election_id" uuid NOT NULL,
	"voter_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"weight" numeric(5, 4) DEFAULT 1 NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "one_vote_per_election" UNIQUE("election_id","voter_id"),
	CONSTRAINT "valid_vote_weight" CHECK (weight BETWEEN 0 AND 5)
);
--> statement-breakpoint
CREATE TABLE "billing_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"paypal_subscription_id" varchar(255) NOT NULL,
	"plan" text NOT NULL,
	"player_id" uuid NOT NULL,
	"region_id" uuid,
	"region_name" varchar(255),
	"size_tier" varchar(20),
	"status" text DEFAULT 'APPROVAL_PENDING' NOT NULL,
	"status_updated_at" timestamp with time zone,
	"payment_failure_count" integer DEFAULT 0 NOT NULL,
	"last_payment_at" timestamp with time zone,
	"next_billing_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_billing_subscriptions_paypal_id" UNIQUE("paypal_subscription_id"),
	CONSTRAINT "valid_billing_plan" CHECK (plan IN ('regional_owner', 'galactic_citizen')),
	CONSTRAINT "valid_billing_status" CHECK (status IN ('APPROVAL_PENDING', 'APPROVED', 'ACTIVE', 'SUSPENDED', 'CANCELLED', 'EXPIRED')),
	CONSTRAINT "valid_billing_size_tier" CHECK (size_tier IS NULL OR size_tier IN ('standard', 'premium', 'mega')),
	CONSTRAINT "billing_payment_failure_count_nonnegative" CHECK (payment_failure_count >= 0),
	CONSTRAINT "billing_regional_owner_names_region" CHECK (plan <> 'regional_owner' OR region_id IS NOT NULL OR region_name IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "processed_webhook_events" (
	"event_id" varchar(255) PRIMARY KEY NOT NULL,
	"event_type" varchar(100) NOT NULL,
	"resource_id" varchar(255),
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clusters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"cluster_number" integer NOT NULL,
	"name" varchar(200) NOT NULL,
	"cluster_type" "cluster_type" DEFAULT 'STANDARD' NOT NULL,
	"sector_count" integer DEFAULT 0 NOT NULL,
	"is_discovered" boolean DEFAULT false NOT NULL,
	"is_hidden" boolean DEFAULT false NOT NULL,
	"discovery_requirement" jsonb,
	"stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"economic_value" integer DEFAULT 0 NOT NULL,
	"controlling_faction" text,
	"faction_influence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"resources" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"economic_focus" text[] DEFAULT '{}'::text[] NOT NULL,
	"nav_hazards" text[] DEFAULT '{}'::text[] NOT NULL,
	"recommended_ship_class" text,
	"x" integer DEFAULT 0 NOT NULL,
	"y" integer DEFAULT 0 NOT NULL,
	"z" integer DEFAULT 0 NOT NULL,
	"special_features" text[] DEFAULT '{}'::text[] NOT NULL,
	"nebula_type" text,
	"quantum_field_strength" real,
	"color_hex" varchar(7),
	"warp_stability" real DEFAULT 1 NOT NULL,
	"max_warps" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clusters_cluster_number_positive" CHECK (cluster_number >= 1),
	CONSTRAINT "clusters_sector_count_nonnegative" CHECK (sector_count >= 0),
	CONSTRAINT "clusters_economic_value_range" CHECK (economic_value BETWEEN 0 AND 100),
	CONSTRAINT "clusters_warp_stability_range" CHECK (warp_stability BETWEEN 0 AND 1)
);
--> statement-breakpoint
CREATE TABLE "generation_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"region_id" uuid,
	"cluster_number" integer,
	"seed" bigint NOT NULL,
	"force" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"stage" text,
	"percent" integer DEFAULT 0 NOT NULL,
	"error" jsonb,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "valid_generation_job_kind" CHECK (kind IN ('nexus', 'terran', 'cluster', 'region')),
	CONSTRAINT "valid_generation_job_status" CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
	CONSTRAINT "valid_generation_job_percent" CHECK (percent BETWEEN 0 AND 100),
	CONSTRAINT "generation_job_cluster_number_positive" CHECK (cluster_number IS NULL OR cluster_number >= 1)
);
--> statement-breakpoint
CREATE TABLE "planets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"sector_id" integer NOT NULL,
	"name" varchar(200) NOT NULL,
	"planet_type" text DEFAULT 'TERRAN' NOT NULL,
	"habitability" smallint DEFAULT 50 NOT NULL,
	"population" bigint DEFAULT 0 NOT NULL,
	"max_population" bigint DEFAULT 0 NOT NULL,
	"is_population_hub" boolean DEFAULT false NOT NULL,
	"owner_player_id" uuid,
	"citadel_level" smallint DEFAULT 0 NOT NULL,
	"transport_prepaid" boolean DEFAULT false NOT NULL,
	"termination_compensated_at" timestamp with time zone,
	"resources" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "planets_habitability_range" CHECK (habitability BETWEEN 0 AND 100),
	CONSTRAINT "planets_population_nonnegative" CHECK (population >= 0 AND max_population >= 0),
	CONSTRAINT "planets_citadel_level_range" CHECK (citadel_level BETWEEN 0 AND 5)
);
--> statement-breakpoint
CREATE TABLE "sector_warps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"from_sector_id" integer NOT NULL,
	"to_sector_id" integer NOT NULL,
	"is_bidirectional" boolean DEFAULT true NOT NULL,
	"is_latent" boolean DEFAULT false NOT NULL,
	"turn_cost" smallint DEFAULT 1 NOT NULL,
	"warp_stability" real DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sector_warps_not_self" CHECK (from_sector_id <> to_sector_id),
	CONSTRAINT "sector_warps_turn_cost_positive" CHECK (turn_cost >= 1),
	CONSTRAINT "sector_warps_warp_stability_range" CHECK (warp_stability BETWEEN 0 AND 1)
);
--> statement-breakpoint
CREATE TABLE "sectors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sector_id" integer NOT NULL,
	"sector_number" integer NOT NULL,
	"region_id" uuid NOT NULL,
	"cluster_id" uuid NOT NULL,
	"zone_id" uuid,
	"name" varchar(100),
	"is_capital" boolean DEFAULT false NOT NULL,
	"security_level" smallint DEFAULT 5 NOT NULL,
	"development_level" smallint DEFAULT 1 NOT NULL,
	"traffic_level" smallint DEFAULT 1 NOT NULL,
	"hazard_level" smallint DEFAULT 5 NOT NULL,
	"sector_type" text DEFAULT 'STANDARD' NOT NULL,
	"is_nexus_protected" boolean DEFAULT false NOT NULL,
	"is_outlaw_zone" boolean DEFAULT false NOT NULL,
	"is_npc_barracks_sector" boolean DEFAULT false NOT NULL,
	"special_features" text[] DEFAULT '{}'::text[] NOT NULL,
	"resources" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"x" integer DEFAULT 0 NOT NULL,
	"y" integer DEFAULT 0 NOT NULL,
	"z" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_sectors_sector_id" UNIQUE("sector_id"),
	CONSTRAINT "sectors_sector_id_positive" CHECK (sector_id >= 1),
	CONSTRAINT "sectors_sector_number_positive" CHECK (sector_number >= 1),
	CONSTRAINT "sectors_security_level_range" CHECK (security_level BETWEEN 0 AND 10),
	CONSTRAINT "sectors_development_level_range" CHECK (development_level BETWEEN 0 AND 10),
	CONSTRAINT "sectors_traffic_level_range" CHECK (traffic_level BETWEEN 0 AND 10),
	CONSTRAINT "sectors_hazard_level_range" CHECK (hazard_level BETWEEN 0 AND 10)
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"sector_id" integer NOT NULL,
	"name" varchar(200) NOT NULL,
	"station_class" smallint DEFAULT 1 NOT NULL,
	"station_type" text DEFAULT 'TRADING' NOT NULL,
	"is_starport_prime" boolean DEFAULT false NOT NULL,
	"tradedock_tier" varchar(1),
	"is_spacedock" boolean DEFAULT false NOT NULL,
	"security_tier" text DEFAULT 'basic' NOT NULL,
	"transient_slips" integer DEFAULT 0 NOT NULL,
	"long_term_slips" integer DEFAULT 0 NOT NULL,
	"owner_player_id" uuid,
	"relocation_prepaid" boolean DEFAULT false NOT NULL,
	"commodities" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"services" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stations_station_class_range" CHECK (station_class BETWEEN 0 AND 11),
	CONSTRAINT "stations_tradedock_tier_valid" CHECK (tradedock_tier IS NULL OR tradedock_tier IN ('A', 'B')),
	CONSTRAINT "stations_security_tier_valid" CHECK (security_tier IN ('none', 'basic', 'standard', 'premium')),
	CONSTRAINT "stations_slips_nonnegative" CHECK (transient_slips >= 0 AND long_term_slips >= 0)
);
--> statement-breakpoint
CREATE TABLE "warp_tunnels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_region_id" uuid NOT NULL,
	"from_sector_id" integer NOT NULL,
	"to_region_id" uuid NOT NULL,
	"to_sector_id" integer NOT NULL,
	"tunnel_type" text DEFAULT 'NATURAL' NOT NULL,
	"is_bidirectional" boolean DEFAULT true NOT NULL,
	"is_latent" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"idempotency_key" varchar(120),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_warp_tunnels_idempotency_key" UNIQUE("idempotency_key"),
	CONSTRAINT "valid_tunnel_type" CHECK (tunnel_type IN ('NATURAL', 'ARTIFICIAL')),
	CONSTRAINT "valid_tunnel_status" CHECK (status IN ('active', 'inactive', 'collapsed')),
	CONSTRAINT "warp_tunnels_not_self" CHECK (NOT (from_region_id = to_region_id AND from_sector_id = to_sector_id))
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"name" varchar(200) NOT NULL,
	"zone_type" "zone_type" NOT NULL,
	"start_sector" integer NOT NULL,
	"end_sector" integer NOT NULL,
	"policing_level" smallint DEFAULT 5 NOT NULL,
	"danger_rating" smallint DEFAULT 5 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "zones_start_sector_positive" CHECK (start_sector >= 1),
	CONSTRAINT "zones_end_after_start" CHECK (end_sector >= start_sector),
	CONSTRAINT "zones_policing_level_range" CHECK (policing_level BETWEEN 0 AND 10),
	CONSTRAINT "zones_danger_rating_range" CHECK (danger_rating BETWEEN 0 AND 10)
);
--> statement-breakpoint
CREATE TABLE "autoscale_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_id_snapshot" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"reason" text NOT NULL,
	"from_spec" jsonb,
	"to_spec" jsonb,
	"samples" jsonb,
	CONSTRAINT "valid_autoscale_action" CHECK (action IN ('scale_up', 'scale_down', 'hold'))
);
--> statement-breakpoint
CREATE TABLE "region_databases" (
	"region_id" uuid PRIMARY KEY NOT NULL,
	"region_name" text NOT NULL,
	"db_name" text NOT NULL,
	"role_name" text NOT NULL,
	"password" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dropped_at" timestamp with time zone,
	CONSTRAINT "uq_region_databases_db_name" UNIQUE("db_name"),
	CONSTRAINT "uq_region_databases_role_name" UNIQUE("role_name")
);
--> statement-breakpoint
CREATE TABLE "region_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_id_snapshot" uuid NOT NULL,
	"type" text NOT NULL,
	"reason" text NOT NULL,
	"message" text,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "players" ADD CONSTRAINT "players_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "players" ADD CONSTRAINT "players_home_region_id_regions_id_fk" FOREIGN KEY ("home_region_id") REFERENCES "public"."regions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "players" ADD CONSTRAINT "players_current_region_id_regions_id_fk" FOREIGN KEY ("current_region_id") REFERENCES "public"."regions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_owner_id_players_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_governor_id_players_id_fk" FOREIGN KEY ("governor_id") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_ambassador_id_players_id_fk" FOREIGN KEY ("ambassador_id") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "inter_regional_travels_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "inter_regional_travels_source_region_id_regions_id_fk" FOREIGN KEY ("source_region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "inter_regional_travels_destination_region_id_regions_id_fk" FOREIGN KEY ("destination_region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_invite_redemptions" ADD CONSTRAINT "region_invite_redemptions_invite_id_region_invites_id_fk" FOREIGN KEY ("invite_id") REFERENCES "public"."region_invites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_invite_redemptions" ADD CONSTRAINT "region_invite_redemptions_redeemed_by_player_id_players_id_fk" FOREIGN KEY ("redeemed_by_player_id") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_invites" ADD CONSTRAINT "region_invites_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_invites" ADD CONSTRAINT "region_invites_created_by_players_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_elections" ADD CONSTRAINT "regional_elections_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_elections" ADD CONSTRAINT "regional_elections_winner_id_players_id_fk" FOREIGN KEY ("winner_id") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_memberships" ADD CONSTRAINT "regional_memberships_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_memberships" ADD CONSTRAINT "regional_memberships_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD CONSTRAINT "regional_policies_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD CONSTRAINT "regional_policies_proposed_by_players_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_policy_votes" ADD CONSTRAINT "regional_policy_votes_policy_id_regional_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."regional_policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_policy_votes" ADD CONSTRAINT "regional_policy_votes_voter_id_players_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."players"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_treasury_entries" ADD CONSTRAINT "regional_treasury_entries_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_treaties" ADD CONSTRAINT "regional_treaties_region_a_id_regions_id_fk" FOREIGN KEY ("region_a_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_treaties" ADD CONSTRAINT "regional_treaties_region_b_id_regions_id_fk" FOREIGN KEY ("region_b_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_votes" ADD CONSTRAINT "regional_votes_election_id_regional_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."regional_elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_votes" ADD CONSTRAINT "regional_votes_voter_id_players_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."players"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_votes" ADD CONSTRAINT "regional_votes_candidate_id_players_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."players"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD CONSTRAINT "billing_subscriptions_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD CONSTRAINT "billing_subscriptions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planets" ADD CONSTRAINT "planets_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planets" ADD CONSTRAINT "planets_sector_id_sectors_sector_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("sector_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_warps" ADD CONSTRAINT "sector_warps_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_warps" ADD CONSTRAINT "sector_warps_from_sector_id_sectors_sector_id_fk" FOREIGN KEY ("from_sector_id") REFERENCES "public"."sectors"("sector_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_warps" ADD CONSTRAINT "sector_warps_to_sector_id_sectors_sector_id_fk" FOREIGN KEY ("to_sector_id") REFERENCES "public"."sectors"("sector_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sectors" ADD CONSTRAINT "sectors_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sectors" ADD CONSTRAINT "sectors_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sectors" ADD CONSTRAINT "sectors_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_sector_id_sectors_sector_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("sector_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warp_tunnels" ADD CONSTRAINT "warp_tunnels_from_region_id_regions_id_fk" FOREIGN KEY ("from_region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warp_tunnels" ADD CONSTRAINT "warp_tunnels_to_region_id_regions_id_fk" FOREIGN KEY ("to_region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_players_user_id" ON "players" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_players_name" ON "players" USING btree ("name");--> statement-breakpoint
CREATE INDEX "idx_players_current_region" ON "players" USING btree ("current_region_id");--> statement-breakpoint
CREATE INDEX "idx_players_home_region" ON "players" USING btree ("home_region_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_users_username" ON "users" USING btree ("username");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_users_email" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_regions_name_lower" ON "regions" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "uq_regions_one_platform_region_per_type" ON "regions" USING btree ("region_type") WHERE region_type IN ('central_nexus', 'terran_space');--> statement-breakpoint
CREATE INDEX "idx_regions_owner" ON "regions" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "idx_regions_status" ON "regions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_regions_subscription_status" ON "regions" USING btree ("subscription_status");--> statement-breakpoint
CREATE INDEX "idx_regions_status_subscription_status" ON "regions" USING btree ("status","subscription_status");--> statement-breakpoint
CREATE INDEX "idx_regions_desired_runtime_state" ON "regions" USING btree ("desired_state","runtime_state");--> statement-breakpoint
CREATE INDEX "idx_travels_player" ON "inter_regional_travels" USING btree ("player_id");--> statement-breakpoint
CREATE INDEX "idx_travels_source" ON "inter_regional_travels" USING btree ("source_region_id");--> statement-breakpoint
CREATE INDEX "idx_travels_destination" ON "inter_regional_travels" USING btree ("destination_region_id");--> statement-breakpoint
CREATE INDEX "idx_travels_status" ON "inter_regional_travels" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_travels_status_initiated" ON "inter_regional_travels" USING btree ("status","initiated_at");--> statement-breakpoint
CREATE INDEX "idx_invite_redemptions_invite" ON "region_invite_redemptions" USING btree ("invite_id");--> statement-breakpoint
CREATE INDEX "idx_invite_redemptions_redeemed_at" ON "region_invite_redemptions" USING btree ("redeemed_at");--> statement-breakpoint
CREATE INDEX "idx_region_invites_region" ON "region_invites" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "idx_region_invites_created_by" ON "region_invites" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "idx_elections_region" ON "regional_elections" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "idx_elections_status" ON "regional_elections" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_elections_position" ON "regional_elections" USING btree ("position");--> statement-breakpoint
CREATE INDEX "idx_elections_region_status" ON "regional_elections" USING btree ("region_id","status");--> statement-breakpoint
CREATE INDEX "idx_memberships_region" ON "regional_memberships" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "idx_memberships_type" ON "regional_memberships" USING btree ("membership_type");--> statement-breakpoint
CREATE INDEX "idx_memberships_region_type" ON "regional_memberships" USING btree ("region_id","membership_type");--> statement-breakpoint
CREATE INDEX "idx_memberships_player_last_visit" ON "regional_memberships" USING btree ("player_id","last_visit");--> statement-breakpoint
CREATE INDEX "idx_policies_region" ON "regional_policies" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "idx_policies_status" ON "regional_policies" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_policies_proposed_at" ON "regional_policies" USING btree ("proposed_at");--> statement-breakpoint
CREATE INDEX "idx_policies_region_status" ON "regional_policies" USING btree ("region_id","status");--> statement-breakpoint
CREATE INDEX "idx_policy_votes_policy" ON "regional_policy_votes" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "idx_policy_votes_voter" ON "regional_policy_votes" USING btree ("voter_id");--> statement-breakpoint
CREATE INDEX "idx_treasury_entries_region_at" ON "regional_treasury_entries" USING btree ("region_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_treaties_region_a" ON "regional_treaties" USING btree ("region_a_id");--> statement-breakpoint
CREATE INDEX "idx_treaties_region_b" ON "regional_treaties" USING btree ("region_b_id");--> statement-breakpoint
CREATE INDEX "idx_treaties_type" ON "regional_treaties" USING btree ("treaty_type");--> statement-breakpoint
CREATE INDEX "idx_votes_election" ON "regional_votes" USING btree ("election_id");--> statement-breakpoint
CREATE INDEX "idx_votes_voter" ON "regional_votes" USING btree ("voter_id");--> statement-breakpoint
CREATE INDEX "idx_billing_subscriptions_player" ON "billing_subscriptions" USING btree ("player_id");--> statement-breakpoint
CREATE INDEX "idx_billing_subscriptions_region" ON "billing_subscriptions" USING btree ("region_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_clusters_region_name" ON "clusters" USING btree ("region_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_clusters_region_cluster_number" ON "clusters" USING btree ("region_id","cluster_number");--> statement-breakpoint
CREATE INDEX "idx_generation_jobs_status" ON "generation_jobs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "idx_generation_jobs_created_at" ON "generation_jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idx_planets_sector" ON "planets" USING btree ("sector_id");--> statement-breakpoint
CREATE INDEX "idx_planets_region" ON "planets" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "idx_planets_owner" ON "planets" USING btree ("owner_player_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_sector_warps_from_to" ON "sector_warps" USING btree ("from_sector_id","to_sector_id");--> statement-breakpoint
CREATE INDEX "idx_sector_warps_to" ON "sector_warps" USING btree ("to_sector_id");--> statement-breakpoint
CREATE INDEX "idx_sector_warps_region" ON "sector_warps" USING btree ("region_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_sectors_region_sector_number" ON "sectors" USING btree ("region_id","sector_number");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_sectors_one_capital_per_region" ON "sectors" USING btree ("region_id") WHERE is_capital;--> statement-breakpoint
CREATE INDEX "idx_sectors_sector_number" ON "sectors" USING btree ("sector_number");--> statement-breakpoint
CREATE INDEX "idx_sectors_cluster_id" ON "sectors" USING btree ("cluster_id");--> statement-breakpoint
CREATE INDEX "idx_sectors_security_level" ON "sectors" USING btree ("security_level");--> statement-breakpoint
CREATE INDEX "idx_sectors_development_traffic" ON "sectors" USING btree ("development_level","traffic_level");--> statement-breakpoint
CREATE INDEX "idx_stations_sector" ON "stations" USING btree ("sector_id");--> statement-breakpoint
CREATE INDEX "idx_stations_region" ON "stations" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "idx_warp_tunnels_from" ON "warp_tunnels" USING btree ("from_region_id","from_sector_id");--> statement-breakpoint
CREATE INDEX "idx_warp_tunnels_to" ON "warp_tunnels" USING btree ("to_region_id","to_sector_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_zones_region_name" ON "zones" USING btree ("region_id","name");--> statement-breakpoint
CREATE INDEX "idx_autoscale_decisions_region_at" ON "autoscale_decisions" USING btree ("region_id_snapshot","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_region_events_region_at" ON "region_events" USING btree ("region_id_snapshot","at" DESC NULLS LAST);