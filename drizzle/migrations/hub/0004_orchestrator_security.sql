CREATE TABLE "billing_cancellations" (
	"paypal_subscription_id" varchar(255) PRIMARY KEY NOT NULL,
	"region_id" uuid,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"completed_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "valid_billing_cancellation_reason" CHECK (reason IN ('region_terminated', 'activation_refused')),
	CONSTRAINT "valid_billing_cancellation_outcome" CHECK (outcome IS NULL OR outcome IN ('cancelled', 'already_inactive', 'unknown_at_paypal')),
	CONSTRAINT "billing_cancellation_attempts_nonnegative" CHECK (attempts >= 0),
	CONSTRAINT "billing_cancellation_completion" CHECK ((completed_at IS NULL) = (outcome IS NULL))
);
--> statement-breakpoint
ALTER TABLE "region_databases" ALTER COLUMN "password" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "termination_origin" text;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD COLUMN "activation_refused_reason" text;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD COLUMN "activation_refused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "region_databases" ADD COLUMN "password_ciphertext" text;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "valid_termination_origin" CHECK (termination_origin IS NULL OR termination_origin IN ('owner', 'admin', 'billing'));--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD CONSTRAINT "valid_activation_refused_reason" CHECK (activation_refused_reason IS NULL OR activation_refused_reason IN ('plan_mismatch', 'name_invalid', 'name_taken', 'limit_reached'));--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD CONSTRAINT "billing_activation_refusal_complete" CHECK ((activation_refused_reason IS NULL) = (activation_refused_at IS NULL));--> statement-breakpoint
ALTER TABLE "region_databases" ADD CONSTRAINT "region_databases_password_stored" CHECK (password IS NOT NULL OR password_ciphertext IS NOT NULL);