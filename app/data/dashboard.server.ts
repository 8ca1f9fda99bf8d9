// Typed SQL behind the coordinators' dashboard (app/domain/report/dashboard*.server.ts says what
// each figure means), on the read connection. The change marks ("the last row looked at") are
// SQLite's rowids; PostgreSQL has none, so there its triggers note each write that can change a
// finished week in "DashboardChange", and the mark is how many there are.
import { onPostgres } from "./db.server";
import { read } from "./read-db.server";
import type { Selectable } from "kysely";
import { type DB, toBoolean } from "./schema";
import { type Query, type Work, builder, first, raw, rows } from "./sql";

/** Reads `work` in one read transaction: its figures describe the same moment. */
export function atOneMoment<T>(work: Work<T>): Promise<T> {
  return read(work, { atOneMoment: true });
}

/** The open requests counted by status, category, urgency, region and cluster (BacklogCount, kept by triggers). */
export function backlogCounts() {
  return rows(
    builder.selectFrom("BacklogCount").select(["dimension", "value", "count"]).where("count", ">", 0).orderBy("dimension").orderBy("value"),
  );
}

type Status = Selectable<DB["Request"]>["status"];

const countAll = raw<number>`count(*)`.as("count");

function* count(query: Query<{ count: number }>): Work<number> {
  return (yield* first(query))!.count;
}

/** Requests in one of `statuses` due before `now`. */
export function countDueBefore(statuses: readonly Status[], now: Date): Work<number> {
  return count(builder.selectFrom("Request").select(countAll).where("status", "in", statuses).where("nextDueAt", "<", now));
}

/** Requests in one of `statuses` filed after `after`. */
export function countFiledAfter(statuses: readonly Status[], after: Date): Work<number> {
  return count(builder.selectFrom("Request").select(countAll).where("status", "in", statuses).where("createdAt", ">", after));
}

/** Requests filed in [start, end). */
export function countFiled(start: Date, end: Date): Work<number> {
  return count(builder.selectFrom("Request").select(countAll).where("createdAt", ">=", start).where("createdAt", "<", end));
}

/** Changes named `action` written in [start, end). */
export function countChanges(action: string, start: Date, end: Date): Work<number> {
  return count(builder.selectFrom("RequestEvent").select(countAll).where("action", "=", action).where("createdAt", ">=", start).where("createdAt", "<", end));
}

const lastRowid = raw<number>`ifnull(max(rowid), 0)`.as("last");

/**
 * What has been written, as the dashboard's marks: on SQLite the last request's and the last
 * change's rowids (what came after them is looked at); on PostgreSQL how many writes that can
 * change a finished week its triggers have noted.
 */
export type ChangeMarks = { kind: "rowids"; requests: number; changes: number } | { kind: "noted"; noted: number };

export function* changeMarks(): Work<ChangeMarks> {
  if (onPostgres) return { kind: "noted", noted: Number(yield* count(builder.selectFrom("DashboardChange").select(countAll))) };
  const requests = (yield* first(builder.selectFrom("Request").select(lastRowid)))!.last;
  const changes = (yield* first(builder.selectFrom("RequestEvent").select(lastRowid)))!.last;
  return { kind: "rowids", requests, changes };
}

/** Whether a request written after the mark `after` was filed before `before`. */
export function* filedBeforeSince(after: number, before: Date): Work<boolean> {
  return (yield* first(builder.selectFrom("Request").select(raw<number>`1`.as("found")).where(raw`rowid`, ">", after).where("createdAt", "<", before).limit(1))) !== undefined;
}

/** The changes written after the mark `after` up to `upTo`: their request, whether dated before `before`, the request's urgency now. */
export function* changesSince({ after, upTo, before }: { after: number; upTo: number; before: Date }) {
  const found = yield* rows(
    builder
      .selectFrom("RequestEvent as ev")
      .innerJoin("Request as r", "r.id", "ev.requestId")
      .select((eb) => ["ev.requestId", eb("ev.createdAt", "<", before).as("datedBefore"), "r.urgency"])
      .where(raw`ev.rowid`, ">", after)
      .where(raw`ev.rowid`, "<=", upTo),
  );
  return found.map((row) => ({ requestId: row.requestId, datedBefore: toBoolean(row.datedBefore as number | boolean), urgency: row.urgency }));
}

/** Every cluster, active or not, by slug. */
export function* allClusters() {
  const found = yield* rows(builder.selectFrom("Cluster").select(["id", "slug", "nameUk", "nameEn", "active"]).orderBy("slug"));
  return found.map((row) => ({
    ...row,
    active: toBoolean(row.active),
  }));
}
