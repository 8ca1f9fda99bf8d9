// Each engine's migrations give the tables, columns and indexes of the one schema: a migration
// added for SQLite but not for PostgreSQL (or the other way round) fails here, on the run of that
// engine (decision 049). Prisma is asked what it would change to get from the migrations to the
// schema; only the objects its schema language cannot hold may differ, each engine's own search
// index (SQLite's FTS5 table, PostgreSQL's pg_trgm index), PostgreSQL's indexes for the queue's
// orders (a collation, NULLS LAST, an expression) and for one of its counts that SQLite answers
// fast enough without (decision 053), and its table of the dashboard's change notes.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "~/config/env.server";
import { categoryByName } from "~/data/queue-postgres.server";

const ROOT = path.resolve(__dirname, "../..");
const postgresMigration = (name: string) => fs.readFileSync(path.join(ROOT, "prisma/postgres/migrations", name, "migration.sql"), "utf8");
const QUEUE_ORDERS = postgresMigration("20261202150000_queue_orders");
const QUEUE_COUNTS = postgresMigration("20261203130000_queue_industry_count");
const ENGINE =
  env.database.engine === "postgresql"
    ? {
        folder: "prisma/postgres",
        search: [
          `DROP INDEX "Request_searchText_trgm_idx";`,
          // Prisma does not read an index on an expression, and leaves it be.
          ...[...`${QUEUE_ORDERS}\n${QUEUE_COUNTS}`.matchAll(/^CREATE INDEX ("[^"]+") ON "Request" \("/gm)].map(([, name]) => `DROP INDEX ${name};`),
          ...[...postgresMigration("20261202160000_dashboard_changes").matchAll(/^CREATE TABLE ("[^"]+")/gm)].map(([, name]) => `DROP TABLE ${name};`),
        ],
      }
    : {
        folder: "prisma",
        search: ["", "_config", "_data", "_docsize", "_idx"].map((table) => `DROP TABLE "RequestSearch${table}";`),
      };

describe(`the ${env.database.engine} migrations`, () => {
  it("give the schema's tables, columns and indexes, and the engine's search index beside them", { timeout: 120_000 }, () => {
    const script = execFileSync(
      path.join(ROOT, "node_modules/.bin/prisma"),
      ["migrate", "diff", "--from-migrations", `${ENGINE.folder}/migrations`, "--to-schema-datamodel", `${ENGINE.folder}/schema.prisma`, "--script"],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: env.databaseUrl }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    const statements = script
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("--") && !/^PRAGMA foreign_keys=(on|off);$/.test(line));
    expect(statements.sort()).toEqual(ENGINE.search.sort());
  });

  it("index on PostgreSQL the very expression the queue orders categories by (their names)", () => {
    expect(QUEUE_ORDERS).toContain(`((${categoryByName(`"category"`)}), "createdAt", "id")`);
    expect(categoryByName(`"category"`)).toMatch(/^CASE "category" WHEN 'DEFENCE_ORDER' THEN 0 WHEN 'ENERGY' THEN 1 .* WHEN 'WORKFORCE' THEN 9 END$/);
  });
});
