-- Counting lines where the question is about clusters (issue #17, decision 055; SQLite: the
-- migration of the same name).
--
-- 1. The weekly report replays each line from the changes that name it: the covering index of a
--    request's changes gains the line.
DROP INDEX "RequestEvent_requestId_createdAt_toStatus_action_fromStatus_idx";
CREATE INDEX "RequestEvent_requestId_createdAt_toStatus_action_fromStatus_idx" ON "RequestEvent"("requestId", "createdAt", "toStatus", "action", "fromStatus", "clusterId", "lineId");

-- 2. A cluster's lines with their request, from the index alone: the queue's cluster filter and a
--    member's scope read them as `id IN (…)`.
DROP INDEX "RequestLine_clusterId_status_idx";
CREATE INDEX "RequestLine_clusterId_status_requestId_idx" ON "RequestLine"("clusterId", "status", "requestId");

-- 3. The queue's "no cluster yet": how many of a request's lines still wait for a cluster, kept by
--    the executor from its lines, with the request's cluster and status in one index.
ALTER TABLE "Request" ADD COLUMN "waitingLines" INTEGER NOT NULL DEFAULT 0;
UPDATE "Request" SET "waitingLines" = w."count"
FROM (SELECT "requestId", COUNT(*)::int AS "count" FROM "RequestLine" WHERE "status" = 'OPEN' GROUP BY "requestId") w WHERE w."requestId" = "Request"."id";
DROP INDEX "Request_assignedClusterId_status_idx";
CREATE INDEX "Request_assignedClusterId_status_waitingLines_idx" ON "Request"("assignedClusterId", "status", "waitingLines");

-- 4. BacklogCount's "cluster" dimension counts the open requests' lines still in work or waiting
--    for a cluster ("" for those waiting), kept by triggers on RequestLine and on the request's
--    status; the other dimensions still count requests.
DELETE FROM "BacklogCount" WHERE "dimension" = 'cluster';
INSERT INTO "BacklogCount" ("dimension", "value", "count")
SELECT 'cluster', coalesce(l."clusterId", ''), COUNT(*) FROM "RequestLine" l JOIN "Request" r ON r."id" = l."requestId"
WHERE r."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') AND l."status" IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2;

CREATE OR REPLACE FUNCTION "BacklogCount_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') THEN
    UPDATE "BacklogCount" SET "count" = "count" - 1
    WHERE ("dimension", "value") IN (('status', OLD."status"::text), ('category', OLD."category"::text),
      ('urgency', OLD."urgency"::text), ('region', OLD."region"), ('sector', coalesce(OLD."sector", '')));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') THEN
    INSERT INTO "BacklogCount" ("dimension", "value", "count")
    VALUES ('status', NEW."status"::text, 1), ('category', NEW."category"::text, 1), ('urgency', NEW."urgency"::text, 1),
           ('region', NEW."region", 1), ('sector', coalesce(NEW."sector", ''), 1)
    ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "BacklogCount"."count" + 1;
  END IF;
  RETURN NULL;
END;
$$;

DROP TRIGGER "BacklogCount_update" ON "Request";
CREATE TRIGGER "BacklogCount_update" AFTER UPDATE OF "status", "category", "urgency", "region", "sector" ON "Request"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_keep"();

-- A request opening or finishing brings its lines into the count or takes them out. Whichever of
-- the request and its lines a transaction writes first, the other's trigger reads it as written.
CREATE FUNCTION "BacklogCount_request_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  was_open boolean := OLD."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS');
  is_open boolean := NEW."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS');
BEGIN
  IF was_open <> is_open THEN
    INSERT INTO "BacklogCount" ("dimension", "value", "count")
    SELECT 'cluster', coalesce(l."clusterId", ''), COUNT(*) * (CASE WHEN is_open THEN 1 ELSE -1 END)
    FROM "RequestLine" l WHERE l."requestId" = NEW."id" AND l."status" IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') GROUP BY 2
    ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "BacklogCount"."count" + excluded."count";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "BacklogCount_request_lines" AFTER UPDATE OF "status" ON "Request"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_request_lines"();

-- A line coming, changing or going, on an open request.
CREATE FUNCTION "BacklogCount_line"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  request_id text := CASE WHEN TG_OP = 'DELETE' THEN OLD."requestId" ELSE NEW."requestId" END;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "Request" WHERE "id" = request_id AND "status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS')) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."status" IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') THEN
    UPDATE "BacklogCount" SET "count" = "count" - 1 WHERE "dimension" = 'cluster' AND "value" = coalesce(OLD."clusterId", '');
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW."status" IN ('OPEN', 'ASSIGNED', 'IN_PROGRESS') THEN
    INSERT INTO "BacklogCount" ("dimension", "value", "count") VALUES ('cluster', coalesce(NEW."clusterId", ''), 1)
    ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "BacklogCount"."count" + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "BacklogCount_line_insert" AFTER INSERT ON "RequestLine"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_line"();
CREATE TRIGGER "BacklogCount_line_delete" AFTER DELETE ON "RequestLine"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_line"();
CREATE TRIGGER "BacklogCount_line_update" AFTER UPDATE OF "status", "clusterId" ON "RequestLine"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_line"();
