-- A trusted browser's own failed sign-ins are counted apart (decision 015).
ALTER TABLE "LoginAttempt" ADD COLUMN "deviceId" TEXT;
