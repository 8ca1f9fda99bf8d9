// Runs before each test file: gives the file its own copy of the migrated base database and
// turns any console.error into a failure. On PostgreSQL the copy is a database created from the
// migrated template (tests/setup/global-setup.ts).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, vi } from "vitest";
import { databaseFromTemplate, dropDatabase } from "./postgres";

const tmp = process.env.RRC_TEST_DIR!;
const id = randomUUID();
const file = path.join(tmp, `test-${id}.db`);
const server = process.env.RRC_TEST_SERVER;
const database = `rrc_test_${id.replaceAll("-", "")}`;
if (server) {
  process.env.DATABASE_URL = await databaseFromTemplate(server, process.env.RRC_TEST_TEMPLATE!, database);
} else {
  fs.copyFileSync(path.join(tmp, "base.db"), file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.INTAKE_RATE_LIMIT ??= "1000/60";
process.env.SESSION_SECRET ??= "test-session-secret-not-for-production";
// Mail goes to .eml files in this file's own folder, never into data/outbox.
process.env.OUTBOX_DIR ??= `${file}-outbox`;
// Attached documents too.
process.env.FILES_DIR ??= `${file}-files`;

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error during a test: ${args.map(String).join(" ")}`);
  });
});

afterAll(async () => {
  const { db } = await import("~/data/db.server");
  await db.$disconnect();
  if (server) await dropDatabase(server, database);
  for (const suffix of ["", "-wal", "-shm", "-outbox", "-files"]) fs.rmSync(file + suffix, { force: true, recursive: true });
});
