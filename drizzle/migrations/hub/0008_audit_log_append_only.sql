-- Custom SQL migration (hand-written: drizzle cannot express triggers).
-- audit_log is append-only: who did what stays on record, so any UPDATE or DELETE is rejected.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed (entry %)', TG_OP, OLD.id
    USING ERRCODE = 'restrict_violation', CONSTRAINT = 'audit_log_append_only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER trg_audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
