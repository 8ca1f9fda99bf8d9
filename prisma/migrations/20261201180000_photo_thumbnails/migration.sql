-- Photos are re-encoded without their metadata and get a thumbnail stored like the file
-- itself, named by its SHA-256 (decision 031). Files stored before have none.
ALTER TABLE "RequestFile" ADD COLUMN "thumbnailSha256" TEXT;
ALTER TABLE "RequestFile" ADD COLUMN "thumbnailSize" INTEGER;
ALTER TABLE "RequestFile" ADD COLUMN "thumbnailWidth" INTEGER;
ALTER TABLE "RequestFile" ADD COLUMN "thumbnailHeight" INTEGER;

CREATE INDEX "RequestFile_thumbnailSha256_idx" ON "RequestFile"("thumbnailSha256");
