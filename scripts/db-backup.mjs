// Online, consistent backup of the database at DATABASE_URL (data/rrc.db by default) with
// SQLite's backup API, safe while the server is running and writing, and of the documents its
// rows name (FILES_DIR, data/files by default). Prints the row counts the copy holds.
//   npm run db:backup -- --out backups/rrc-2026-05-01.db [--files-out backups/files]
// Documents go to a folder shared by the backups beside the copy (`<folder of --out>/files`
// unless --files-out says otherwise), named by SHA-256 like the store: each content is copied
// once, whatever the number of backups naming it. Restore with `npm run db:restore`.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { databasePathOrExit } from "../app/config/database-url.mjs";
import { filesDir, storedFilePath } from "../app/config/files-dir.mjs";

const { values } = parseArgs({ options: { out: { type: "string" }, "files-out": { type: "string" } } });
if (!values.out) {
  console.error("Usage: npm run db:backup -- --out <file> [--files-out <folder>]");
  process.exit(2);
}
const source = databasePathOrExit(undefined, "`npm run db:backup`");
const target = path.resolve(process.cwd(), values.out);
const filesTarget = path.resolve(process.cwd(), values["files-out"] ?? path.join(path.dirname(target), "files"));
const filesSource = filesDir();
if (!fs.existsSync(source)) {
  console.error(`No database at ${source}`);
  process.exit(1);
}
if (path.resolve(source) === target) {
  console.error("The backup must not overwrite the database itself.");
  process.exit(2);
}
if (filesTarget === filesSource) {
  console.error("The documents' backup must not be the store itself.");
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
const tables = ["Enterprise", "Request", "RequestEvent", "User", "Cluster", "Notification", "RequestFile"];
const counts = Object.fromEntries(tables.map((t) => [t, copy.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get().n]));
// The documents the copy's rows name. A stored file is written before its row and never removed
// while a row names it, so each one is in the store now.
const named = copy
  .prepare(
    `SELECT "sha256" FROM "RequestFile" UNION SELECT "thumbnailSha256" FROM "RequestFile" WHERE "thumbnailSha256" IS NOT NULL` +
      // Issued weekly reports (decision 042), in copies made since they exist.
      (copy.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'IssuedReport'`).get() ? ` UNION SELECT "sha256" FROM "IssuedReport"` : ""),
  )
  .pluck()
  .all();
copy.close();

let copied = 0;
let bytes = 0;
for (const sha256 of named) {
  const to = storedFilePath(filesTarget, sha256);
  if (fs.existsSync(to)) continue;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const partial = `${to}.partial`;
  const hash = createHash("sha256");
  const count = new Transform({
    transform(chunk, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(fs.createReadStream(storedFilePath(filesSource, sha256)), count, fs.createWriteStream(partial));
  // What was read must be what the name promises: a damaged store is reported, not backed up.
  if (hash.digest("hex") !== sha256) {
    fs.rmSync(partial, { force: true });
    console.error(`The stored document ${sha256} does not match its SHA-256: the store is damaged.`);
    process.exit(1);
  }
  const handle = fs.openSync(partial, "r+");
  fs.fsyncSync(handle);
  fs.closeSync(handle);
  fs.renameSync(partial, to);
  copied += 1;
}

console.log(`Backup written: ${target}`);
console.log(
  `Documents: ${named.length} in ${filesTarget} (${copied} copied now, ${(bytes / 2 ** 20).toFixed(1)} MB; the rest were there from earlier backups)`,
);
console.log(JSON.stringify(counts));
