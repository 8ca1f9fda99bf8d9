// Creates and migrates the database (data/rrc.db unless DATABASE_URL says otherwise) and
// seeds the demo data when it is empty. Options: --no-seed, --reset (delete the file first).
// On PostgreSQL (DATABASE_URL=postgresql://…) the same, with that engine's migrations
// (prisma/postgres/migrations): the database is created when the server does not have it yet,
// and --reset drops it first.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrlOrExit, printableUrl } from "../app/config/database-url.mjs";

const args = new Set(process.argv.slice(2));
const database = parseDatabaseUrlOrExit();
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

/** The SQLite file, created by the migrations; its number of clusters. */
function prepareSqlite(file) {
  if (args.has("--reset")) for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const sqlite = new Database(file);
  // WAL is a property of the database file: set it once here, before the server starts.
  sqlite.pragma("journal_mode = WAL");
  const { count } = sqlite.prepare("SELECT COUNT(*) AS count FROM Cluster").get();
  sqlite.close();
  return count;
}

/** The PostgreSQL database, created on its server when missing (dropped first with --reset); its number of clusters. */
async function preparePostgres(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const server = new pg.Client({ connectionString: maintenance.toString() });
  try {
    await server.connect();
  } catch (error) {
    console.error(`Cannot reach the PostgreSQL server of DATABASE_URL=${printableUrl(url)}: ${error.message}`);
    process.exit(1);
  }
  const quoted = `"${name.replaceAll('"', '""')}"`;
  if (args.has("--reset")) await server.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
  const { rowCount } = await server.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!rowCount) await server.query(`CREATE DATABASE ${quoted}`);
  await server.end();

  execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT COUNT(*)::int AS count FROM "Cluster"`);
  await client.end();
  return rows[0].count;
}

const count = database.engine === "postgresql" ? await preparePostgres(database.url) : prepareSqlite(database.path);
if (count === 0 && !args.has("--no-seed")) {
  console.log("Empty database: adding the demo data…");
  execFileSync(bin("tsx"), ["prisma/seed.ts"], { cwd: root, stdio: "inherit" });
}
console.log(`Database ready: ${database.engine === "postgresql" ? printableUrl(database.url) : database.path}`);
