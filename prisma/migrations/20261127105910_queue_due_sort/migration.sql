-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Request" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "statusTokenHash" TEXT NOT NULL,
    "enterpriseId" TEXT NOT NULL,
    "enterpriseName" TEXT NOT NULL DEFAULT '',
    "contactName" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "urgency" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',
    "sensitiveDetails" TEXT,
    "region" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "neededBy" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "assignedClusterId" TEXT,
    "ownerId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "searchText" TEXT NOT NULL DEFAULT '',
    "urgencyRank" INTEGER NOT NULL DEFAULT 2,
    "statusRank" INTEGER NOT NULL DEFAULT 0,
    "nextDueAt" DATETIME,
    "dueSortAt" DATETIME NOT NULL DEFAULT '9999-12-31 00:00:00 +00:00',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "triagedAt" DATETIME,
    "assignedAt" DATETIME,
    "acceptedAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "triageDueAt" DATETIME,
    "resolveDueAt" DATETIME,
    "acceptDueAt" DATETIME,
    "slaPausedAt" DATETIME,
    "slaPausedMs" INTEGER NOT NULL DEFAULT 0,
    "notAcceptedInTime" BOOLEAN NOT NULL DEFAULT false,
    "stillNeededAskedAt" DATETIME,
    "duplicateOfId" TEXT,
    "possibleDuplicateOfId" TEXT,
    CONSTRAINT "Request_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Request_assignedClusterId_fkey" FOREIGN KEY ("assignedClusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Request_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Request_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Request" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Request_possibleDuplicateOfId_fkey" FOREIGN KEY ("possibleDuplicateOfId") REFERENCES "Request" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Request" ("acceptDueAt", "acceptedAt", "assignedAt", "assignedClusterId", "category", "city", "closedAt", "contactName", "createdAt", "description", "details", "duplicateOfId", "email", "enterpriseId", "id", "lastActivityAt", "neededBy", "nextDueAt", "notAcceptedInTime", "ownerId", "phone", "possibleDuplicateOfId", "reference", "region", "resolveDueAt", "resolvedAt", "searchText", "sensitiveDetails", "slaPausedAt", "slaPausedMs", "status", "statusRank", "statusTokenHash", "stillNeededAskedAt", "title", "triageDueAt", "triagedAt", "updatedAt", "urgency", "urgencyRank", "version") SELECT "acceptDueAt", "acceptedAt", "assignedAt", "assignedClusterId", "category", "city", "closedAt", "contactName", "createdAt", "description", "details", "duplicateOfId", "email", "enterpriseId", "id", "lastActivityAt", "neededBy", "nextDueAt", "notAcceptedInTime", "ownerId", "phone", "possibleDuplicateOfId", "reference", "region", "resolveDueAt", "resolvedAt", "searchText", "sensitiveDetails", "slaPausedAt", "slaPausedMs", "status", "statusRank", "statusTokenHash", "stillNeededAskedAt", "title", "triageDueAt", "triagedAt", "updatedAt", "urgency", "urgencyRank", "version" FROM "Request";
DROP TABLE "Request";
ALTER TABLE "new_Request" RENAME TO "Request";
CREATE UNIQUE INDEX "Request_reference_key" ON "Request"("reference");
CREATE UNIQUE INDEX "Request_statusTokenHash_key" ON "Request"("statusTokenHash");
CREATE INDEX "Request_status_createdAt_idx" ON "Request"("status", "createdAt");
CREATE INDEX "Request_status_dueSortAt_idx" ON "Request"("status", "dueSortAt");
CREATE INDEX "Request_dueSortAt_idx" ON "Request"("dueSortAt");
CREATE INDEX "Request_nextDueAt_id_idx" ON "Request"("nextDueAt", "id");
CREATE INDEX "Request_urgencyRank_createdAt_idx" ON "Request"("urgencyRank", "createdAt");
CREATE INDEX "Request_statusRank_createdAt_idx" ON "Request"("statusRank", "createdAt");
CREATE INDEX "Request_possibleDuplicateOfId_idx" ON "Request"("possibleDuplicateOfId");
CREATE INDEX "Request_enterpriseId_category_status_idx" ON "Request"("enterpriseId", "category", "status");
CREATE INDEX "Request_assignedClusterId_status_idx" ON "Request"("assignedClusterId", "status");
CREATE INDEX "Request_assignedClusterId_lastActivityAt_idx" ON "Request"("assignedClusterId", "lastActivityAt");
CREATE INDEX "Request_category_region_id_idx" ON "Request"("category", "region", "id");
CREATE INDEX "Request_urgency_idx" ON "Request"("urgency");
CREATE INDEX "Request_region_id_idx" ON "Request"("region", "id");
CREATE INDEX "Request_createdAt_idx" ON "Request"("createdAt");
CREATE INDEX "Request_enterpriseName_createdAt_idx" ON "Request"("enterpriseName", "createdAt");
CREATE INDEX "Request_updatedAt_idx" ON "Request"("updatedAt");
CREATE INDEX "Request_triageDueAt_idx" ON "Request"("triageDueAt");
CREATE INDEX "Request_resolveDueAt_idx" ON "Request"("resolveDueAt");
CREATE INDEX "Request_acceptDueAt_idx" ON "Request"("acceptDueAt");
CREATE INDEX "Request_lastActivityAt_idx" ON "Request"("lastActivityAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Enterprise_name_idx" ON "Enterprise"("name");

-- Fill the new sort key for existing rows the way app/domain/sla.ts dueSortAt() does.
UPDATE "Request" SET "dueSortAt" = CASE
    WHEN "notAcceptedInTime" = 1 AND "status" = 'TRIAGED' THEN '1970-01-01T00:00:00.000+00:00'
    ELSE COALESCE("nextDueAt", '9999-12-31T00:00:00.000+00:00')
END;
UPDATE "Request" SET "enterpriseName" = (SELECT "name" FROM "Enterprise" WHERE "Enterprise"."id" = "Request"."enterpriseId");
