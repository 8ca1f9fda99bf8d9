// Online, consistent backup of the database at DATABASE_URL (data/rrc.db by default) with
// SQLite's backup API, safe while the server is running and writing. Prints the row counts
// the copy holds.   npm run db:backup -- --out backups/rrc-2026-05-01.db
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { databasePathOrExit } from "./database-url.mjs";

const { values } = parseArgs({ options: { out: { type: "string" } } });
if (!values.out) {
  console.error("Usage: npm run db:backup -- --out <file>");
  process.exit(2);
}
const source = databasePathOrExit();
const target = path.resolve(process.cwd(), values.out);
if (!fs.existsSync(source)) {
  console.error(`No database at ${source}`);
  process.exit(1);
}
if (path.resolve(source) === target) {
  console.error("The backup must not overwrite the database itself.");
  process.exit(2);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(target + suffix, { force: true });

const db = new Database(source, { fileMustExist: true, timeout: 5000 });
try {
  await db.backup(target);
} finally {
  db.close();
}

// Counted in the copy, so the figures describe exactly what was saved.
const copy = new Database(target, { readonly: true });
const tables = ["Enterprise", "Request", "RequestEvent", "User", "Cluster", "Notification"];
const counts = Object.fromEntries(tables.map((t) => [t, copy.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get().n]));
copy.close();
console.log(`Backup written: ${target}`);
console.log(JSON.stringify(counts));
