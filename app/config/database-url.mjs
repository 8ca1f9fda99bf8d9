// The one place that reads DATABASE_URL and decides which database engine serves the app:
// SQLite for `file:<path>` (unset: file:data/rrc.db), PostgreSQL for `postgresql://…` or
// `postgres://…`. Relative paths are taken from the working directory (npm runs every script
// from the project root). Plain JavaScript, so that what runs without a build may import it
// too: prisma.config.ts, the setup and backup scripts, the benchmarks, and the app's
// configuration (app/config/env.server.ts).
// Any other DATABASE_URL stops everything at start with a message naming the accepted forms: it
// never becomes a folder named "mysql:" holding a new SQLite file.
import path from "node:path";

/** A DATABASE_URL the app cannot serve; its message says what to set. */
export class DatabaseUrlError extends Error {
  name = "ConfigurationError";
}

// Two letters at least: "C:\data\rrc.db" is a path, not a scheme.
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

const ACCEPTED =
  "DATABASE_URL=file:<path> for SQLite (unset: file:data/rrc.db) or " + "DATABASE_URL=postgresql://<user>:<password>@<host>:<port>/<database> for PostgreSQL";

/** The URL as it may be printed: a password in it is replaced by "***". */
export function printableUrl(url) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^@/]*@/i, "$1:***@");
}

/**
 * DATABASE_URL read once: the engine that serves it and the URL to hand to that engine's
 * adapter (for SQLite a `file:` URL with an absolute path, and that path).
 * @returns {{ engine: "sqlite", url: string, path: string } | { engine: "postgresql", url: string }}
 */
export function parseDatabaseUrl(value = process.env.DATABASE_URL) {
  const raw = value && value.trim() ? value.trim() : "file:data/rrc.db";
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === "postgresql" || scheme === "postgres") {
    let database = "";
    try {
      database = decodeURIComponent(new URL(raw).pathname.slice(1));
    } catch {
      // reported below
    }
    if (!database) {
      throw new DatabaseUrlError(`DATABASE_URL=${printableUrl(raw)} cannot be served: a PostgreSQL URL names a server and a database. Accepted: ${ACCEPTED}.`);
    }
    return { engine: "postgresql", url: raw };
  }
  if (scheme && scheme !== "file") {
    throw new DatabaseUrlError(`DATABASE_URL=${printableUrl(raw)} cannot be served. Accepted: ${ACCEPTED}.`);
  }
  const file = path.resolve(process.cwd(), raw.startsWith("file:") ? raw.slice("file:".length) : raw);
  return { engine: "sqlite", url: `file:${file}`, path: file };
}

/** @returns {string} the SQLite database file's absolute path; a PostgreSQL URL is refused with `needs` in the message */
export function databasePath(value, needs = "This") {
  const parsed = parseDatabaseUrl(value);
  if (parsed.engine !== "sqlite") {
    throw new DatabaseUrlError(
      `DATABASE_URL=${printableUrl(parsed.url)} is a PostgreSQL database. ${needs} works on SQLite files (DATABASE_URL=file:<path>) only.`,
    );
  }
  return parsed.path;
}

/** For the command-line scripts: `parse()`'s result, or the message and exit code 1 (never a stack trace). */
function orExit(parse) {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** For the command-line scripts: DATABASE_URL read as `parseDatabaseUrl` does, or the message and exit 1. */
export function parseDatabaseUrlOrExit(value) {
  return orExit(() => parseDatabaseUrl(value));
}

/** For the SQLite-only scripts (backup, restore): the database file's path, or the message and exit 1. */
export function databasePathOrExit(value, needs) {
  return orExit(() => databasePath(value, needs));
}
