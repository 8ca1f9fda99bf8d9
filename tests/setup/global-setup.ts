// Migrates one base database per test run; each test file works on its own copy of it.
// Each run has its own folder, so two runs at once do not trip over each other.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export default function setup() {
  const dir = path.resolve("tests/.tmp", `run-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "base.db")}` },
    stdio: "pipe",
  });
  // Test workers are started after this and inherit it.
  process.env.RRC_TEST_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
