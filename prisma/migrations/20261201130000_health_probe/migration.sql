-- One row, rewritten by every /healthz: the database still takes a write.
CREATE TABLE "HealthProbe" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "checkedAt" DATETIME NOT NULL
);
