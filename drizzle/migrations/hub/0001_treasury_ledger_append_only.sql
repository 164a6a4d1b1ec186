-- Custom SQL migration (hand-written: drizzle cannot express triggers).
-- regional_treasury_entries is an append-only ledger (docs/rules/governance.md "Treasury"): any UPDATE, and any DELETE while
-- the owning region still exists, is rejected. Rows may disappear only through the ON DELETE CASCADE
-- of their region (the cascade runs after the region row is gone, so the region lookup finds nothing).
CREATE OR REPLACE FUNCTION regional_treasury_entries_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'regional_treasury_entries is append-only: UPDATE is not allowed (entry %)', OLD.id
      USING ERRCODE = 'restrict_violation', CONSTRAINT = 'treasury_ledger_append_only';
  END IF;
  IF EXISTS (SELECT 1 FROM regions WHERE id = OLD.region_id) THEN
    RAISE EXCEPTION 'regional_treasury_entries is append-only: DELETE is not allowed (entry %)', OLD.id
      USING ERRCODE = 'restrict_violation', CONSTRAINT = 'treasury_ledger_append_only';
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER trg_regional_treasury_entries_append_only
  BEFORE UPDATE OR DELETE ON regional_treasury_entries
  FOR EACH ROW EXECUTE FUNCTION regional_treasury_entries_append_only();
