-- Request lines (issue #17, decision 055): one need of a request, with its own cluster and its
-- own state from triage on. Every request becomes a request of one line, holding its category,
-- details, cluster, stamps and acceptance clock; the request keeps its own columns (its status
-- is the one rule's over its phase and its lines, app/domain/requests/lines.ts).
CREATE TABLE "RequestLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',
    "sensitiveDetails" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "clusterId" TEXT,
    "assignedAt" DATETIME,
    "acceptedAt" DATETIME,
    "resolvedAt" DATETIME,
    "acceptDueAt" DATETIME,
    "notAcceptedInTime" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RequestLine_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RequestLine_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

CREATE INDEX "RequestLine_clusterId_status_idx" ON "RequestLine"("clusterId", "status");
CREATE UNIQUE INDEX "RequestLine_requestId_position_key" ON "RequestLine"("requestId", "position");

-- The line of each existing request. Its state is the request's while in work; while the
-- request waits on the enterprise, the state it was asked from; once finished (closed,
-- rejected, merged), how far its cluster had got, read from the stamps (resolved, accepted,
-- assigned), or OPEN without a cluster.
INSERT INTO "RequestLine" ("id", "requestId", "position", "category", "details", "sensitiveDetails", "status", "clusterId",
  "assignedAt", "acceptedAt", "resolvedAt", "acceptDueAt", "notAcceptedInTime", "version", "createdAt", "updatedAt")
SELECT "id" || '.1', "id", 1, "category", "details", "sensitiveDetails",
  CASE
    WHEN "status" IN ('ASSIGNED', 'IN_PROGRESS', 'RESOLVED') THEN "status"
    WHEN "status" = 'NEEDS_INFO' THEN CASE WHEN "infoAskedFrom" IN ('ASSIGNED', 'IN_PROGRESS', 'RESOLVED') THEN "infoAskedFrom" ELSE 'OPEN' END
    WHEN "assignedClusterId" IS NULL OR "status" IN ('NEW', 'TRIAGED') THEN 'OPEN'
    WHEN "resolvedAt" IS NOT NULL THEN 'RESOLVED'
    WHEN "acceptedAt" IS NOT NULL THEN 'IN_PROGRESS'
    ELSE 'ASSIGNED'
  END,
  "assignedClusterId", "assignedAt", "acceptedAt", "resolvedAt", "acceptDueAt", "notAcceptedInTime", 0, "createdAt", "updatedAt"
FROM "Request";

-- The line a cluster action acted on. Added in place: redefining the table would drop its
-- append-only triggers. Earlier events keep it empty (RequestEvent refuses UPDATE): they are
-- all of a request's one line.
ALTER TABLE "RequestEvent" ADD COLUMN "lineId" TEXT CONSTRAINT "RequestEvent_lineId_fkey" REFERENCES "RequestLine" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
