-- A question to the enterprise can now be asked from TRIAGED, ASSIGNED or IN_PROGRESS too: the
-- request remembers where it was asked from and goes back there with the answer. Added in place
-- rather than by redefining the table, which would drop the search index's triggers.
ALTER TABLE "Request" ADD COLUMN "infoAskedFrom" TEXT;
-- Requests waiting now were asked before triage or after it, never after assignment.
UPDATE "Request" SET "infoAskedFrom" = CASE WHEN "triagedAt" IS NOT NULL THEN 'TRIAGED' ELSE 'NEW' END
  WHERE "status" = 'NEEDS_INFO';
