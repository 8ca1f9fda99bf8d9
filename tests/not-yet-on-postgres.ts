// The integration test files that do not run on PostgreSQL, each with the reason, in this one
// place (decisions 049 and 051). `npm run test:postgres` runs every other file in
// tests/integration on a throw-away PostgreSQL server. No test inside a file is skipped.

const SQLITE_FILE = "backs up and restores the SQLite file itself (db:backup, db:restore are SQLite's; PostgreSQL has its own tools)";

export const NOT_YET_ON_POSTGRES: Record<string, string> = {
  "tests/integration/backup-files.test.ts": SQLITE_FILE,
};
