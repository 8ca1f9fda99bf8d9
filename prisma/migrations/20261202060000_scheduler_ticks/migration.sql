-- One row per scheduler window a server process claimed (app/domain/scheduler.server.ts).
-- CreateTable
CREATE TABLE "SchedulerTick" (
    "tick" DATETIME NOT NULL PRIMARY KEY,
    "runner" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL
);
