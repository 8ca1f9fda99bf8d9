-- A closed week's CSV is stored with a gzip copy, sent to clients that accept gzip (decision 056).
-- AlterTable
ALTER TABLE "IssuedReport" ADD COLUMN "gzipSha256" TEXT;
ALTER TABLE "IssuedReport" ADD COLUMN "gzipSize" INTEGER;

-- CreateIndex
CREATE INDEX "IssuedReport_gzipSha256_idx" ON "IssuedReport"("gzipSha256");
