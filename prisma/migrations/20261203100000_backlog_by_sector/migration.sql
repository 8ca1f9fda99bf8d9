-- The dashboard's backlog by industry (decision 054): BacklogCount counts the open requests by
-- their NACE section too ("" for requests filed before the intake asked). The triggers of
-- 20261202030000_backlog_counts, with the sixth dimension.
INSERT INTO "BacklogCount" ("dimension", "value", "count")
SELECT 'sector', ifnull("sector", ''), COUNT(*) FROM "Request" WHERE "status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2;

DROP TRIGGER "BacklogCount_insert";
DROP TRIGGER "BacklogCount_delete";
DROP TRIGGER "BacklogCount_update";

CREATE TRIGGER "BacklogCount_insert" AFTER INSERT ON "Request"
WHEN new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  INSERT INTO "BacklogCount" ("dimension", "value", "count")
  VALUES ('status', new."status", 1), ('category', new."category", 1), ('urgency', new."urgency", 1), ('region', new."region", 1),
         ('cluster', ifnull(new."assignedClusterId", ''), 1), ('sector', ifnull(new."sector", ''), 1)
  ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "BacklogCount_delete" AFTER DELETE ON "Request"
WHEN old."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  UPDATE "BacklogCount" SET "count" = "count" - 1
  WHERE ("dimension" = 'status' AND "value" = old."status") OR ("dimension" = 'category' AND "value" = old."category")
     OR ("dimension" = 'urgency' AND "value" = old."urgency") OR ("dimension" = 'region' AND "value" = old."region")
     OR ("dimension" = 'cluster' AND "value" = ifnull(old."assignedClusterId", ''))
     OR ("dimension" = 'sector' AND "value" = ifnull(old."sector", ''));
END;

-- A change is the old request going and the new one coming (either may be closed work).
CREATE TRIGGER "BacklogCount_update" AFTER UPDATE OF "status", "category", "urgency", "region", "assignedClusterId", "sector" ON "Request"
WHEN old."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') OR new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  UPDATE "BacklogCount" SET "count" = "count" - 1
  WHERE old."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
    AND (("dimension" = 'status' AND "value" = old."status") OR ("dimension" = 'category' AND "value" = old."category")
      OR ("dimension" = 'urgency' AND "value" = old."urgency") OR ("dimension" = 'region' AND "value" = old."region")
      OR ("dimension" = 'cluster' AND "value" = ifnull(old."assignedClusterId", ''))
      OR ("dimension" = 'sector' AND "value" = ifnull(old."sector", '')));
  INSERT INTO "BacklogCount" ("dimension", "value", "count")
  SELECT "dimension", "value", 1 FROM (
    SELECT 'status' AS "dimension", new."status" AS "value" UNION ALL SELECT 'category', new."category" UNION ALL SELECT 'urgency', new."urgency"
    UNION ALL SELECT 'region', new."region" UNION ALL SELECT 'cluster', ifnull(new."assignedClusterId", '')
    UNION ALL SELECT 'sector', ifnull(new."sector", '')
  ) WHERE new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
  ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "count" + 1;
END;
