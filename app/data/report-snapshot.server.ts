// The database as one report sees it: a read-only better-sqlite3 connection holding one read
// transaction, so every sheet of a file describes the same moment however long the file takes
// to write (WAL: writers carry on meanwhile). Rows are read a page at a time, never all at
// once. Reports read here rather than through Prisma because Prisma's nested read of 100,000
// requests and their events alone took longer than the CSV's whole time target; see
// docs/decisions/009-weekly-report-reads.md. Writes (the export log) still go through Prisma.
// On PostgreSQL the same reads run in one REPEATABLE READ transaction through Prisma's raw
// queries (PostgresReportSnapshot below; decision 051).
import Database from "better-sqlite3";
import { env } from "~/config/env.server";
import { onPostgres, postgresSnapshot, type Tx } from "./db.server";
import { sqliteTimestamp } from "./sqlite-time";
import type { Status } from "~/domain/requests/state-machine";
import type { Category, Urgency } from "~/domain/taxonomy";
import type { ReportChange, ReportCluster, ReportEvent, ReportRequest } from "~/domain/report/types";

const toDate = (value: string | number | Date) => new Date(value);

/** Rows are read as arrays (cheaper than an object per row): the columns of REQUEST_PAGE_SQL. */
type RequestRow = [
  rowid: number,
  id: string,
  createdAt: string,
  category: Category,
  urgency: Urgency,
  region: string,
  sector: string | null,
  assignedClusterId: string | null,
  lines: string | null,
  reference: string,
  city: string,
  title: string,
  sensitiveDetails: string | null,
  enterpriseName: string,
  edrpou: string,
  fileCount: number,
  changes: string | null,
];

/**
 * What to read of each request: everything a row of the file shows, or only what the figures
 * need (a lighter read for the XLSX's first pass; the text columns come back empty).
 */
export type RequestColumns = "row" | "figures";

// A request's status changes and its lines split off or joined away before the end, oldest
// first (ties in the order written), packed into one text by SQLite from the (requestId,
// createdAt, toStatus, action, fromStatus, clusterId, lineId) index alone: six words a change
// (action, from, to, cluster, time, line; "" for none). One value per request instead of seven
// per change: handing values to JavaScript one by one cost more than SQLite's own reading. None
// of the words holds a space.
const LINE_CHANGES = `('splitLine', 'joinLines')`;
const CHANGES_OF_REQUEST = `(SELECT group_concat(x."action" || ' ' || ifnull(x."fromStatus", '') || ' ' || ifnull(x."toStatus", '') || ' ' || ifnull(x."clusterId", '') || ' ' || x."createdAt" || ' ' || ifnull(x."lineId", ''), ' ' ORDER BY x."createdAt", x."rowid")
    FROM "RequestEvent" x WHERE x."requestId" = r."id" AND x."createdAt" < @end AND (x."toStatus" IS NOT NULL OR x."action" IN ${LINE_CHANGES}))`;

// A request's lines in order, one word each: "f" for a line filed with it or "s" for one split off
// later, then the cluster holding it now ("" for none). Read in one pass over the lines: how many
// were filed (the week's replay starts them waiting) and whose the first line is now (who may see
// its sensitive details, decision 055). Cluster ids hold no space.
const LINES = `(SELECT group_concat(CASE WHEN l."createdAt" = r."createdAt" THEN 'f' ELSE 's' END || ifnull(l."clusterId", ''), ' ' ORDER BY l."position")
    FROM "RequestLine" l WHERE l."requestId" = r."id")`;

// Requests in the order they were stored (rowid: the order they were filed), a page at a time,
// each with its status changes.
const REQUEST_PAGE_SQL = (columns: RequestColumns, forCluster: boolean, listed: boolean) => `
  SELECT r."rowid" AS "rowid", r."id", r."createdAt", r."category", r."urgency", r."region", r."sector", r."assignedClusterId", ${LINES} AS "lines",
  ${
    columns === "row"
      ? `r."reference", r."city", r."title", r."sensitiveDetails", r."enterpriseName", e."edrpou",
  (SELECT COUNT(*) FROM "RequestFile" f WHERE f."requestId" = r."id" AND f."createdAt" < @end) AS "fileCount",
  ${CHANGES_OF_REQUEST} AS "changes"
  FROM "Request" r JOIN "Enterprise" e ON e."id" = r."enterpriseId"`
      : `r."reference", '' AS "city", '' AS "title", NULL AS "sensitiveDetails", '' AS "enterpriseName", '' AS "edrpou", 0 AS "fileCount",
  ${CHANGES_OF_REQUEST} AS "changes"
  FROM "Request" r`
  }
  WHERE r."createdAt" < @end AND ${listed ? `r."rowid" IN (SELECT "value" FROM json_each(@listed))` : `r."rowid" > @after`}
  ${forCluster ? `AND EXISTS (SELECT 1 FROM "RequestEvent" x WHERE x."requestId" = r."id" AND x."clusterId" = @clusterId AND x."createdAt" < @end)` : ""}
  ORDER BY r."rowid"
  LIMIT @limit`;

