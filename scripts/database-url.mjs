// The one place that decides where the database file is: DATABASE_URL, else data/rrc.db.
// Relative paths are taken from the working directory (npm runs every script from the
// project root). Used by prisma.config.ts, the setup scripts and the server (env.server.ts).
import path from "node:path";

/** @returns {string} a `file:` URL with an absolute path */
export function databaseUrl(value = process.env.DATABASE_URL) {
  const raw = value && value.trim() ? value.trim() : "file:data/rrc.db";
  const file = raw.startsWith("file:") ? raw.slice("file:".length) : raw;
  return `file:${path.resolve(process.cwd(), file)}`;
}

/** @returns {string} the database file's absolute path */
export function databasePath(value) {
  return databaseUrl(value).slice("file:".length);
}
