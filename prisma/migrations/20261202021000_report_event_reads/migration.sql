-- The weekly report and the dashboard read every status change of a run of requests: with the
-- change's own columns in the index, that read never visits the table (decision 043). The old
-- (requestId, createdAt) index is its prefix, so every query that used it uses this one.
DROP INDEX "RequestEvent_requestId_createdAt_idx";
CREATE INDEX "RequestEvent_requestId_createdAt_toStatus_action_fromStatus_clusterId_idx" ON "RequestEvent"("requestId", "createdAt", "toStatus", "action", "fromStatus", "clusterId");
