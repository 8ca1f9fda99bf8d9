-- One row per scheduler window a server process claimed (app/domain/scheduler.server.ts).
-- CreateTable
CREATE TABLE "SchedulerTick" (
    "tick" TIMESTAMP(3) NOT NULL,
    "runner" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SchedulerTick_pkey" PRIMARY KEY ("tick")
);

