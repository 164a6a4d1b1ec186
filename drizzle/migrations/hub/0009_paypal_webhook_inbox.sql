CREATE TABLE "paypal_webhook_inbox" (
	"event_id" varchar(255) PRIMARY KEY NOT NULL,
	"event_type" varchar(100) NOT NULL,
	"subscription_id" varchar(255),
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deliveries" integer DEFAULT 1 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"outcome" varchar(20),
	"processed_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	CONSTRAINT "paypal_webhook_inbox_attempts_nonnegative" CHECK (attempts >= 0 AND deliveries >= 1),
	CONSTRAINT "paypal_webhook_inbox_done_once" CHECK (processed_at IS NULL OR failed_at IS NULL)
);
--> statement-breakpoint
CREATE INDEX "idx_paypal_webhook_inbox_due" ON "paypal_webhook_inbox" USING btree ("next_attempt_at") WHERE processed_at IS NULL AND failed_at IS NULL;