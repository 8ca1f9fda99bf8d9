// The integration test files that do not run on PostgreSQL yet, each with the reason, in this one
// place (decision 049). `npm run test:postgres` runs every other file in tests/integration on a
// throw-away PostgreSQL server; a file comes off this list when the code it tests runs there (the
// app's SQLite-only SQL moves behind the data layer, decisions 046 and 051). No test inside a file
// is skipped.

/** The dashboard's marks of what it has looked at are SQLite rowids (app/data/dashboard.server.ts). */
const DASHBOARD_SQL = "the dashboard marks what it has looked at by SQLite rowids";
/** The weekly report's snapshot (app/data/report-snapshot.server.ts), also read by the timed rules' closed-week job. */
const REPORT_SQL = "the weekly report reads on its own SQLite connection (app/data/report-snapshot.server.ts)";
const SQLITE_FILE = "backs up and restores the SQLite file itself (db:backup, db:restore are SQLite's)";

function because(...reasons: string[]) {
  return reasons.join("; ");
}

export const NOT_YET_ON_POSTGRES: Record<string, string> = {
  "tests/integration/authorization.test.ts": because(DASHBOARD_SQL, REPORT_SQL),
  "tests/integration/backup-files.test.ts": because(SQLITE_FILE),
  "tests/integration/dashboard-history.test.ts": because(DASHBOARD_SQL),
  "tests/integration/dashboard.test.ts": because(DASHBOARD_SQL),
  "tests/integration/demo-data.test.ts": because(REPORT_SQL),
  "tests/integration/issued-reports.test.ts": because(REPORT_SQL),
  "tests/integration/merging.test.ts": because(REPORT_SQL),
  "tests/integration/notification-preferences.test.ts": because(REPORT_SQL),
  "tests/integration/report-files.test.ts": because(REPORT_SQL),
  "tests/integration/scheduler.test.ts": because(REPORT_SQL),
  "tests/integration/weekly-report.test.ts": because(REPORT_SQL),
};
