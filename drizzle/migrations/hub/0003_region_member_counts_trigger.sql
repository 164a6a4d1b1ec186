-- Custom SQL migration (hand-written: drizzle cannot express triggers).
-- region_member_counts holds citizens / residents / visitors per region, kept in step with regional_memberships by
-- this trigger for EVERY writer (travel arrivals, invites, colony claims, owner edits), so regional stats and the
-- discovery sort by population read one row instead of counting a region's memberships.
CREATE OR REPLACE FUNCTION region_member_counts_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE region_member_counts
       SET citizens = citizens - (OLD.membership_type = 'citizen')::int,
           residents = residents - (OLD.membership_type = 'resident')::int,
           visitors = visitors - (OLD.membership_type = 'visitor')::int,
           updated_at = now()
     WHERE region_id = OLD.region_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO region_member_counts (region_id, citizens, residents, visitors)
    VALUES (NEW.region_id, (NEW.membership_type = 'citizen')::int, (NEW.membership_type = 'resident')::int,
            (NEW.membership_type = 'visitor')::int)
    ON CONFLICT (region_id) DO UPDATE
       SET citizens = region_member_counts.citizens + EXCLUDED.citizens,
           residents = region_member_counts.residents + EXCLUDED.residents,
           visitors = region_member_counts.visitors + EXCLUDED.visitors,
           updated_at = now();
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER trg_regional_memberships_counts
  AFTER INSERT OR DELETE OR UPDATE OF membership_type, region_id ON regional_memberships
  FOR EACH ROW EXECUTE FUNCTION region_member_counts_apply();
--> statement-breakpoint
INSERT INTO region_member_counts (region_id, citizens, residents, visitors)
SELECT region_id,
       count(*) FILTER (WHERE membership_type = 'citizen'),
       count(*) FILTER (WHERE membership_type = 'resident'),
       count(*) FILTER (WHERE membership_type = 'visitor')
  FROM regional_memberships GROUP BY region_id
ON CONFLICT (region_id) DO NOTHING;
