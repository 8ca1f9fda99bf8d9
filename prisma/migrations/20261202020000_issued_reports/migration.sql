-- A closed week's report files as issued (decision 042): each file's bytes in the file store,
-- named by their SHA-256, and this row saying which week and edition (scope, cluster, whose
-- sensitive details, language, format) it is, its version, and who had it written and why.
-- Rows are kept for good: an admin's regeneration adds the next version and marks the one
-- before superseded, and that mark is the only change the triggers let through.
CREATE TABLE "IssuedReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "week" TEXT NOT NULL,
    "edition" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "clusterId" TEXT,
    "sensitive" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "issuedBy" TEXT NOT NULL,
    "createdById" TEXT,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" DATETIME,
    CONSTRAINT "IssuedReport_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IssuedReport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "IssuedReport_week_edition_version_key" ON "IssuedReport"("week", "edition", "version");
CREATE INDEX "IssuedReport_week_edition_supersededAt_idx" ON "IssuedReport"("week", "edition", "supersededAt");
CREATE INDEX "IssuedReport_sha256_idx" ON "IssuedReport"("sha256");

CREATE TRIGGER "IssuedReport_no_delete" BEFORE DELETE ON "IssuedReport"
BEGIN
    SELECT RAISE(ABORT, 'IssuedReport rows are kept');
END;

CREATE TRIGGER "IssuedReport_only_superseded" BEFORE UPDATE ON "IssuedReport"
WHEN OLD."supersededAt" IS NOT NULL OR NEW."supersededAt" IS NULL
  OR NEW."id" IS NOT OLD."id" OR NEW."week" IS NOT OLD."week" OR NEW."edition" IS NOT OLD."edition"
  OR NEW."scope" IS NOT OLD."scope" OR NEW."clusterId" IS NOT OLD."clusterId" OR NEW."sensitive" IS NOT OLD."sensitive"
  OR NEW."locale" IS NOT OLD."locale" OR NEW."format" IS NOT OLD."format" OR NEW."version" IS NOT OLD."version"
  OR NEW."sha256" IS NOT OLD."sha256" OR NEW."size" IS NOT OLD."size" OR NEW."issuedBy" IS NOT OLD."issuedBy"
  OR NEW."createdById" IS NOT OLD."createdById" OR NEW."reason" IS NOT OLD."reason" OR NEW."createdAt" IS NOT OLD."createdAt"
BEGIN
    SELECT RAISE(ABORT, 'An issued report only gets marked superseded, once');
END;

-- Which stored file a download of a closed week handed out.
ALTER TABLE "ExportLog" ADD COLUMN "issuedReportId" TEXT CONSTRAINT "ExportLog_issuedReportId_fkey" REFERENCES "IssuedReport" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
