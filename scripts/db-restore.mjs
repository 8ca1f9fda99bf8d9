// Puts a backup made by `npm run db:backup` back in place: the database at DATABASE_URL
// (data/rrc.db by default) becomes the copy, and every document the copy's rows name is back in
// FILES_DIR (data/files by default) with its exact content. Stop the server first.
//   npm run db:restore -- --from backups/rrc-2026-05-01.db [--files-from backups/files]
// Everything is checked before anything is changed: the copy passes SQLite's integrity check and
// each document it names is in the backup with the SHA-256 it is named by. The database it
// replaces is kept beside it as `<name>.before-restore-<time>` (with its -wal, if any).
// Documents in the store that the restored rows do not name are left to the scheduled sweep.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { databasePathOrExit } from "../app/config/database-url.mjs";
import { filesDir, storedFilePath } from "../app/config/files-dir.mjs";

const { values } = parseArgs({ options: { from: { type: "string" }, "files-from": { type: "string" } } });
if (!values.from) {
  console.error("Usage: npm run db:restore -- --from <backup file> [--files-from <folder>]");
  process.exit(2);
}
const backup = path.resolve(process.cwd(), values.from);
const filesBackup = path.resolve(process.cwd(), values["files-from"] ?? path.join(path.dirname(backup), "files"));
const target = databasePathOrExit(undefined, "`npm run db:restore`");
const store = filesDir();
if (!fs.existsSync(backup)) {
  console.error(`No backup at ${backup}`);
  process.exit(1);
}
if (backup === target) {
  console.error("The backup is the database itself.");
  process.exit(2);
}

async function sha256Of(file) {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

// 1. Check the copy and the documents it names; nothing is changed yet.
const copy = new Database(backup, { readonly: true, fileMustExist: true });
let named;
let counts;
try {
  const integrity = copy.pragma("integrity_check", { simple: true });
  if (integrity !== "ok") {
    console.error(`The backup fails SQLite's integrity check: ${integrity}`);
    process.exit(1);
  }
  named = copy
    .prepare(
      `SELECT "sha256" FROM "RequestFile" UNION SELECT "thumbnailSha256" FROM "RequestFile" WHERE "thumbnailSha256" IS NOT NULL` +
        // Issued weekly reports (decision 042), in copies made since they exist.
        (copy.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'IssuedReport'`).get() ? ` UNION SELECT "sha256" FROM "IssuedReport"` : ""),
    )
    .pluck()
    .all();
  const tables = ["Enterprise", "Request", "RequestEvent", "User", "Cluster", "Notification", "RequestFile"];
  counts = Object.fromEntries(tables.map((t) => [t, copy.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get().n]));
} finally {
  copy.close();
}
const missing = [];
for (const sha256 of named) {
  const file = storedFilePath(filesBackup, sha256);
  if (!fs.existsSync(file) || (await sha256Of(file)) !== sha256) missing.push(sha256);
}
if (missing.length) {
  console.error(`${missing.length} document(s) named by the backup are missing or damaged in ${filesBackup}, e.g. ${missing[0]}. Nothing was changed.`);
  process.exit(1);
}

// 2. The documents: each one the store lacks, or holds with other bytes, is written afresh
// (through a temporary name, so a crash leaves no half-written content under a SHA-256 name).
let written = 0;
for (const sha256 of named) {
  const to = storedFilePath(store, sha256);
  if (fs.existsSync(to) && (await sha256Of(to)) === sha256) continue;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const partial = `${to}.restoring`;
  fs.copyFileSync(storedFilePath(filesBackup, sha256), partial);
  const handle = fs.openSync(partial, "r+");
  fs.fsyncSync(handle);
  fs.closeSync(handle);
  fs.renameSync(partial, to);
  written += 1;
}

// 3. The database: the copy goes in under a temporary name, the current one is moved aside.
fs.mkdirSync(path.dirname(target), { recursive: true });
const incoming = `${target}.restoring`;
fs.copyFileSync(backup, incoming);
const handle = fs.openSync(incoming, "r+");
fs.fsyncSync(handle);
fs.closeSync(handle);
const aside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
if (fs.existsSync(target)) {
  for (const suffix of ["-wal", "-shm", "-journal"]) {
    if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, aside + suffix);
  }
  fs.renameSync(target, aside);
}
fs.renameSync(incoming, target);

console.log(`Database restored: ${target}${fs.existsSync(aside) ? ` (the one it replaced: ${aside})` : ""}`);
console.log(`Documents: ${named.length} named, ${written} written back into ${store}`);
console.log(JSON.stringify(counts));
