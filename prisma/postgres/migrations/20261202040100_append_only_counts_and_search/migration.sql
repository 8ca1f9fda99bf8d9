-- The parts of prisma/migrations that Prisma's schema cannot say, in PostgreSQL's form: the
-- append-only tables, the issued reports' one permitted change, the backlog's counts kept by
-- triggers, and the queue's substring search (decision 049).

-- The audit trail is append-only: the database itself refuses to change or remove an event
-- (SQLite: 20261127000000_init, 20261201001339_admin_audit).
CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;

CREATE TRIGGER "RequestEvent_no_update" BEFORE UPDATE ON "RequestEvent"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('RequestEvent is append-only');
CREATE TRIGGER "RequestEvent_no_delete" BEFORE DELETE ON "RequestEvent"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('RequestEvent is append-only');
CREATE TRIGGER "AdminAuditEntry_no_update" BEFORE UPDATE ON "AdminAuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('AdminAuditEntry is append-only');
CREATE TRIGGER "AdminAuditEntry_no_delete" BEFORE DELETE ON "AdminAuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('AdminAuditEntry is append-only');

-- An issued report is kept; it only gets marked superseded, once (SQLite: 20261202020000_issued_reports).
CREATE TRIGGER "IssuedReport_no_delete" BEFORE DELETE ON "IssuedReport"
  FOR EACH ROW EXECUTE FUNCTION "refuse_change"('IssuedReport rows are kept');
CREATE TRIGGER "IssuedReport_only_superseded" BEFORE UPDATE ON "IssuedReport"
  FOR EACH ROW WHEN (OLD."supersededAt" IS NOT NULL OR NEW."supersededAt" IS NULL
    OR (NEW."id", NEW."week", NEW."edition", NEW."scope", NEW."clusterId", NEW."sensitive", NEW."locale", NEW."format",
        NEW."version", NEW."sha256", NEW."size", NEW."issuedBy", NEW."createdById", NEW."reason", NEW."createdAt")
       IS DISTINCT FROM
       (OLD."id", OLD."week", OLD."edition", OLD."scope", OLD."clusterId", OLD."sensitive", OLD."locale", OLD."format",
        OLD."version", OLD."sha256", OLD."size", OLD."issuedBy", OLD."createdById", OLD."reason", OLD."createdAt"))
  EXECUTE FUNCTION "refuse_change"('An issued report only gets marked superseded, once');

-- The open requests (NEW, TRIAGED, NEEDS_INFO, ASSIGNED, IN_PROGRESS: OPEN_STATUSES) counted by
-- status, category, urgency, region and cluster ("" for none), kept in the same transaction as
-- every insert, change and removal of a request (SQLite: 20261202030000_backlog_counts, decision
-- 043). A change is the old request going and the new one coming (either may be closed work).
CREATE FUNCTION "BacklogCount_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') THEN
    UPDATE "BacklogCount" SET "count" = "count" - 1
    WHERE ("dimension", "value") IN (('status', OLD."status"::text), ('category', OLD."category"::text),
      ('urgency', OLD."urgency"::text), ('region', OLD."region"), ('cluster', coalesce(OLD."assignedClusterId", '')));
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') AND NEW."status" IN ('NEW', 'TRIAGED', 'NEEDS_INFO', 'ASSIGNED', 'IN_PROGRESS') THEN
    INSERT INTO "BacklogCount" ("dimension", "value", "count")
    VALUES ('status', NEW."status"::text, 1), ('category', NEW."category"::text, 1), ('urgency', NEW."urgency"::text, 1),
           ('region', NEW."region", 1), ('cluster', coalesce(NEW."assignedClusterId", ''), 1)
    ON CONFLICT ("dimension", "value") DO UPDATE SET "count" = "BacklogCount"."count" + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "BacklogCount_insert" AFTER INSERT ON "Request"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_keep"();
CREATE TRIGGER "BacklogCount_delete" AFTER DELETE ON "Request"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_keep"();
CREATE TRIGGER "BacklogCount_update" AFTER UPDATE OF "status", "category", "urgency", "region", "assignedClusterId" ON "Request"
  FOR EACH ROW EXECUTE FUNCTION "BacklogCount_keep"();

-- Substring search over Request.searchText (Cyrillic, EDRPOU, references), the same text
-- SQLite's FTS5 trigram table indexes (SQLite: 20261127125959_queue_search): pg_trgm's GIN
-- index serves `"searchText" LIKE '%…%'`. Prisma's schema does not hold this index: when a later
-- migration is written with `prisma migrate diff`, delete the statement that drops it.
CREATE EXTENSION IF NOT EXISTS "pg_trgm";
CREATE INDEX "Request_searchText_trgm_idx" ON "Request" USING gin ("searchText" gin_trgm_ops);
