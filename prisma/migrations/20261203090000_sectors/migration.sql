-- Industries (NACE Rev. 2 / КВЕД-2010; app/domain/taxonomy.ts): the section and class an
-- enterprise gives with its request, and the sections or divisions a cluster serves.
-- AlterTable
ALTER TABLE "Request" ADD COLUMN "naceClass" TEXT;
ALTER TABLE "Request" ADD COLUMN "sector" TEXT;

-- CreateTable
CREATE TABLE "ClusterSector" (
    "clusterId" TEXT NOT NULL,
    "sector" TEXT NOT NULL,

    PRIMARY KEY ("clusterId", "sector"),
    CONSTRAINT "ClusterSector_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Request_sector_createdAt_idx" ON "Request"("sector", "createdAt");
