// The coordinators' dashboard: the backlog now and last week's SLA per cluster as the weekly
// report defines them (`currentBacklog`, `weeklySlaByCluster`: the same figures, read without
// replaying every request ever filed), plus twelve weeks of opened vs resolved counted the way
// the report counts its flow (filed in the week; "resolve" events in the week). The weekly
// report's definitions stay in app/domain/report/; these quicker reads are the dashboard's own.
import { db } from "~/data/db.server";
import { readStatement } from "~/data/read-db.server";
import { sqliteTimestamp } from "~/data/sqlite-time";
import { type IsoWeek, formatIsoWeek, isoWeekOf, isoWeekRange, lastCompleteIsoWeek, shiftIsoWeek } from "../sla/iso-week";
import { buildWeeklyReport } from "./figures.server";
import { AGE_BUCKETS, AGE_LIMITS_DAYS, type ClusterFigures, NO_CLUSTER, type WeeklyReport, emptyBacklog } from "./tally";
import type { WeeklyReportOptions } from "./types";
import { OPEN_STATUSES, type Status } from "../requests/state-machine";
import type { Category, Urgency } from "../taxonomy";

const DAY_MS = 24 * 60 * 60 * 1000;

const DASHBOARD_WEEKS = 12;

const OPENED_SQL = `SELECT COUNT(*) FROM "Request" WHERE "createdAt" >= ? AND "createdAt" < ?`;
const RESOLVED_SQL = `SELECT COUNT(*) FROM "RequestEvent" WHERE "action" = 'resolve' AND "createdAt" >= ? AND "createdAt" < ?`;

export async function buildDashboard({ now = new Date() }: { now?: Date } = {}) {
  const current = isoWeekOf(now);
  const weeks: IsoWeek[] = Array.from({ length: DASHBOARD_WEEKS }, (_, i) => shiftIsoWeek(current, i - (DASHBOARD_WEEKS - 1)));
  const flow = weeks.map((week) => {
    const { start, end } = isoWeekRange(week);
    const range = [sqliteTimestamp(start), sqliteTimestamp(end)];
    return {
      week: formatIsoWeek(week),
      opened: readStatement(OPENED_SQL).get(...range) as number,
      resolved: readStatement(RESOLVED_SQL).get(...range) as number,
    };
  });
  const lastWeek = lastCompleteIsoWeek(now);
  const [slaLastWeek, clusters] = await Promise.all([
    weeklySlaByCluster({ week: lastWeek, now }),
    db.cluster.findMany({ select: { id: true, nameUk: true, nameEn: true }, orderBy: { slug: "asc" } }),
  ]);
  return { flow, backlog: currentBacklog(now), slaLastWeek, lastWeek: formatIsoWeek(lastWeek), clusters, noCluster: NO_CLUSTER };
}

/**
 * The changes through which a request can count in a week's SLA figures: its first triage (a
 * triage, or an assignment straight from NEW) or its first resolution, in the week.
 */
const SLA_ACTIONS = ["triage", "assign", "resolve"] as const;

/**
 * The week's SLA figures per cluster, as `buildWeeklyReport` gives them (report.clusters' `sla`),
 * worked out from only the requests that can count in them: those with a triage, an assignment
 * (which triages a NEW request) or a resolution during the week. A request's first triage or
 * resolution can only fall in the week if one of those did, and the rest add nothing to SLA
 * figures: a week's few thousand requests instead of every one ever filed.
 */
export async function weeklySlaByCluster(
  options: Pick<WeeklyReportOptions, "week" | "now" | "targets" | "pageSize">,
): Promise<Array<Pick<ClusterFigures, "clusterId" | "slug" | "nameUk" | "nameEn" | "sla">>> {
  const { clusters } = await buildWeeklyReport({ ...options, scope: { kind: "all" }, onlyChangedBy: SLA_ACTIONS });
  return clusters.map(({ clusterId, slug, nameUk, nameEn, sla }) => ({ clusterId, slug, nameUk, nameEn, sla }));
}

/**
 * The backlog at this moment (`now`), as `buildWeeklyReport` gives it for the week running now
 * (report.backlog), counted in SQL from the requests' own columns instead of replaying every
 * request's status changes. They agree because every status change writes the request's
 * status, cluster (assignedClusterId: none after a change that releases it) and SLA due time
 * (nextDueAt, the queue's "overdue") in the same transaction as its event, by the same rules the
 * replay follows; tests/integration/dashboard.test.ts checks the two on random histories.
 */
export function currentBacklog(now: Date = new Date()): WeeklyReport["backlog"] {
  // One pass over the open requests' entries of the (status, category, urgency, region,
  // assignedClusterId, nextDueAt, createdAt) index, grouped in the index's own order; whether
  // overdue and how old are summed per group, so they need no sorting.
  const open = OPEN_STATUSES.map((status) => `'${status}'`).join(", ");
  const limits = AGE_LIMITS_DAYS.slice(0, -1);
  const ages = AGE_BUCKETS.map((_, bucket) => {
    const younger = bucket < limits.length ? `"createdAt" > @age${bucket}` : "1";
    const older = bucket > 0 ? `"createdAt" <= @age${bucket - 1}` : "1";
    return `SUM(${younger} AND ${older})`;
  });
  const rows = readStatement(`
    SELECT "status", "category", "urgency", "region", "assignedClusterId", COUNT(*),
           SUM("nextDueAt" IS NOT NULL AND "nextDueAt" < @now), ${ages.join(", ")}
    FROM "Request" INDEXED BY "Request_status_category_urgency_region_assignedClusterId_nextDueAt_createdAt_idx"
    WHERE "status" IN (${open}) AND "createdAt" < @now
    GROUP BY 1, 2, 3, 4, 5`)
    .raw()
    .all({
      now: sqliteTimestamp(now),
      ...Object.fromEntries(limits.map((days, bucket) => [`age${bucket}`, sqliteTimestamp(new Date(now.getTime() - days * DAY_MS))])),
    }) as Array<[Status, Category, Urgency, string, string | null, number, number, ...number[]]>;
  const backlog = emptyBacklog();
  for (const [status, category, urgency, region, clusterId, n, overdue, ...byAge] of rows) {
    backlog.total += n;
    backlog.overdue += overdue;
    backlog.byStatus[status] += n;
    backlog.byCategory[category] += n;
    backlog.byUrgency[urgency] += n;
    backlog.byRegion[region] = (backlog.byRegion[region] ?? 0) + n;
    const cluster = clusterId ?? NO_CLUSTER;
    backlog.byCluster[cluster] = (backlog.byCluster[cluster] ?? 0) + n;
    AGE_BUCKETS.forEach((bucket, index) => (backlog.byAge[bucket] += byAge[index]!));
  }
  return backlog;
}
