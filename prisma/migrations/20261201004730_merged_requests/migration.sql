-- The other request of a merge, on the events that record it (markDuplicate, unmerge and their
-- records on the original), so each timeline can name and link it. Added in place: redefining
-- the table would drop its append-only triggers. Earlier merges keep it empty (RequestEvent
-- refuses UPDATE); which requests are merged into which is Request.duplicateOfId in any case.
ALTER TABLE "RequestEvent" ADD COLUMN "relatedRequestId" TEXT CONSTRAINT "RequestEvent_relatedRequestId_fkey" REFERENCES "Request" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The requests merged into one, read by its page and by its enterprise's link.
CREATE INDEX "Request_duplicateOfId_idx" ON "Request"("duplicateOfId");