// The requests with a given kind of status change in a stretch of time, by where they are stored.
const CHANGED_IN_SQL = (actions: number) => `
  SELECT DISTINCT r."rowid" FROM "RequestEvent" ev JOIN "Request" r ON r."id" = ev."requestId"
  WHERE ev."action" IN (${Array.from({ length: actions }, () => "?").join(", ")}) AND ev."createdAt" >= ? AND ev."createdAt" < ?
  ORDER BY 1`;

const CHANGES_SQL = `
  SELECT ev."requestId", ev."action", ev."fromStatus", ev."toStatus", ev."clusterId", ev."lineId", ev."createdAt",
         r."reference", r."category", r."urgency"
  FROM "RequestEvent" ev
  JOIN "Request" r ON r."id" = ev."requestId"
  WHERE ev."createdAt" >= @start AND ev."createdAt" < @end AND ev."toStatus" IS NOT NULL
  ORDER BY ev."createdAt", ev."id"`;

/** The lines packed by LINES (or its PostgreSQL twin), unpacked. */
function unpackLines(packed: string | null): Pick<ReportRequest, "filedLines" | "firstLineClusterId"> {
  if (packed === null) return { filedLines: 0, firstLineClusterId: null };
  const words = packed.split(" ");
  let filedLines = 0;
  for (const word of words) if (word.startsWith("f")) filedLines++;
  return { filedLines, firstLineClusterId: words[0]!.slice(1) || null };
}

/** The status changes packed by CHANGES_OF_REQUEST, unpacked. */
function unpackChanges(packed: string | null): ReportEvent[] {
  if (packed === null) return [];
  const words = packed.split(" ");
  const events: ReportEvent[] = [];
  for (let i = 0; i < words.length; i += 6) {
    events.push({
      action: words[i]!,
      fromStatus: (words[i + 1] || null) as Status | null,
      toStatus: (words[i + 2] || null) as Status | null,
      clusterId: words[i + 3] || null,
      createdAt: toDate(words[i + 4]!),
      lineId: words[i + 5] || null,
    });
  }
  return events;
}

function withEvents(rows: readonly RequestRow[]): Array<{ request: ReportRequest; events: ReportEvent[] }> {
  return rows.map(([
    ,
    id,
    createdAt,
    category,
    urgency,
    region,
    sector,
    assignedClusterId,
    lines,
    reference,
    city,
    title,
    sensitiveDetails,
    enterpriseName,
    edrpou,
    fileCount,
    changes,
  ]) => {
    const request: ReportRequest = {
      id,
      reference,
      createdAt: toDate(createdAt),
      category,
      urgency,
      region,
      sector,
      city,
      title,
      sensitiveDetails,
      assignedClusterId,
      ...unpackLines(lines),
      enterpriseName,
      edrpou,
      fileCount,
    };
    return { request, events: unpackChanges(changes) };
  });
}

/** A row of the week's status changes, as either engine returns it (a time as text or a Date). */
type ChangeRow = Omit<ReportEvent, "createdAt"> & { requestId: string; createdAt: string | Date; reference: string; category: Category; urgency: Urgency };

function changeOf(row: ChangeRow): ReportChange {
  return {
    requestId: row.requestId,
    action: row.action,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    clusterId: row.clusterId,
    lineId: row.lineId,
    createdAt: toDate(row.createdAt),
    request: { reference: row.reference, category: row.category, urgency: row.urgency },
  };
}

/** A request's place in the order the report reads them: SQLite's rowid, PostgreSQL's id. */
export type RequestKey = number | string;

type RequestPageOptions = { clusterId?: string | null; pageSize?: number; columns?: RequestColumns; only?: readonly RequestKey[] | null };

/** The database at one moment, as the report reads it. */
export type ReportSnapshot = {
  clusters(): Promise<ReportCluster[]>;
  /**
   * Requests filed before `end`, in the order they were stored, each with its status changes
   * before `end` (oldest first), `pageSize` requests a page. With `clusterId`: only requests with
   * some change ever attributed to that cluster. With `only`: only those requests (keys from
   * `requestsChangedIn`, in its order).
   */
  requestPages(end: Date, options?: RequestPageOptions): AsyncGenerator<Array<{ request: ReportRequest; events: ReportEvent[] }>>;
  /** The requests with a change of one of `actions` in [start, end), for `requestPages(end, { only })`. */
  requestsChangedIn(range: { start: Date; end: Date; actions: readonly string[] }): Promise<RequestKey[]>;
  /** Every status change in [start, end), oldest first, with its request's reference. */
  changes(range: { start: Date; end: Date }): AsyncGenerator<ReportChange>;
};

