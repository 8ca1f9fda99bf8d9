// Migrates one base database per test run; each test file works on its own copy of it.
// Each run has its own folder, so two runs at once do not trip over each other.
// With DATABASE_URL=postgresql://… (scripts/with-postgres.mjs) the base is a migrated template
// database on that server, which each test file copies with CREATE DATABASE … TEMPLATE.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseDatabaseUrl } from "../../app/config/database-url.mjs";
import { dropDatabase, onServer, postgresDatabaseUrl } from "./postgres";

function migrate(url: string) {
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
}

export default async function setup() {
  const dir = path.resolve("tests/.tmp", `run-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // Test workers are started after this and inherit it.
  process.env.RRC_TEST_DIR = dir;
  const server = parseDatabaseUrl(process.env.DATABASE_URL);
  if (server.engine !== "postgresql") {
    migrate(`file:${path.join(dir, "base.db")}`);
    return () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const template = `rrc_base_${process.pid}`;
  await onServer(server.url, (client) => client.query(`CREATE DATABASE "${template}"`));
  migrate(postgresDatabaseUrl(server.url, template));
  process.env.RRC_TEST_SERVER = server.url;
  process.env.RRC_TEST_TEMPLATE = template;
  return async () => {
    await dropDatabase(server.url, template);
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
