// The one place that decides where the database file is: DATABASE_URL, else data/rrc.db.
// Relative paths are taken from the working directory (npm runs every script from the
// project root). Plain JavaScript, so that what runs without a build may import it too:
// prisma.config.ts, the setup and backup scripts, the benchmarks, and the app's
// configuration (app/config/env.server.ts).
// A DATABASE_URL this version cannot serve (postgresql://…, mysql://…) stops everything at
// start with a message: it never becomes a folder named "postgresql:" holding a new SQLite file.
import path from "node:path";

/** A DATABASE_URL the app cannot serve; its message says what to set. */
export class DatabaseUrlError extends Error {
  name = "ConfigurationError";
}

// Two letters at least: "C:\data\rrc.db" is a path, not a scheme.
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/** The URL as it may be printed: a password in it is replaced by "***". */
function printable(url) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*):[^@/]*@/i, "$1:***@");
}

/** @returns {string} a `file:` URL with an absolute path */
export function databaseUrl(value = process.env.DATABASE_URL) {
  const raw = value && value.trim() ? value.trim() : "file:data/rrc.db";
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme && scheme !== "file") {
    throw new DatabaseUrlError(
      `DATABASE_URL=${printable(raw)} cannot be served: this version of the tracker keeps its data in SQLite, ` +
        "given as DATABASE_URL=file:<path> (unset: file:data/rrc.db)." +
        (scheme.startsWith("postgres") ? " PostgreSQL is not supported yet." : ""),
    );
  }
  const file = raw.startsWith("file:") ? raw.slice("file:".length) : raw;
  return `file:${path.resolve(process.cwd(), file)}`;
}

/** @returns {string} the database file's absolute path */
export function databasePath(value) {
  return databaseUrl(value).slice("file:".length);
}

/**
 * For the command-line scripts: the database file's path, or the message and exit code 1
 * (never a stack trace) when DATABASE_URL cannot be served.
 */
export function databasePathOrExit(value) {
  try {
    return databasePath(value);
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
