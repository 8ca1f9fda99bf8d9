// The integration test files that do not run on PostgreSQL yet, each with the reason, in this one
// place (decision 049). `npm run test:postgres` runs every other file in tests/integration on a
// throw-away PostgreSQL server; a file comes off this list when the code it tests runs there (the
// app's SQLite-only SQL moves behind the data layer, decision 046). No test inside a file is skipped.

/** Signing staff in reads the session on the read-only SQLite connection (auth.server.ts, app/data/read-db.server.ts). */
const SIGNS_IN = "signs staff in: the session is read on the read-only SQLite connection (app/data/read-db.server.ts)";
/** Filing a request runs SQLite statements on the better-sqlite3 connection (writeTransaction in app/data/db.server.ts). */
const FILES_REQUESTS = "files requests: intake writes with SQLite statements on the better-sqlite3 connection (writeTransaction)";
const QUEUE_SQL = "the queue reads with SQLite SQL on the read-only connection (FTS5 search, rowid)";
const DASHBOARD_SQL = "the dashboard reads with SQLite SQL on the read-only connection";
const REPORT_SQL = "the weekly report reads on its own SQLite connection (app/data/report-snapshot.server.ts)";
const OUTBOX_SQL = "the notifications' outbox writes with SQLite statements in the transaction (txStatements)";
const UNREAD_SQL = "unread marks read and write with SQLite statements (read-only connection, writeTransaction)";
const SQLITE_FILE = "backs up and restores the SQLite file itself (db:backup, db:restore are SQLite's)";

function because(...reasons: string[]) {
  return reasons.join("; ");
}

export const NOT_YET_ON_POSTGRES: Record<string, string> = {
  "tests/integration/access.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/account.test.ts": because(SIGNS_IN, OUTBOX_SQL),
  "tests/integration/admin-audit.test.ts": because(SIGNS_IN),
  "tests/integration/admin.test.ts": because(SIGNS_IN),
  "tests/integration/announcements.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/auth.test.ts": because(SIGNS_IN),
  "tests/integration/authorization.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/backup-files.test.ts": because(FILES_REQUESTS, SQLITE_FILE),
  "tests/integration/cluster-matching.test.ts": because(FILES_REQUESTS),
  "tests/integration/cluster-portal.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/dashboard-history.test.ts": because(FILES_REQUESTS, DASHBOARD_SQL),
  "tests/integration/dashboard.test.ts": because(FILES_REQUESTS, DASHBOARD_SQL),
  "tests/integration/demo-data.test.ts": because(FILES_REQUESTS),
  "tests/integration/enterprise-page.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/enterprise-registry.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/files.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/info-requests.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/intake-files.test.ts": because(FILES_REQUESTS),
  "tests/integration/intake-rate-limit.test.ts": because(FILES_REQUESTS),
  "tests/integration/intake.test.ts": because(FILES_REQUESTS),
  "tests/integration/issued-reports.test.ts": because(SIGNS_IN, FILES_REQUESTS, REPORT_SQL),
  "tests/integration/merging.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/message-files.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/notification-preferences.test.ts": because(SIGNS_IN, FILES_REQUESTS, OUTBOX_SQL),
  "tests/integration/notifications.test.ts": because(SIGNS_IN, FILES_REQUESTS, OUTBOX_SQL),
  "tests/integration/ownership.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/queue.test.ts": because(SIGNS_IN, FILES_REQUESTS, QUEUE_SQL),
  "tests/integration/reply-templates.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/report-files.test.ts": because(SIGNS_IN, FILES_REQUESTS, REPORT_SQL),
  "tests/integration/request-actions.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/request-corrections.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/request-print.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/scheduler.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/shared-views.test.ts": because(SIGNS_IN, QUEUE_SQL),
  "tests/integration/staff-strings.test.ts": because(SIGNS_IN),
  "tests/integration/status-links.test.ts": because(SIGNS_IN, FILES_REQUESTS),
  "tests/integration/status-page.test.ts": because(FILES_REQUESTS),
  "tests/integration/unread.test.ts": because(SIGNS_IN, FILES_REQUESTS, UNREAD_SQL),
  "tests/integration/weekly-report.test.ts": because(FILES_REQUESTS, REPORT_SQL),
};
