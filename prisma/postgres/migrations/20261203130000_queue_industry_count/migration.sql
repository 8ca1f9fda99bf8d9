-- The queue's count of one industry with a status filter (app/data/queue.server.ts), read from
-- this index alone. With only ("sector", "createdAt") and ("ownerId", "status", "nextDueAt") to
-- go by, PostgreSQL combined the two in a bitmap and then read a row on nearly every page of the
-- table to count the matches. SQLite meets the queue's target without it (decision 053).

CREATE INDEX "Request_sector_status_idx" ON "Request" ("sector", "status");
