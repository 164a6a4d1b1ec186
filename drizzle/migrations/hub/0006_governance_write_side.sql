CREATE TABLE "regional_council_seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"seat_number" integer NOT NULL,
	"player_id" uuid NOT NULL,
	"election_id" uuid,
	"weight" numeric(12, 4) NOT NULL,
	"took_seat_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unique_council_seat" UNIQUE("region_id","seat_number"),
	CONSTRAINT "unique_councillor" UNIQUE("region_id","player_id"),
	CONSTRAINT "valid_council_seat_number" CHECK (seat_number BETWEEN 1 AND 9)
);
--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "council_seats" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "governance_type_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "regional_elections" ADD COLUMN "seats" integer;--> statement-breakpoint
ALTER TABLE "regional_elections" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "regional_elections" ADD COLUMN "ballot_root" varchar(64);--> statement-breakpoint
ALTER TABLE "regional_elections" ADD COLUMN "cancel_reason" varchar(50);--> statement-breakpoint
ALTER TABLE "regional_elections" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD COLUMN "decision_kind" varchar(20) DEFAULT 'referendum' NOT NULL;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD COLUMN "constitutional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD COLUMN "eligible_count" integer;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD COLUMN "quorum" integer;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD COLUMN "required_approval" numeric(4, 3);--> statement-breakpoint
ALTER TABLE "regional_policies" ADD COLUMN "signature_deadline_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD COLUMN "signed_by" uuid;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD COLUMN "applied_changes" jsonb;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD COLUMN "ballot_root" varchar(64);--> statement-breakpoint
ALTER TABLE "regional_policy_votes" ADD COLUMN "salt" varchar(64);--> statement-breakpoint
ALTER TABLE "regional_policy_votes" ADD COLUMN "receipt_hash" varchar(64);--> statement-breakpoint
ALTER TABLE "regional_votes" ADD COLUMN "salt" varchar(64);--> statement-breakpoint
ALTER TABLE "regional_votes" ADD COLUMN "receipt_hash" varchar(64);--> statement-breakpoint
ALTER TABLE "regional_council_seats" ADD CONSTRAINT "regional_council_seats_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_council_seats" ADD CONSTRAINT "regional_council_seats_player_id_players_id_fk" FOREIGN KEY ("player_id") REFERENCES "public"."players"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_council_seats" ADD CONSTRAINT "regional_council_seats_election_id_regional_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."regional_elections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_elections" ADD CONSTRAINT "regional_elections_created_by_players_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_policies" ADD CONSTRAINT "regional_policies_signed_by_players_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."players"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "uq_treaties_one_live_per_pair" ON "regional_treaties" USING btree (least("region_a_id", "region_b_id"),greatest("region_a_id", "region_b_id")) WHERE status IN ('proposed', 'active');--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "valid_council_seats" CHECK (council_seats BETWEEN 3 AND 9);--> statement-breakpoint
ALTER TABLE "regional_elections" ADD CONSTRAINT "valid_election_seats" CHECK (seats IS NULL OR seats BETWEEN 3 AND 9);--> statement-breakpoint
ALTER TABLE "regional_elections" ADD CONSTRAINT "election_council_has_seats" CHECK (position <> 'council_member' OR seats IS NOT NULL);--> statement-breakpoint
ALTER TABLE "regional_elections" ADD CONSTRAINT "election_cancel_reason_when_cancelled" CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL));--> statement-breakpoint
ALTER TABLE "regional_policies" ADD CONSTRAINT "valid_policy_decision_kind" CHECK (decision_kind IN ('referendum', 'council', 'owner_signature', 'decree', 'admin'));--> statement-breakpoint
ALTER TABLE "regional_policies" ADD CONSTRAINT "valid_policy_outcome_reason" CHECK (outcome_reason IS NULL OR outcome_reason IN ('no_quorum', 'below_threshold', 'vetoed', 'lapsed'));--> statement-breakpoint
ALTER TABLE "regional_policies" ADD CONSTRAINT "policy_signature_only_for_petitions" CHECK (signature_deadline_at IS NULL OR decision_kind = 'owner_signature');