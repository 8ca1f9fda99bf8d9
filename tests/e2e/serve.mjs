// Serves the production build on a fresh database with the demo data, for the browser tests.
import { execFileSync } from "node:child_process";
import path from "node:path";

process.env.DATABASE_URL = `file:${path.resolve("tests/.tmp/e2e/e2e.db")}`;
process.env.NODE_ENV = "production";
process.env.INTAKE_RATE_LIMIT ??= "1000/60";
process.env.HOST ??= "127.0.0.1";
process.env.PUBLIC_URL ??= `http://127.0.0.1:${process.env.PORT ?? 3000}`;
process.env.OUTBOX_DIR ??= path.resolve("tests/.tmp/e2e/outbox");
process.env.FILES_DIR ??= path.resolve("tests/.tmp/e2e/files");
// Timed rules are tested with a controlled clock (tests/integration/scheduler.test.ts); here
// they would rewrite the demo data under the browser's feet.
process.env.SCHEDULER_INTERVAL_SECONDS ??= "0";
execFileSync(process.execPath, ["scripts/db-setup.mjs", "--reset"], { stdio: ["ignore", "ignore", "inherit"] });
await import("../../server.mjs");
