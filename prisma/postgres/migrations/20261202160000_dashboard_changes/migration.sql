-- The dashboard keeps its finished weeks' figures between loads (app/domain/report/
-- dashboard-history.server.ts) while nothing they count has changed. On SQLite it finds what was
-- written since by rowid; PostgreSQL has no rowid, and a sequence would not do (its numbers are
-- taken before the commit, so a later look could pass over a slower transaction's rows). So
-- these triggers add a row here, in the writer's own transaction, for each write that can change
-- a finished week: a request or an event dated more than a minute before it was written (an
-- import, a correction, a test's clock), a new urgency or filing time, and any removal. The
-- dashboard counts the rows: a different count, and the weeks are worked out again. Inserts
-- only, so no writer waits for another.
CREATE TABLE "DashboardChange" (
  "id" BIGSERIAL PRIMARY KEY,
  "at" TIMESTAMP(3) NOT NULL DEFAULT (statement_timestamp() AT TIME ZONE 'UTC')
);

CREATE FUNCTION "DashboardChange_note"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DashboardChange" DEFAULT VALUES;
  RETURN NULL;
END;
$$;

-- "createdAt" holds UTC, as Prisma writes it.
CREATE TRIGGER "DashboardChange_request_dated_before" AFTER INSERT ON "Request"
  FOR EACH ROW WHEN (NEW."createdAt" < (statement_timestamp() AT TIME ZONE 'UTC') - interval '1 minute')
  EXECUTE FUNCTION "DashboardChange_note"();
CREATE TRIGGER "DashboardChange_event_dated_before" AFTER INSERT ON "RequestEvent"
  FOR EACH ROW WHEN (NEW."createdAt" < (statement_timestamp() AT TIME ZONE 'UTC') - interval '1 minute')
  EXECUTE FUNCTION "DashboardChange_note"();
CREATE TRIGGER "DashboardChange_request_urgency" AFTER UPDATE OF "urgency", "createdAt" ON "Request"
  FOR EACH ROW WHEN (NEW."urgency" IS DISTINCT FROM OLD."urgency" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt")
  EXECUTE FUNCTION "DashboardChange_note"();
CREATE TRIGGER "DashboardChange_request_removed" AFTER DELETE ON "Request"
  FOR EACH STATEMENT EXECUTE FUNCTION "DashboardChange_note"();
CREATE TRIGGER "DashboardChange_request_truncated" AFTER TRUNCATE ON "Request"
  FOR EACH STATEMENT EXECUTE FUNCTION "DashboardChange_note"();
