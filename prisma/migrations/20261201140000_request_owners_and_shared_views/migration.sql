-- Every unfinished request has an owning coordinator from triage on (decision 021). Requests
-- triaged before owners were required take the person who triaged them (the triage, or an
-- assignment straight from NEW, which triages too); the triage event on their timeline already
-- says who that was.
UPDATE "Request" SET "ownerId" = (
  SELECT e."actorUserId" FROM "RequestEvent" e
  WHERE e."requestId" = "Request"."id" AND e."action" IN ('triage', 'assign') AND e."actorUserId" IS NOT NULL
  ORDER BY e."createdAt" LIMIT 1
)
WHERE "ownerId" IS NULL AND "triagedAt" IS NOT NULL AND "status" NOT IN ('CLOSED', 'REJECTED', 'DUPLICATE');

-- The queue's owner filters ("mine", "nobody's", a colleague's): a page in the default order is
-- read from the first index; the count with a status or "overdue" from the second alone.
CREATE INDEX "Request_ownerId_attentionRank_urgencyRank_dueSortAt_createdAt_idx" ON "Request"("ownerId", "attentionRank", "urgencyRank", "dueSortAt", "createdAt");
CREATE INDEX "Request_ownerId_status_nextDueAt_idx" ON "Request"("ownerId", "status", "nextDueAt");

-- Saved queue views an author shares with every coordinator.
ALTER TABLE "SavedView" ADD COLUMN "shared" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "SavedView_shared_idx" ON "SavedView"("shared");
