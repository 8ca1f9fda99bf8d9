-- The open requests (NEW, TRIAGED, NEEDS_INFO, ASSIGNED, IN_PROGRESS: OPEN_STATUSES) counted by
-- status, category, urgency, region and cluster ("" for none): the dashboard's backlog without
-- reading every open request (decision 043). Triggers keep the counts in the same transaction
-- as every insert, change and removal of a request, whoever writes it; a dimension's value
-- that no open request has any more keeps its row with a count of 0.
CREATE TABLE "BacklogCount" (
    "dimension" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("dimension", "value")
);

INSERT INTO "BacklogCount" ("dimension", "value", "count")
SELECT 'status', "status", COUNT(*) FROM "Request" WHERE "status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2
UNION ALL
SELECT 'category', "category", COUNT(*) FROM "Request" WHERE "status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2
UNION ALL
SELECT 'urgency', "urgency", COUNT(*) FROM "Request" WHERE "status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2
UNION ALL
SELECT 'region', "region", COUNT(*) FROM "Request" WHERE "status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2
UNION ALL
SELECT 'cluster', ifnull("assignedClusterId", ''), COUNT(*) FROM "Request" WHERE "status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2;

CREATE TRIGGER "BacklogCount_insert" AFTER INSERT ON "Request"
WHEN new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  INSERT INTO "BacklogCount" ("dimension", "value", "count")
  VALUES ('status', new."status", 1), ('category', new."category", 1), ('urgency', new."urgency", 1), ('region', new."region", 1),
         ('cluster', ifnull(new."assignedClusterId", ''), 1)
  ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "BacklogCount_delete" AFTER DELETE ON "Request"
WHEN old."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  UPDATE "BacklogCount" SET "count" = "count" - 1
  WHERE ("dimension" = 'status' AND "value" = old."status") OR ("dimension" = 'category' AND "value" = old."category")
     OR ("dimension" = 'urgency' AND "value" = old."urgency") OR ("dimension" = 'region' AND "value" = old."region")
     OR ("dimension" = 'cluster' AND "value" = ifnull(old."assignedClusterId", ''));
END;

-- A change is the old request going and the new one coming (either may be closed work).
CREATE TRIGGER "BacklogCount_update" AFTER UPDATE OF "status", "category", "urgency", "region", "assignedClusterId" ON "Request"
WHEN old."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') OR new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  UPDATE "BacklogCount" SET "count" = "count" - 1
  WHERE old."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
    AND (("dimension" = 'status' AND "value" = old."status") OR ("dimension" = 'category' AND "value" = old."category")
      OR ("dimension" = 'urgency' AND "value" = old."urgency") OR ("dimension" = 'region' AND "value" = old."region")
      OR ("dimension" = 'cluster' AND "value" = ifnull(old."assignedClusterId", '')));
  INSERT INTO "BacklogCount" ("dimension", "value", "count")
  SELECT "dimension", "value", 1 FROM (
    SELECT 'status' AS "dimension", new."status" AS "value" UNION ALL SELECT 'category', new."category" UNION ALL SELECT 'urgency', new."urgency"
    UNION ALL SELECT 'region', new."region" UNION ALL SELECT 'cluster', ifnull(new."assignedClusterId", '')
  ) WHERE new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
  ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "count" + 1;
END;

-- The rest of the backlog is counted at the moment it is asked for: overdue from (status,
-- nextDueAt), ages from (status, createdAt). The wide index the backlog was grouped from before
-- serves nothing else.
DROP INDEX "Request_status_category_urgency_region_assignedClusterId_nextDueAt_createdAt_idx";
CREATE INDEX "Request_status_nextDueAt_idx" ON "Request"("status", "nextDueAt");
