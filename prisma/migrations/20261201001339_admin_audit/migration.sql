-- The admin's record (app/domain/audit.server.ts): every administrative change with who made
-- it, when, and the subject's fields before and after. Append-only, like RequestEvent.
CREATE TABLE "AdminAuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorUserId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectLabel" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AdminAuditEntry_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

CREATE INDEX "AdminAuditEntry_createdAt_idx" ON "AdminAuditEntry"("createdAt");
CREATE INDEX "AdminAuditEntry_actorUserId_createdAt_idx" ON "AdminAuditEntry"("actorUserId", "createdAt");
CREATE INDEX "AdminAuditEntry_subjectType_createdAt_idx" ON "AdminAuditEntry"("subjectType", "createdAt");

CREATE TRIGGER "AdminAuditEntry_no_update" BEFORE UPDATE ON "AdminAuditEntry"
BEGIN
    SELECT RAISE(ABORT, 'AdminAuditEntry is append-only');
END;

CREATE TRIGGER "AdminAuditEntry_no_delete" BEFORE DELETE ON "AdminAuditEntry"
BEGIN
    SELECT RAISE(ABORT, 'AdminAuditEntry is append-only');
END;
