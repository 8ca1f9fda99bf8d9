-- Every queue order read from one index, forwards or backwards (app/domain/queue.server.ts ORDER):
-- category, region and "due, descending" no longer sort; cluster order walks each cluster's requests.
-- DropIndex
DROP INDEX "Request_region_id_idx";

-- DropIndex
DROP INDEX "Request_nextDueAt_id_idx";

-- CreateIndex
CREATE INDEX "Request_nextDueAt_createdAt_idx" ON "Request"("nextDueAt", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Request_assignedClusterId_createdAt_idx" ON "Request"("assignedClusterId", "createdAt");

-- CreateIndex
CREATE INDEX "Request_category_createdAt_idx" ON "Request"("category", "createdAt");

-- CreateIndex
CREATE INDEX "Request_region_createdAt_idx" ON "Request"("region", "createdAt");
