CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_username" varchar(50),
	"actor_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"action" varchar(100) NOT NULL,
	"target_type" varchar(50),
	"target_id" text,
	"region_id" uuid,
	"result" varchar(20) NOT NULL,
	"error_code" varchar(64),
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"request_id" varchar(128),
	CONSTRAINT "valid_audit_result" CHECK (result IN ('ok', 'denied', 'failed')),
	CONSTRAINT "audit_log_action_shape" CHECK (action ~ '^[a-z][a-zA-Z0-9]*\.[a-zA-Z][a-zA-Z0-9]*$')
);
--> statement-breakpoint
CREATE TABLE "auth_refresh_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone,
	CONSTRAINT "auth_refresh_tokens_hash_hex" CHECK (token_hash ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "auth_refresh_tokens_expiry_after_issue" CHECK (expires_at > issued_at)
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"device_id" varchar(64) NOT NULL,
	"device_label" varchar(200),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" varchar(30),
	CONSTRAINT "auth_sessions_expiry_after_creation" CHECK (expires_at > created_at),
	CONSTRAINT "auth_sessions_revocation_complete" CHECK ((revoked_at IS NULL AND revoked_reason IS NULL) OR (revoked_at IS NOT NULL AND revoked_reason IN ('logout', 'logout_all', 'reuse_detected', 'replaced', 'admin', 'expired')))
);
--> statement-breakpoint
CREATE TABLE "user_admin_scopes" (
	"user_id" uuid NOT NULL,
	"scope" varchar(50) NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"granted_by" uuid,
	CONSTRAINT "pk_user_admin_scopes" PRIMARY KEY("user_id","scope"),
	CONSTRAINT "valid_admin_scope" CHECK (scope IN ('galaxy:manage', 'fleet:manage', 'billing:view', 'audit:view', 'accounts:manage'))
);
--> statement-breakpoint
CREATE TABLE "user_credentials" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"password_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_credentials_argon2id" CHECK (password_hash LIKE '$argon2id$%')
);
--> statement-breakpoint
ALTER TABLE "players" ALTER COLUMN "credits" SET DEFAULT 1000;--> statement-breakpoint
ALTER TABLE "auth_refresh_tokens" ADD CONSTRAINT "auth_refresh_tokens_session_id_auth_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."auth_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_admin_scopes" ADD CONSTRAINT "user_admin_scopes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_credentials" ADD CONSTRAINT "user_credentials_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idx_audit_log_at" ON "audit_log" USING btree ("at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_audit_log_actor_at" ON "audit_log" USING btree ("actor_user_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_audit_log_region_at" ON "audit_log" USING btree ("region_id","at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "idx_audit_log_action_at" ON "audit_log" USING btree ("action","at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "uq_auth_refresh_tokens_hash" ON "auth_refresh_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "idx_auth_refresh_tokens_session" ON "auth_refresh_tokens" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "uq_auth_sessions_live_device" ON "auth_sessions" USING btree ("user_id","device_id") WHERE revoked_at IS NULL;--> statement-breakpoint
CREATE INDEX "idx_auth_sessions_user" ON "auth_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "idx_auth_sessions_revoked_at" ON "auth_sessions" USING btree ("revoked_at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_email_lowercase" CHECK (email IS NULL OR email = lower(email));