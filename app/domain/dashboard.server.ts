// The coordinators' dashboard: this week's picture from the weekly report (one definition of
// backlog, SLA and ages), plus twelve weeks of opened vs resolved counted the same way the
// report counts its flow (filed in the week; "resolve" events in the week).
import { db } from "~/utils/db.server";
import { type IsoWeek, formatIsoWeek, isoWeekOf, isoWeekRange, lastCompleteIsoWeek, shiftIsoWeek } from "./iso-week";
import { NO_CLUSTER, buildWeeklyReport } from "./weekly-report.server";

export const DASHBOARD_WEEKS = 12;

export async function buildDashboard({ now = new Date() }: { now?: Date } = {}) {
  const current = isoWeekOf(now);
  const weeks: IsoWeek[] = Array.from({ length: DASHBOARD_WEEKS }, (_, i) => shiftIsoWeek(current, i - (DASHBOARD_WEEKS - 1)));
  const flow = await Promise.all(
    weeks.map(async (week) => {
      const { start, end } = isoWeekRange(week);
      const [opened, resolved] = await Promise.all([
        db.request.count({ where: { createdAt: { gte: start, lt: end } } }),
        db.requestEvent.count({ where: { action: "resolve", createdAt: { gte: start, lt: end } } }),
      ]);
      return { week: formatIsoWeek(week), opened, resolved };
    }),
  );
  const [now_, lastWeek, clusters] = await Promise.all([
    buildWeeklyReport({ week: current, scope: { kind: "all" }, now }),
    buildWeeklyReport({ week: lastCompleteIsoWeek(now), scope: { kind: "all" }, now }),
    db.cluster.findMany({ select: { id: true, nameUk: true, nameEn: true }, orderBy: { slug: "asc" } }),
  ]);
  return { flow, backlog: now_.backlog, slaLastWeek: lastWeek.clusters, lastWeek: lastWeek.week, clusters, noCluster: NO_CLUSTER };
}
