// The coordinators' dashboard: the backlog now and last week's SLA per cluster as the weekly
// report defines them (`currentBacklog`, `weeklySlaByCluster`: the same figures, read without
// replaying every request ever filed), plus twelve weeks of opened vs resolved counted the way
// the report counts its flow (filed in the week; "resolve" events in the week). The finished
// weeks are kept between loads while nothing they count changes (dashboard-history.server.ts).
// The weekly report's definitions stay in app/domain/report/; these quicker reads are the
// dashboard's own.
import { atOneMoment, backlogCounts, countDueBefore, countFiledAfter } from "~/data/dashboard.server";
import type { Work } from "~/data/sql";
import { type IsoWeek, formatIsoWeek, isoWeekOf, lastCompleteIsoWeek } from "../sla/iso-week";
import { finishedWeeks, weekFlow } from "./dashboard-history.server";
import { buildWeeklyReport } from "./figures.server";
import { AGE_BUCKETS, AGE_LIMITS_DAYS, type ClusterFigures, NO_CLUSTER, NO_SECTOR, type WeeklyReport, emptyBacklog } from "./tally";
import type { WeeklyReportOptions } from "./types";
import { OPEN_STATUSES, type Status } from "../requests/state-machine";
import type { Category, Urgency } from "../taxonomy";

const DAY_MS = 24 * 60 * 60 * 1000;

const DASHBOARD_WEEKS = 12;

export async function buildDashboard({ now = new Date() }: { now?: Date } = {}) {
  const current: IsoWeek = isoWeekOf(now);
  const lastWeek = lastCompleteIsoWeek(now);
  // The finished weeks as they were last worked out, unless something they count has changed since.
  const history = await finishedWeeks({ current, weeks: DASHBOARD_WEEKS - 1, now, slaActions: SLA_ACTIONS });
  const slaLastWeek = history.slaTally
    .result({ week: lastWeek, scope: { kind: "all" }, now, clusters: history.clusters })
    .clusters.map(({ clusterId, slug, nameUk, nameEn, sla }) => ({ clusterId, slug, nameUk, nameEn, sla }));
  const clusters = history.clusters.map(({ id, nameUk, nameEn }) => ({ id, nameUk, nameEn }));
  return {
    flow: [...history.flow, await weekFlow(current)],
    backlog: await currentBacklog(now),
    slaLastWeek,
    lastWeek: formatIsoWeek(lastWeek),
    clusters,
    noCluster: NO_CLUSTER,
    noSector: NO_SECTOR,
  };
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
 * (report.backlog), without replaying every request's status changes. The counts by status,
 * category, urgency, region, cluster and industry come from BacklogCount, which triggers keep in step
 * with every write to a request (migration backlog_counts); overdue and ages are counted now,
 * from (status, nextDueAt) and (status, createdAt). They agree with the replay because every
 * status change writes the request's status, its cluster (assignedClusterId: none after a
 * change that releases it) and its SLA due time (nextDueAt, the queue's "overdue") in the same
 * transaction as its event, by the same rules the replay follows;
 * tests/integration/dashboard.test.ts checks the two on random histories, and the counts
 * against a count of the requests themselves.
 */
export function currentBacklog(now: Date = new Date()): Promise<WeeklyReport["backlog"]> {
  // One read transaction: the counts and the ages describe the same moment.
  return atOneMoment(backlogAt(now));
}

function* backlogAt(now: Date): Work<WeeklyReport["backlog"]> {
  const backlog = emptyBacklog();
  const counts = yield* backlogCounts();
  for (const { dimension, value, count } of counts) {
    if (dimension === "status") {
      backlog.total += count;
      backlog.byStatus[value as Status] += count;
    } else if (dimension === "category") backlog.byCategory[value as Category] += count;
    else if (dimension === "urgency") backlog.byUrgency[value as Urgency] += count;
    else if (dimension === "region") backlog.byRegion[value] = count;
    else if (dimension === "cluster") backlog.byCluster[value || NO_CLUSTER] = count;
    else if (dimension === "sector") backlog.bySector[value || NO_SECTOR] = count;
  }
  backlog.overdue = yield* countDueBefore(OPEN_STATUSES, now);
  // Filed after each age limit: the buckets are the differences, youngest first.
  const filedAfter: number[] = [];
  for (const days of AGE_LIMITS_DAYS.slice(0, -1)) filedAfter.push(yield* countFiledAfter(OPEN_STATUSES, new Date(now.getTime() - days * DAY_MS)));
  AGE_BUCKETS.forEach((bucket, index) => {
    const younger = index < filedAfter.length ? filedAfter[index]! : backlog.total;
    backlog.byAge[bucket] = younger - (index > 0 ? filedAfter[index - 1]! : 0);
  });
  return backlog;
}
