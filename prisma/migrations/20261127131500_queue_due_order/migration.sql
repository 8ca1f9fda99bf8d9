-- The queue's default order (dueSortAt, createdAt, then rowid) read straight from one index,
-- also after a status filter: no sort step, and deep pages skip index entries only.
-- DropIndex
DROP INDEX "Request_dueSortAt_idx";

-- DropIndex
DROP INDEX "Request_status_dueSortAt_idx";

-- CreateIndex
CREATE INDEX "Request_status_dueSortAt_createdAt_idx" ON "Request"("status", "dueSortAt", "createdAt");

-- CreateIndex
CREATE INDEX "Request_dueSortAt_createdAt_idx" ON "Request"("dueSortAt", "createdAt");
