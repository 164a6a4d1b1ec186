-- Terminations already under way before termination_origin existed: a region terminated by the billing
-- sweep has status 'terminated'; an immediate (admin-only) termination has its evacuation deadline at the
-- request time; every other one was started with the 30-day notice, which owners use.
UPDATE "regions" SET "termination_origin" = CASE
    WHEN "status" = 'terminated' THEN 'billing'
    WHEN "evacuation_deadline_at" IS NOT NULL AND "termination_requested_at" IS NOT NULL AND "evacuation_deadline_at" <= "termination_requested_at" THEN 'admin'
    ELSE 'owner'
  END
WHERE "desired_state" = 'terminated' AND "termination_origin" IS NULL;
