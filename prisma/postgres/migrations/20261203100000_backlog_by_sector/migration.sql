-- The dashboard's backlog by industry (decision 054): BacklogCount counts the open requests by
-- their NACE section too ("" for requests filed before the intake asked). The function of
-- 20261202040100_append_only_counts_and_search, with the sixth dimension.
INSERT INTO "BacklogCount" ("dimension", "value", "count")
SELECT 'sector', coalesce("sector", ''), COUNT(*) FROM "Request" WHERE "status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2;

CREATE OR REPLACE FUNCTION "BacklogCount_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') THEN
    UPDATE "BacklogCount" SET "count" = "count" - 1
    WHERE ("dimension", "value") IN (('status', OLD."status"::text), ('category', OLD."category"::text),
      ('urgency', OLD."urgency"::text), ('region', OLD."region"), ('cluster', coalesce(OLD."assignedClusterId", '')),
      ('sector', coalesce(OLD."sector", '')));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') THEN
    INSERT INTO "BacklogCount" ("dimension", "value", "count")
    VALUES ('status', NEW."status"::text, 1), ('category', NEW."category"::text, 1), ('urgency', NEW."urgency"::text, 1),
           ('region', NEW."region", 1), ('cluster', coalesce(NEW."assignedClusterId", ''), 1), ('sector', coalesce(NEW."sector", ''), 1)
    ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "BacklogCount"."count" + 1;
  END IF;
  RETURN NULL;
END;
$$;

DROP TRIGGER "BacklogCount_update" ON "Request";
CREATE TRIGGER "BacklogCount_update" AFTER UPDATE OF "status", "category", "urgency", "region", "assignedClusterId", "sector" ON "Request"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_keep"();
