// Runs a command against a throw-away PostgreSQL server: Debian's pg_virtualenv (postgresql-common)
// creates a cluster in a temporary folder, this script runs the command with DATABASE_URL naming
// a database on it, and the cluster is dropped when the command ends. Nothing needs to be running
// beforehand; the command's exit code is this script's.
//   node scripts/with-postgres.mjs <command> [args…]
// Without PostgreSQL on the machine it says loudly that the PostgreSQL run was skipped and why,
// and exits 0; with CI=true it exits 1 instead (.ci/run installs Debian's postgresql).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const INSIDE = "--inside-pg-virtualenv";
/** Where Debian puts each PostgreSQL version's server. */
const SERVERS = "/usr/lib/postgresql";
const [first, ...rest] = process.argv.slice(2);

/** Runs `command` with the inherited terminal; its exit code (1 when it could not start). */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.error) console.error(`${command}: ${result.error.message}`);
  return result.status ?? 1;
}

if (first === INSIDE) {
  // pg_virtualenv has set PGHOST, PGPORT, PGUSER, PGPASSWORD for its new cluster.
  const { PGHOST = "localhost", PGPORT = "5432", PGUSER = "postgres", PGPASSWORD = "" } = process.env;
  const url = `postgresql://${encodeURIComponent(PGUSER)}:${encodeURIComponent(PGPASSWORD)}@${PGHOST}:${PGPORT}/rrc`;
  const [command, ...args] = rest;
  process.exit(run(command, args, { ...process.env, DATABASE_URL: url }));
}

if (!first) {
  console.error("Usage: node scripts/with-postgres.mjs <command> [args…]");
  process.exit(2);
}

/** Why no throw-away server can be started here, or null when one can. */
function missing() {
  if (spawnSync("pg_virtualenv", ["-h"], { stdio: "ignore" }).error)
    return "pg_virtualenv was not found: Debian's postgresql (and postgresql-common) is not installed on this machine";
  const versions = fs.existsSync(SERVERS) ? fs.readdirSync(SERVERS).filter((version) => fs.existsSync(path.join(SERVERS, version, "bin", "postgres"))) : [];
  return versions.length ? null : `no PostgreSQL server under ${SERVERS}: Debian's postgresql is not installed on this machine`;
}

const why = missing();
if (why) {
  const banner = "=".repeat(100);
  if (process.env.CI === "true") {
    console.error(`${banner}\nThe PostgreSQL run FAILED: ${why}.\nCI=true needs it: apt-get install postgresql (.ci/run does).\n${banner}`);
    process.exit(1);
  }
  console.error(
    `${banner}\nThe PostgreSQL run was SKIPPED: ${why}.\nOnly SQLite was tested. Install it (apt-get install postgresql) to test both engines.\n${banner}`,
  );
  process.exit(0);
}

// -t: the cluster lives in a temporary folder even for root, so runs at once do not meet. Its
// data is thrown away afterwards: no need to wait for the disk.
const settings = ["fsync=off", "synchronous_commit=off", "full_page_writes=off"].flatMap((setting) => ["-o", setting]);
process.exit(run("pg_virtualenv", ["-t", ...settings, process.execPath, fileURLToPath(import.meta.url), INSIDE, first, ...rest]));
