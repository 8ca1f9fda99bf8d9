-- Documents attached to requests (issue 14, decision 030). The bytes live in the file store,
-- named by their SHA-256; this row is written only after its file is stored.
CREATE TABLE "RequestFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "eventId" TEXT,
    "addedByType" TEXT NOT NULL,
    "addedById" TEXT,
    "clusterId" TEXT,
    "originalName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequestFile_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "RequestFile_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "RequestEvent" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RequestFile_addedById_fkey" FOREIGN KEY ("addedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "RequestFile_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

CREATE INDEX "RequestFile_requestId_createdAt_idx" ON "RequestFile"("requestId", "createdAt");
CREATE INDEX "RequestFile_sha256_idx" ON "RequestFile"("sha256");
