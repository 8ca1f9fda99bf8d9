-- Canned replies admins keep for messages and questions to enterprises
-- (docs/decisions/029-canned-replies.md).
-- CreateTable
CREATE TABLE "ReplyTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nameUk" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "bodyUk" TEXT NOT NULL,
    "bodyEn" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ReplyTemplate_nameUk_idx" ON "ReplyTemplate"("nameUk");
