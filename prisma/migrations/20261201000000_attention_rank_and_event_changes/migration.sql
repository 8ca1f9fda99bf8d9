-- Who has the next move on a request, for the queue's default order ("needs a coordinator
-- first": attentionRank, then urgency, then due time; app/domain/request-keys.ts). Added in
-- place rather than by redefining the table, which would drop the search index's triggers.
ALTER TABLE "Request" ADD COLUMN "attentionRank" INTEGER NOT NULL DEFAULT 0;
UPDATE "Request" SET "attentionRank" = CASE
  WHEN "status" IN ('NEW', 'TRIAGED') THEN 0
  WHEN "status" IN ('ASSIGNED', 'IN_PROGRESS', 'NEEDS_INFO') THEN 1
  WHEN "status" = 'RESOLVED' THEN 2
  ELSE 3 END;
CREATE INDEX "Request_attentionRank_urgencyRank_dueSortAt_createdAt_idx" ON "Request"("attentionRank", "urgencyRank", "dueSortAt", "createdAt");

-- What an event changed, field by field (JSON), shown in the page's own language.
ALTER TABLE "RequestEvent" ADD COLUMN "changes" TEXT;
