-- DropIndex
DROP INDEX "Request_possibleDuplicateOfId_idx";

-- CreateIndex
CREATE INDEX "Request_possibleDuplicateOfId_status_idx" ON "Request"("possibleDuplicateOfId", "status");

-- Substring search over Request.searchText through a trigram index (app/domain/queue.server.ts;
-- docs/decisions/010-queue-reads.md). An external-content FTS5 table: it stores only the index,
-- kept in step with the column by the triggers below. Prisma does not know virtual tables: when
-- a later migration is written (`prisma migrate diff --from-migrations prisma/migrations
-- --to-schema-datamodel prisma/schema.prisma --script`), delete the statements that drop
-- "RequestSearch" or its shadow tables ("RequestSearch_data", "_idx", "_docsize", "_config").
CREATE VIRTUAL TABLE "RequestSearch" USING fts5("searchText", content='Request', content_rowid='rowid', tokenize='trigram');

CREATE TRIGGER "RequestSearch_insert" AFTER INSERT ON "Request" BEGIN
  INSERT INTO "RequestSearch"("rowid", "searchText") VALUES (new."rowid", new."searchText");
END;
CREATE TRIGGER "RequestSearch_delete" AFTER DELETE ON "Request" BEGIN
  INSERT INTO "RequestSearch"("RequestSearch", "rowid", "searchText") VALUES ('delete', old."rowid", old."searchText");
END;
CREATE TRIGGER "RequestSearch_update" AFTER UPDATE OF "searchText" ON "Request" BEGIN
  INSERT INTO "RequestSearch"("RequestSearch", "rowid", "searchText") VALUES ('delete', old."rowid", old."searchText");
  INSERT INTO "RequestSearch"("rowid", "searchText") VALUES (new."rowid", new."searchText");
END;

INSERT INTO "RequestSearch"("RequestSearch") VALUES ('rebuild');
