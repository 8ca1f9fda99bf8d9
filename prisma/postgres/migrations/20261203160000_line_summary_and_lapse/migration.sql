-- What a line split off a request is for, in the words of whoever split it (decision 055).
ALTER TABLE "RequestLine" ADD COLUMN "summary" TEXT NOT NULL DEFAULT '';

-- The scheduler's lapse, per line: lines still waiting for their cluster past the time to accept.
CREATE INDEX "RequestLine_status_acceptDueAt_idx" ON "RequestLine"("status", "acceptDueAt");
