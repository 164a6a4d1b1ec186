CREATE TYPE "public"."cluster_type" AS ENUM('STANDARD', 'RESOURCE_RICH', 'POPULATION_CENTER', 'TRADE_HUB', 'MILITARY_ZONE', 'FRONTIER_OUTPOST', 'CONTESTED', 'SPECIAL_INTEREST');--> statement-breakpoint
CREATE TYPE "public"."zone_type" AS ENUM('EXPANSE', 'FEDERATION', 'BORDER', 'FRONTIER');--> statement-breakpoint
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
CREATE TABLE "presence" (
	"player_id" uuid PRIMARY KEY NOT NULL,
	"sector_number" integer NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "presence_sector_number_positive" CHECK (sector_number >= 1)
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
ALTER TABLE "planets" ADD CONSTRAINT "planets_sector_id_sectors_sector_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("sector_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_warps" ADD CONSTRAINT "sector_warps_from_sector_id_sectors_sector_id_fk" FOREIGN KEY ("from_sector_id") REFERENCES "public"."sectors"("sector_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sector_warps" ADD CONSTRAINT "sector_warps_to_sector_id_sectors_sector_id_fk" FOREIGN KEY ("to_sector_id") REFERENCES "public"."sectors"("sector_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sectors" ADD CONSTRAINT "sectors_cluster_id_clusters_id_fk" FOREIGN KEY ("cluster_id") REFERENCES "public"."clusters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sectors" ADD CONSTRAINT "sectors_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_sector_id_sectors_sector_id_fk" FOREIGN KEY ("sector_id") REFERENCES "public"."sectors"("sector_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_clusters_region_name" ON "clusters" USING btree ("region_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_clusters_region_cluster_number" ON "clusters" USING btree ("region_id","cluster_number");--> statement-breakpoint
CREATE INDEX "idx_planets_sector" ON "planets" USING btree ("sector_id");--> statement-breakpoint
CREATE INDEX "idx_planets_region" ON "planets" USING btree ("region_id");--> statement-breakpoint
CREATE INDEX "idx_planets_owner" ON "planets" USING btree ("owner_player_id");--> statement-breakpoint
CREATE INDEX "idx_presence_sector_number" ON "presence" USING btree ("sector_number");--> statement-breakpoint
CREATE INDEX "idx_presence_last_seen_at" ON "presence" USING btree ("last_seen_at");--> statement-breakpoint
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
CREATE UNIQUE INDEX "uq_zones_region_name" ON "zones" USING btree ("region_id","name");