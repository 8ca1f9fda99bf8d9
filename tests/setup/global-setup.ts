// Migrates one base database per test run; each test file works on its own copy of it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TMP_DIR = path.resolve("tests/.tmp");
export const BASE_DB = path.join(TMP_DIR, "base.db");

export default function setup() {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${BASE_DB}` },
    stdio: "pipe",
  });
  return () => fs.rmSync(TMP_DIR, { recursive: true, force: true });
}