class SqliteReportSnapshot implements ReportSnapshot {
  private readonly db: Database.Database;

  constructor(file: string = env.databaseUrl.slice("file:".length)) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.db.pragma("busy_timeout = 5000");
    // One read transaction: the snapshot is taken at the first read and held until close().
    this.db.exec("BEGIN");
  }

  async clusters(): Promise<ReportCluster[]> {
    const rows = this.db.prepare(`SELECT "id", "slug", "nameUk", "nameEn", "active" FROM "Cluster" ORDER BY "slug"`).all() as Array<
      Omit<ReportCluster, "active"> & { active: number }
    >;
    return rows.map((row) => ({ ...row, active: row.active === 1 }));
  }

  async *requestPages(
    end: Date,
    { clusterId = null, pageSize = 100, columns = "row", only = null }: RequestPageOptions = {},
  ): AsyncGenerator<Array<{ request: ReportRequest; events: ReportEvent[] }>> {
    const requestPage = this.db.prepare(REQUEST_PAGE_SQL(columns, clusterId !== null, only !== null)).raw();
    const params = { end: sqliteTimestamp(end), limit: pageSize, ...(clusterId !== null ? { clusterId } : {}) };
    if (only !== null) {
      for (let from = 0; from < only.length; from += pageSize) {
        yield withEvents(requestPage.all({ ...params, listed: JSON.stringify(only.slice(from, from + pageSize)) }) as RequestRow[]);
      }
      return;
    }
    for (let after = 0; ; ) {
      const rows = requestPage.all({ ...params, after }) as RequestRow[];
      yield withEvents(rows);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]![0];
    }
  }

  /** The rowids (ascending) of the requests changed so: a week's few instead of every request ever filed. */
  async requestsChangedIn({ start, end, actions }: { start: Date; end: Date; actions: readonly string[] }): Promise<number[]> {
    return this.db
      .prepare(CHANGED_IN_SQL(actions.length))
      .pluck()
      .all(...actions, sqliteTimestamp(start), sqliteTimestamp(end)) as number[];
  }

  async *changes({ start, end }: { start: Date; end: Date }): AsyncGenerator<ReportChange> {
    const statement = this.db.prepare(CHANGES_SQL);
    const rows = statement.iterate({ start: sqliteTimestamp(start), end: sqliteTimestamp(end) }) as IterableIterator<ChangeRow>;
    for (const row of rows) yield changeOf(row);
  }

  close() {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec("COMMIT");
    this.db.close();
  }
}

/** How long a report's PostgreSQL transaction may stay open: the biggest file's writing time, with room. */
const POSTGRES_REPORT_TIMEOUT_MS = 10 * 60_000;

/** A timestamp as the text SQLite's column holds, for PostgreSQL's packed changes: no space inside. */
const ISO_TEXT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The same reads on PostgreSQL, in one REPEATABLE READ transaction (`tx`), ordered by (createdAt, id). */
class PostgresReportSnapshot implements ReportSnapshot {
  constructor(private readonly tx: Tx) {}

  private query<Row>(sql: string, values: unknown[]): Promise<Row[]> {
    return this.tx.$queryRawUnsafe<Row[]>(sql, ...values);
  }

  async clusters(): Promise<ReportCluster[]> {
    return this.query<ReportCluster>(`SELECT "id", "slug", "nameUk", "nameEn", "active" FROM "Cluster" ORDER BY "slug" COLLATE "C"`, []);
  }

