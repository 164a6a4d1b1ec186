CREATE TABLE "region_config_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"via" varchar(20) NOT NULL,
	"actor_player_id" uuid,
	"actor_name" varchar(100),
	"policy_id" uuid,
	"changes" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "uq_region_config_versions_region_version" UNIQUE("region_id","version"),
	CONSTRAINT "valid_config_change_via" CHECK (via IN ('decree', 'owner', 'admin', 'policy')),
	CONSTRAINT "config_version_positive" CHECK (version >= 2),
	CONSTRAINT "config_policy_id_iff_policy" CHECK ((via = 'policy') = (policy_id IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "region_member_counts" (
	"region_id" uuid PRIMARY KEY NOT NULL,
	"citizens" integer DEFAULT 0 NOT NULL,
	"residents" integer DEFAULT 0 NOT NULL,
	"visitors" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_member_counts_nonnegative" CHECK (citizens >= 0 AND residents >= 0 AND visitors >= 0)
);
--> statement-breakpoint
CREATE TABLE "region_world_stats" (
	"region_id" uuid PRIMARY KEY NOT NULL,
	"sectors" integer NOT NULL,
	"clusters" integer NOT NULL,
	"ports" integer NOT NULL,
	"planets" integer NOT NULL,
	"warps" integer NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_world_stats_nonnegative" CHECK (sectors >= 0 AND clusters >= 0 AND ports >= 0 AND planets >= 0 AND warps >= 0)
);
--> statement-breakpoint
CREATE TABLE "starting_package_grants" (
	"player_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"credits" integer NOT NULL,
	"starting_ship" varchar(50) NOT NULL,
	"via" varchar(20) NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pk_starting_package_grants" PRIMARY KEY("player_id","region_id"),
	CONSTRAINT "valid_starting_package_via" CHECK (via IN ('invite', 'immigration')),
	CONSTRAINT "starting_package_credits_nonnegative" CHECK (credits >= 0)
);
--> statement-breakpoint
CREATE TABLE "travel_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"travel_id" uuid NOT NULL,
	"region_id" uuid NOT NULL,
	"kind" varchar(30) NOT NULL,
	"reason_code" varchar(64),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "valid_travel_event_kind" CHECK (kind IN ('entry_requested', 'departed', 'arrived', 'refused', 'cancelled', 'diverted'))
);
--> statement-breakpoint
CREATE TABLE "travel_legs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"travel_id" uuid NOT NULL,
	"leg_index" smallint NOT NULL,
	"kind" varchar(20) NOT NULL,
	"from_region_id" uuid NOT NULL,
	"from_sector_number" integer NOT NULL,
	"to_region_id" uuid NOT NULL,
	"to_sector_number" integer NOT NULL,
	"status" varchar(20) DEFAULT 'pending' NOT NULL,
	"started_at" timestamp with time zone,
	"eta_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "uq_travel_legs_travel_index" UNIQUE("travel_id","leg_index"),
	CONSTRAINT "valid_travel_leg_kind" CHECK (kind IN ('to_spoke', 'spoke_to_nexus', 'to_capital', 'nexus_to_spoke')),
	CONSTRAINT "valid_travel_leg_status" CHECK (status IN ('pending', 'in_transit', 'done', 'aborted')),
	CONSTRAINT "travel_leg_running_has_eta" CHECK (status <> 'in_transit' OR (started_at IS NOT NULL AND eta_at IS NOT NULL)),
	CONSTRAINT "travel_leg_done_has_time" CHECK (status <> 'done' OR completed_at IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "inter_regional_travels" DROP CONSTRAINT "valid_travel_status";--> statement-breakpoint
ALTER TABLE "regional_treaties" DROP CONSTRAINT "valid_treaty_type";--> statement-breakpoint
DROP INDEX "idx_travels_destination";--> statement-breakpoint
DROP INDEX "idx_travels_status";--> statement-breakpoint
DROP INDEX "idx_travels_player";--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ALTER COLUMN "travel_method" SET DEFAULT 'platform_gate';--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ALTER COLUMN "status" SET DEFAULT 'requested';--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "motto" varchar(200);--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "tariff_rate" numeric(5, 4) DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "immigration_policy" varchar(20) DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "max_visitors" integer;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "visitor_entry_fee" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "config_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "intent" varchar(20) DEFAULT 'visit' NOT NULL;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "origin_sector_number" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "landing_sector_number" integer;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "leg_count" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "current_leg" smallint;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "reason_code" varchar(64);--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "approval" varchar(10) DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "decided_by_player_id" uuid;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "ended_region_id" uuid;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "ended_sector_number" integer;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "presence_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "region_config_versions" ADD CONSTRAINT "region_config_versions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_config_versions" ADD CONSTRAINT "region_config_versions_actor_player_id_players_id_fk" FOREIGN KEY ("actor_player_id") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_member_counts" ADD CONSTRAINT "region_member_counts_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "region_world_stats" ADD CONSTRAINT "region_world_stats_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "starting_package_grants" ADD CONSTRAINT "starting_package_grants_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "starting_package_grants" ADD CONSTRAINT "starting_package_grants_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_events" ADD CONSTRAINT "travel_events_travel_id_inter_regional_travels_id_fk" FOREIGN KEY ("travel_id") REFERENCES "public"."inter_regional_travels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_events" ADD CONSTRAINT "travel_events_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_legs" ADD CONSTRAINT "travel_legs_travel_id_inter_regional_travels_id_fk" FOREIGN KEY ("travel_id") REFERENCES "public"."inter_regional_travels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_travel_events_region" ON "travel_events" USING btree ("region_id","id");--> statement-breakpoint
CREATE INDEX "idx_travel_events_unpublished" ON "travel_events" USING btree ("id") WHERE published_at IS NULL;--> statement-breakpoint
CREATE INDEX "idx_travel_legs_due" ON "travel_legs" USING btree ("eta_at") WHERE status = 'in_transit';--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "inter_regional_travels_decided_by_player_id_players_id_fk" FOREIGN KEY ("decided_by_player_id") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "inter_regional_travels_ended_region_id_regions_id_fk" FOREIGN KEY ("ended_region_id") REFERENCES "public"."regions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_travels_destination_status" ON "inter_regional_travels" USING btree ("destination_region_id","status");--> statement-breakpoint
CREATE INDEX "idx_travels_presence_owed" ON "inter_regional_travels" USING btree ("updated_at") WHERE presence_synced_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_travels_one_open_per_player" ON "inter_regional_travels" USING btree ("player_id") WHERE status IN ('requested', 'in_transit');--> statement-breakpoint
CREATE INDEX "idx_memberships_region_last_visit" ON "regional_memberships" USING btree ("region_id","last_visit");--> statement-breakpoint
CREATE INDEX "idx_travels_player" ON "inter_regional_travels" USING btree ("player_id","initiated_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "valid_tariff_rate" CHECK (tariff_rate BETWEEN 0 AND 0.25);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "valid_immigration_policy" CHECK (immigration_policy IN ('open', 'approval', 'closed'));--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "valid_max_visitors" CHECK (max_visitors IS NULL OR max_visitors BETWEEN 1 AND 100000);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "valid_visitor_entry_fee" CHECK (visitor_entry_fee BETWEEN 0 AND 10000);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "valid_config_version" CHECK (config_version >= 1);--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "valid_economic_specialization" CHECK (economic_specialization IS NULL OR economic_specialization IN ('balanced', 'mining', 'manufacturing', 'agriculture', 'trade', 'research', 'tourism', 'military'));--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "valid_starting_ship" CHECK (starting_ship IN ('scout', 'light_freighter', 'fast_courier', 'cargo_hauler', 'defender', 'colony_ship'));--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "valid_travel_intent" CHECK (intent IN ('visit', 'immigrate'));--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "valid_travel_approval" CHECK (approval IN ('none', 'approved', 'denied'));--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "travel_completed_iff_ended" CHECK ((status IN ('requested', 'in_transit')) = (completed_at IS NULL));--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "travel_reason_when_not_arrived" CHECK (status NOT IN ('refused', 'cancelled', 'diverted') OR reason_code IS NOT NULL);--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "travel_end_position_when_ended" CHECK (status NOT IN ('arrived', 'diverted') OR ended_region_id IS NOT NULL);--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "travel_leg_count_range" CHECK (leg_count BETWEEN 0 AND 8 AND (current_leg IS NULL OR current_leg BETWEEN 0 AND leg_count - 1));--> statement-breakpoint
ALTER TABLE "inter_regional_travels" ADD CONSTRAINT "valid_travel_status" CHECK (status IN ('requested', 'in_transit', 'arrived', 'refused', 'cancelled', 'diverted'));--> statement-breakpoint
ALTER TABLE "regional_treaties" ADD CONSTRAINT "valid_treaty_type" CHECK (treaty_type IN ('trade_agreement', 'defense_pact', 'non_aggression', 'cultural_exchange', 'open_borders'));