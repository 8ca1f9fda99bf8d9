-- The queue's orders that Prisma's schema cannot say, each read from an index forwards or
-- backwards (app/data/queue.server.ts POSTGRES_ORDER): text by code point, as SQLite orders it
-- (COLLATE "C"), NULLs last in a descending order, a category by its name (an expression: the
-- enum orders as declared, and its text cannot be indexed), and the descending orders whose
-- ties run the other way. Without them each of these orders sorts every request for a page.

CREATE INDEX "Request_reference_C_idx" ON "Request" ("reference" COLLATE "C");

CREATE INDEX "Request_enterpriseName_C_createdAt_id_idx" ON "Request" ("enterpriseName" COLLATE "C", "createdAt" DESC, "id" DESC);

CREATE INDEX "Request_region_C_createdAt_id_idx" ON "Request" ("region" COLLATE "C", "createdAt", "id");

CREATE INDEX "Request_category_byName_createdAt_id_idx" ON "Request" ((CASE "category" WHEN 'DEFENCE_ORDER' THEN 0 WHEN 'ENERGY' THEN 1 WHEN 'EQUIPMENT' THEN 2 WHEN 'EXPORT' THEN 3 WHEN 'FINANCE' THEN 4 WHEN 'LOGISTICS' THEN 5 WHEN 'OTHER' THEN 6 WHEN 'RELOCATION' THEN 7 WHEN 'SUPPLIES' THEN 8 WHEN 'WORKFORCE' THEN 9 END), "createdAt", "id");

CREATE INDEX "Request_urgencyRank_desc_createdAt_id_idx" ON "Request" ("urgencyRank" DESC, "createdAt", "id");

CREATE INDEX "Request_statusRank_desc_createdAt_id_idx" ON "Request" ("statusRank" DESC, "createdAt", "id");

CREATE INDEX "Request_nextDueAt_desc_createdAt_id_idx" ON "Request" ("nextDueAt" DESC NULLS LAST, "createdAt", "id" DESC);