  async *requestPages(
    end: Date,
    { clusterId = null, pageSize = 100, columns = "row", only = null }: RequestPageOptions = {},
  ): AsyncGenerator<Array<{ request: ReportRequest; events: ReportEvent[] }>> {
    const page = async (position: { after: { createdAt: Date; id: string } | null } | { listed: readonly RequestKey[] }) => {
      const values: unknown[] = [];
      const value = (v: unknown) => `$${values.push(v)}`;
      const endAt = value(end);
      const changes = `(SELECT string_agg(x."action" || ' ' || coalesce(x."fromStatus"::text, '') || ' ' || coalesce(x."toStatus"::text, '') || ' '
          || coalesce(x."clusterId", '') || ' ' || to_char(x."createdAt", ${ISO_TEXT}) || ' ' || coalesce(x."lineId", ''), ' ' ORDER BY x."createdAt", x."id")
        FROM "RequestEvent" x WHERE x."requestId" = r."id" AND x."createdAt" < ${endAt} AND (x."toStatus" IS NOT NULL OR x."action" IN ${LINE_CHANGES})) AS "changes",
        (SELECT string_agg(CASE WHEN l."createdAt" = r."createdAt" THEN 'f' ELSE 's' END || coalesce(l."clusterId", ''), ' ' ORDER BY l."position")
          FROM "RequestLine" l WHERE l."requestId" = r."id") AS "lines"`;
      const select =
        columns === "row"
          ? `r."reference", r."city", r."title", r."sensitiveDetails", r."enterpriseName", e."edrpou",
             (SELECT count(*)::int FROM "RequestFile" f WHERE f."requestId" = r."id" AND f."createdAt" < ${endAt}) AS "fileCount", ${changes}
             FROM "Request" r JOIN "Enterprise" e ON e."id" = r."enterpriseId"`
          : `r."reference", '' AS "city", '' AS "title", NULL AS "sensitiveDetails", '' AS "enterpriseName", '' AS "edrpou", 0 AS "fileCount", ${changes}
             FROM "Request" r`;
      let where = `r."createdAt" < ${endAt}`;
      if ("listed" in position) where += ` AND r."id" IN (${position.listed.map((key) => value(String(key))).join(", ")})`;
      else if (position.after) where += ` AND (r."createdAt", r."id") > (${value(position.after.createdAt)}, ${value(position.after.id)})`;
      if (clusterId !== null)
        where += ` AND EXISTS (SELECT 1 FROM "RequestEvent" x WHERE x."requestId" = r."id" AND x."clusterId" = ${value(clusterId)} AND x."createdAt" < ${endAt})`;
      type Row = Omit<ReportRequest, "createdAt" | "filedLines" | "firstLineClusterId"> & { createdAt: Date; changes: string | null; lines: string | null };
      const rows = await this.query<Row>(
        `SELECT r."id", r."createdAt", r."category"::text AS "category", r."urgency"::text AS "urgency", r."region", r."sector", r."assignedClusterId", ${select}
         WHERE ${where} ORDER BY r."createdAt", r."id" LIMIT ${value(pageSize)}`,
        values,
      );
      return rows.map(({ changes: packed, lines, ...request }) => ({
        request: { ...request, createdAt: toDate(request.createdAt), ...unpackLines(lines) },
        events: unpackChanges(packed),
      }));
    };
    if (only !== null) {
      for (let from = 0; from < only.length; from += pageSize) yield await page({ listed: only.slice(from, from + pageSize) });
      return;
    }
    for (let after: { createdAt: Date; id: string } | null = null; ; ) {
      const rows = await page({ after });
      yield rows;
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1]!.request;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }

  async requestsChangedIn({ start, end, actions }: { start: Date; end: Date; actions: readonly string[] }): Promise<string[]> {
    const values: unknown[] = [...actions, start, end];
    const listed = actions.map((_, i) => `$${i + 1}`).join(", ");
    const rows = await this.query<{ id: string }>(
      `SELECT r."id" FROM "Request" r WHERE EXISTS (SELECT 1 FROM "RequestEvent" ev WHERE ev."requestId" = r."id" AND ev."action" IN (${listed})
         AND ev."createdAt" >= $${actions.length + 1} AND ev."createdAt" < $${actions.length + 2})
       ORDER BY r."createdAt", r."id"`,
      values,
    );
    return rows.map((row) => row.id);
  }

  async *changes({ start, end }: { start: Date; end: Date }): AsyncGenerator<ReportChange> {
    const rows = await this.query<ChangeRow>(
      `SELECT ev."requestId", ev."action", ev."fromStatus"::text AS "fromStatus", ev."toStatus"::text AS "toStatus", ev."clusterId", ev."lineId", ev."createdAt",
              r."reference", r."category"::text AS "category", r."urgency"::text AS "urgency"
       FROM "RequestEvent" ev JOIN "Request" r ON r."id" = ev."requestId"
       WHERE ev."createdAt" >= $1 AND ev."createdAt" < $2 AND ev."toStatus" IS NOT NULL
       ORDER BY ev."createdAt", ev."id"`,
      [start, end],
    );
    for (const row of rows) yield changeOf(row);
  }
}

/** Runs `read` on a fresh snapshot and closes it afterwards, also when `read` fails. */
export async function withReportSnapshot<T>(read: (snapshot: ReportSnapshot) => Promise<T>): Promise<T> {
  if (onPostgres) return postgresSnapshot((tx) => read(new PostgresReportSnapshot(tx)), { timeout: POSTGRES_REPORT_TIMEOUT_MS });
  const snapshot = new SqliteReportSnapshot();
  try {
    return await read(snapshot);
  } finally {
    snapshot.close();
  }
}
