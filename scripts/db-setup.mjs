// Creates and migrates the database (data/rrc.db unless DATABASE_URL says otherwise) and
// seeds the demo data when it is empty. Options: --no-seed, --reset (delete the file first).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databasePathOrExit } from "../app/config/database-url.mjs";

const args = new Set(process.argv.slice(2));
const file = databasePathOrExit(undefined, "`npm run db:setup` in this version");
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

if (args.has("--reset")) for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
fs.mkdirSync(path.dirname(file), { recursive: true });

execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });

const sqlite = new Database(file);
// WAL is a property of the database file: set it once here, before the server starts.
sqlite.pragma("journal_mode = WAL");
const { count } = sqlite.prepare("SELECT COUNT(*) AS count FROM Cluster").get();
sqlite.close();

if (count === 0 && !args.has("--no-seed")) {
  console.log("Empty database: adding the demo data…");
  execFileSync(bin("tsx"), ["prisma/seed.ts"], { cwd: root, stdio: "inherit" });
}
console.log(`Database ready: ${file}`);
