// The coordinators' dashboard: the backlog now and last week's SLA per cluster as the weekly
// report defines them (`currentBacklog`, `weeklySlaByCluster`: the same figures, read without
// replaying every request ever filed), plus twelve weeks of opened vs resolved counted the way
// the report counts its flow (filed in the week; "resolve" events in the week).
import { db } from "~/data/db.server";
import { readStatement } from "~/data/read-db.server";
import { sqliteTimestamp } from "~/data/sqlite-time";
import { type IsoWeek, formatIsoWeek, isoWeekOf, isoWeekRange, lastCompleteIsoWeek, shiftIsoWeek } from "./iso-week";
import { NO_CLUSTER, currentBacklog, weeklySlaByCluster } from "./weekly-report.server";

export const DASHBOARD_WEEKS = 12;

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
