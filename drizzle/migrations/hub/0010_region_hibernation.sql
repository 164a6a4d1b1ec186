ALTER TABLE "regions" DROP CONSTRAINT "valid_runtime_state";--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "hibernated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "tombstoned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "wake_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "valid_runtime_state" CHECK (runtime_state IN ('requested', 'provisioning', 'ready', 'unhealthy', 'draining', 'archiving', 'archived', 'terminated', 'error', 'attachment_pending', 'generation_corrupt', 'hibernated', 'waking', 'tombstoned'));