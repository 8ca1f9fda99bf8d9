-- The dashboard's backlog now, counted from this index alone (currentBacklog in
-- app/domain/weekly-report.server.ts): the open requests by status, category, urgency, region and
-- cluster, with their due time and filing time, in the order the count groups them.
CREATE INDEX "Request_status_category_urgency_region_assignedClusterId_nextDueAt_createdAt_idx" ON "Request"("status", "category", "urgency", "region", "assignedClusterId", "nextDueAt", "createdAt");
