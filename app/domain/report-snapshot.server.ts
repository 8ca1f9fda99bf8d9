// The database as one report sees it: a read-only better-sqlite3 connection holding one read
// transaction, so every sheet of a file describes the same moment however long the file takes
// to write (WAL: writers carry on meanwhile). Rows are streamed with `iterate()`, never loaded
// whole. Reports read here rather than through Prisma because Prisma's per-row cost made a
// 100,000-request export several times slower than its target; see
// docs/decisions/009-weekly-report-reads.md. Writes (the export log) still go through Prisma.
import Database from "better-sqlite3";
import { env } from "~/utils/env.server";
import type { Status } from "./state-machine";
import type { Category, Urgency } from "./taxonomy";

/** How the Prisma SQLite adapter stores a DateTime (ISO 8601, "+00:00"): compare like with like. */
export function sqliteTimestamp(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}

const toDate = (value: string | number) => new Date(value);

export type SnapshotCluster = { id: string; slug: string; nameUk: string; nameEn: string; active: boolean };

export type SnapshotRequest = {
  id: string;
  reference: string;
  createdAt: Date;
  category: Category;
  urgency: Urgency;
  region: string;
  city: string;
  title: string;
  sensitiveDetails: string | null;
  assignedClusterId: string | null;
  enterpriseName: string;
  edrpou: string;
};

export type SnapshotEvent = {
  action: string;
  fromStatus: Status | null;
  toStatus: Status | null;
  clusterId: string | null;
  createdAt: Date;
};

export type SnapshotChange = SnapshotEvent & {
  requestId: string;
  request: { reference: string; category: Category; urgency: Urgency };
};

type RequestEventRow = {
  id: string;
  reference: string;
  createdAt: string;
  category: Category;
  urgency: Urgency;
  region: string;
  city: string;
  title: string;
  sensitiveDetails: string | null;
  assignedClusterId: string | null;
  enterpriseName: string;
  edrpou: string;
  action: string | null;
  fromStatus: Status | null;
  toStatus: Status | null;
  eventClusterId: string | null;
  eventAt: string | null;
};

const REQUESTS_SQL = (forCluster: boolean) => `
  SELECT r."id", r."reference", r."createdAt", r."category", r."urgency", r."region", r."city", r."title",
         r."sensitiveDetails", r."assignedClusterId", e."name" AS "enterpriseName", e."edrpou",
         ev."action", ev."fromStatus", ev."toStatus", ev."clusterId" AS "eventClusterId", ev."createdAt" AS "eventAt"
  FROM "Request" r
  JOIN "Enterprise" e ON e."id" = r."enterpriseId"
  LEFT JOIN "RequestEvent" ev ON ev."requestId" = r."id" AND ev."createdAt" < @end AND ev."toStatus" IS NOT NULL
  WHERE r."createdAt" < @end
  ${
    forCluster
      ? `AND EXISTS (SELECT 1 FROM "RequestEvent" x WHERE x."requestId" = r."id" AND x."clusterId" = @clusterId AND x."createdAt" < @end)`
      : ""
  }
  ORDER BY r."reference", ev."createdAt", ev."id"`;

const CHANGES_SQL = `
  SELECT ev."requestId", ev."action", ev."fromStatus", ev."toStatus", ev."clusterId", ev."createdAt",
         r."reference", r."category", r."urgency"
  FROM "RequestEvent" ev
  JOIN "Request" r ON r."id" = ev."requestId"
  WHERE ev."createdAt" >= @start AND ev."createdAt" < @end AND ev."toStatus" IS NOT NULL
  ORDER BY ev."createdAt", ev."id"`;

export class ReportSnapshot {
  private readonly db: Database.Database;

  constructor(file: string = env.databaseUrl.slice("file:".length)) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.db.pragma("busy_timeout = 5000");
    // One read transaction: the snapshot is taken at the first read and held until close().
    this.db.exec("BEGIN");
  }

  clusters(): SnapshotCluster[] {
    const rows = this.db
      .prepare(`SELECT "id", "slug", "nameUk", "nameEn", "active" FROM "Cluster" ORDER BY "slug"`)
      .all() as Array<Omit<SnapshotCluster, "active"> & { active: number }>;
    return rows.map((row) => ({ ...row, active: row.active === 1 }));
  }

  /**
   * Requests filed before `end`, by reference, each with its status changes before `end`
   * (oldest first). With `clusterId`: only requests with some change attributed to it.
   */
  *requests(end: Date, clusterId: string | null): Generator<{ request: SnapshotRequest; events: SnapshotEvent[] }> {
    const statement = this.db.prepare(REQUESTS_SQL(clusterId !== null));
    const params = clusterId !== null ? { end: sqliteTimestamp(end), clusterId } : { end: sqliteTimestamp(end) };
    type Grouped = { request: SnapshotRequest; events: SnapshotEvent[] };
    let current = null as Grouped | null;
    for (const row of statement.iterate(params) as IterableIterator<RequestEventRow>) {
      if (current?.request.id !== row.id) {
        if (current) yield current;
        current = {
          request: {
            id: row.id,
            reference: row.reference,
            createdAt: toDate(row.createdAt),
            category: row.category,
            urgency: row.urgency,
            region: row.region,
            city: row.city,
            title: row.title,
            sensitiveDetails: row.sensitiveDetails,
            assignedClusterId: row.assignedClusterId,
            enterpriseName: row.enterpriseName,
            edrpou: row.edrpou,
          },
          events: [],
        };
      }
      if (row.eventAt !== null) {
        current.events.push({
          action: row.action!,
          fromStatus: row.fromStatus,
          toStatus: row.toStatus,
          clusterId: row.eventClusterId,
          createdAt: toDate(row.eventAt),
        });
      }
    }
    if (current) yield current;
  }

  /** Every status change in [start, end), oldest first, with its request's reference. */
  *changes({ start, end }: { start: Date; end: Date }): Generator<SnapshotChange> {
    const statement = this.db.prepare(CHANGES_SQL);
    type Row = Omit<SnapshotEvent, "createdAt"> & { requestId: string; createdAt: string; reference: string; category: Category; urgency: Urgency };
    for (const row of statement.iterate({ start: sqliteTimestamp(start), end: sqliteTimestamp(end) }) as IterableIterator<Row>) {
      yield {
        requestId: row.requestId,
        action: row.action,
        fromStatus: row.fromStatus,
        toStatus: row.toStatus,
        clusterId: row.clusterId,
        createdAt: toDate(row.createdAt),
        request: { reference: row.reference, category: row.category, urgency: row.urgency },
      };
    }
  }

  close() {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec("COMMIT");
    this.db.close();
  }
}

/** Runs `read` on a fresh snapshot and closes it afterwards, also when `read` fails. */
export async function withReportSnapshot<T>(read: (snapshot: ReportSnapshot) => Promise<T>): Promise<T> {
  const snapshot = new ReportSnapshot();
  try {
    return await read(snapshot);
  } finally {
    snapshot.close();
  }
}
