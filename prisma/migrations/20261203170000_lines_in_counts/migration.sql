-- Counting lines where the question is about clusters (issue #17, decision 055).
--
-- 1. The weekly report replays each line from the changes that name it: the covering index of a
--    request's changes gains the line.
DROP INDEX "RequestEvent_requestId_createdAt_toStatus_action_fromStatus_clusterId_idx";
CREATE INDEX "RequestEvent_requestId_createdAt_toStatus_action_fromStatus_clusterId_lineId_idx" ON "RequestEvent"("requestId", "createdAt", "toStatus", "action", "fromStatus", "clusterId", "lineId");

-- 2. A cluster's lines with their request, from the index alone: the queue's cluster filter and a
--    member's scope read them as `id IN (…)`.
DROP INDEX "RequestLine_clusterId_status_idx";
CREATE INDEX "RequestLine_clusterId_status_requestId_idx" ON "RequestLine"("clusterId", "status", "requestId");

-- 3. The queue's "no cluster yet": how many of a request's lines still wait for a cluster, kept by
--    the executor from its lines, with the request's cluster and status in one index.
ALTER TABLE "Request" ADD COLUMN "waitingLines" INTEGER NOT NULL DEFAULT 0;
UPDATE "Request" SET "waitingLines" = w."count"
FROM (SELECT "requestId", COUNT(*) AS "count" FROM "RequestLine" WHERE "status" = 'OPEN' GROUP BY "requestId") w WHERE w."requestId" = "Request"."id";
DROP INDEX "Request_assignedClusterId_status_idx";
CREATE INDEX "Request_assignedClusterId_status_waitingLines_idx" ON "Request"("assignedClusterId", "status", "waitingLines");

-- 4. BacklogCount's "cluster" dimension counts the open requests' lines still in work or waiting
--    for a cluster ("" for those waiting), kept by triggers on RequestLine and on the request's
--    status; the other dimensions still count requests (the triggers of 20261203100000_backlog_by_sector
--    without the cluster).
DELETE FROM "BacklogCount" WHERE "dimension" = 'cluster';
INSERT INTO "BacklogCount" ("dimension", "value", "count")
SELECT 'cluster', ifnull(l."clusterId", ''), COUNT(*) FROM "RequestLine" l JOIN "Request" r ON r."id" = l."requestId"
WHERE r."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') AND l."status" IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2;

DROP TRIGGER "BacklogCount_insert";
DROP TRIGGER "BacklogCount_delete";
DROP TRIGGER "BacklogCount_update";

CREATE TRIGGER "BacklogCount_insert" AFTER INSERT ON "Request"
WHEN new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  INSERT INTO "BacklogCount" ("dimension", "value", "count")
  VALUES ('status', new."status", 1), ('category', new."category", 1), ('urgency', new."urgency", 1), ('region', new."region", 1),
         ('sector', ifnull(new."sector", ''), 1)
  ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "BacklogCount_delete" AFTER DELETE ON "Request"
WHEN old."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  UPDATE "BacklogCount" SET "count" = "count" - 1
  WHERE ("dimension" = 'status' AND "value" = old."status") OR ("dimension" = 'category' AND "value" = old."category")
     OR ("dimension" = 'urgency' AND "value" = old."urgency") OR ("dimension" = 'region' AND "value" = old."region")
     OR ("dimension" = 'sector' AND "value" = ifnull(old."sector", ''));
END;

CREATE TRIGGER "BacklogCount_update" AFTER UPDATE OF "status", "category", "urgency", "region", "sector" ON "Request"
WHEN old."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') OR new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  UPDATE "BacklogCount" SET "count" = "count" - 1
  WHERE old."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
    AND (("dimension" = 'status' AND "value" = old."status") OR ("dimension" = 'category' AND "value" = old."category")
      OR ("dimension" = 'urgency' AND "value" = old."urgency") OR ("dimension" = 'region' AND "value" = old."region")
      OR ("dimension" = 'sector' AND "value" = ifnull(old."sector", '')));
  INSERT INTO "BacklogCount" ("dimension", "value", "count")
  SELECT "dimension", "value", 1 FROM (
    SELECT 'status' AS "dimension", new."status" AS "value" UNION ALL SELECT 'category', new."category" UNION ALL SELECT 'urgency', new."urgency"
    UNION ALL SELECT 'region', new."region" UNION ALL SELECT 'sector', ifnull(new."sector", '')
  ) WHERE new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
  ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "count" + 1;
END;

-- A request opening or finishing brings its lines into the count or takes them out. Whichever of
-- the request and its lines a transaction writes first, the other's trigger reads it as written.
-- Its lines are read by the request ("+" keeps the planner off the index by status, which would
-- walk every line in work).
CREATE TRIGGER "BacklogCount_request_lines" AFTER UPDATE OF "status" ON "Request"
WHEN (old."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')) <> (new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS'))
BEGIN
  INSERT INTO "BacklogCount" ("dimension", "value", "count")
  SELECT 'cluster', ifnull(l."clusterId", ''), COUNT(*) * (CASE WHEN new."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') THEN 1 ELSE -1 END)
  FROM "RequestLine" l WHERE l."requestId" = new."id" AND +l."status" IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2
  ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "count" + excluded."count";
END;

CREATE TRIGGER "BacklogCount_line_insert" AFTER INSERT ON "RequestLine"
WHEN new."status" IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')
  AND (SELECT "status" FROM "Request" WHERE "id" = new."requestId") IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  INSERT INTO "BacklogCount" ("dimension", "value", "count") VALUES ('cluster', ifnull(new."clusterId", ''), 1)
  ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "BacklogCount_line_delete" AFTER DELETE ON "RequestLine"
WHEN old."status" IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')
  AND (SELECT "status" FROM "Request" WHERE "id" = old."requestId") IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  UPDATE "BacklogCount" SET "count" = "count" - 1 WHERE "dimension" = 'cluster' AND "value" = ifnull(old."clusterId", '');
END;

CREATE TRIGGER "BacklogCount_line_update" AFTER UPDATE OF "status", "clusterId" ON "RequestLine"
WHEN (SELECT "status" FROM "Request" WHERE "id" = new."requestId") IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')
BEGIN
  UPDATE "BacklogCount" SET "count" = "count" - 1
  WHERE old."status" IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') AND "dimension" = 'cluster' AND "value" = ifnull(old."clusterId", '');
  INSERT INTO "BacklogCount" ("dimension", "value", "count")
  SELECT 'cluster', ifnull(new."clusterId", ''), 1 WHERE new."status" IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS')
  ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "count" + 1;
END;
