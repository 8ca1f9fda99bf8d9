// One request's week, from its status changes (pure: no database). A week is [Monday 00:00,
// next Monday 00:00) in Kyiv time.
// - Everything about the past comes from the audit trail (RequestEvent), never from the
//   request's current columns: the status at an instant is the toStatus of the latest status
//   change before it; the cluster holding a request is the clusterId of that change (none after
//   a change that releases the cluster: decline, lapse, pull-back, reopen).
// - "At the week's end" means after every change made during the week; a change at exactly
//   Monday 00:00 belongs to the next week. Requests filed after the week are left out. For the
//   week still running, "the week's end" is now (reportRange): the week so far.
// - SLA: a request first triaged (or first resolved) during the week was in time against the
//   due time the SLA module gives once the NEEDS_INFO pauses before that moment are counted
//   (sla-history.ts replays them from the events).
// - Overdue at an instant: the queue's rule (sla.ts nextDueAt) replayed at that instant.
//   "Newly overdue": overdue at the week's end but not at its start.
import { type IsoWeek, isoWeekRange } from "../sla/iso-week";
import { DEFAULT_SLA_TARGETS, type SlaTargets } from "../sla/sla";
import { type StatusChange, slaDueTimesAt, slaMetAt, slaOverdueAt, slaPausedMsAt } from "../sla/sla-history";
import { ACTIONS, FINAL_STATUSES, type Status, TRANSITIONS } from "../requests/state-machine";
import type { Urgency } from "../taxonomy";
import type { ReportEvent, ReportRequest, ReportScope } from "./types";

export type ReportRange = { start: Date; end: Date; weekEnd: Date };

/**
 * The stretch of time a report covers: the week, or, while the week is still running, the week
 * so far. `end` is the instant everything "at the week's end" is taken at (backlog, ages,
 * overdue, status); `weekEnd` the week's own end.
 */
export function reportRange(week: IsoWeek, now: Date = new Date()): ReportRange {
  const { start, end: weekEnd } = isoWeekRange(week);
  const end = new Date(Math.max(start.getTime(), Math.min(weekEnd.getTime(), now.getTime())));
  return { start, end, weekEnd };
}

/** Whether an instant falls in [start, end) (ms). */
const within = (d: Date | null, start: number, end: number): d is Date => d !== null && d.getTime() >= start && d.getTime() < end;

const RELEASING_ACTIONS: ReadonlySet<string> = new Set(ACTIONS.filter((action) => "releasesCluster" in TRANSITIONS[action]));

export type RequestWeekFacts = {
  filedInWeek: boolean;
  /** Null when the request was filed during the week. */
  statusAtStart: Status | null;
  statusAtEnd: Status;
  clusterAtEnd: string | null;
  firstTriageAt: Date | null;
  firstAssignAt: Date | null;
  firstAcceptAt: Date | null;
  firstResolveAt: Date | null;
  /** When it reached the final status it has at the week's end. */
  finishedAt: Date | null;
  pausedMsAtEnd: number;
  /** Due times as they stood at the week's end (pushed out by the pauses so far; triage's by those before triage). */
  triageDueAt: Date;
  resolveDueAt: Date;
  /** For a request first triaged (resolved) during the week: within target? Otherwise null. */
  triagedInTime: boolean | null;
  resolvedInTime: boolean | null;
  overdueAtStart: boolean;
  overdueAtEnd: boolean;
  /** Overdue at the end but not at the start: since when (the due time, or the week's start). */
  newlyOverdueSince: Date | null;
  /** The status changes made during the week, oldest first. */
  changesInWeek: ReportEvent[];
};

/**
 * The facts of one request for the week [start, end), from its status changes (RequestEvent
 * rows with a toStatus, oldest first; later ones are ignored).
 */
export function requestWeekFacts(
  request: { createdAt: Date; urgency: Urgency },
  events: readonly ReportEvent[],
  range: { start: Date; end: Date },
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
): RequestWeekFacts {
  const start = range.start.getTime();
  const end = range.end.getTime();
  const filedInWeek = request.createdAt.getTime() >= start;
  let statusAtStart: Status | null = filedInWeek ? null : "NEW";
  let statusAtEnd: Status = "NEW";
  let clusterAtEnd: string | null = null;
  let firstTriageAt: Date | null = null;
  let firstAssignAt: Date | null = null;
  let firstAcceptAt: Date | null = null;
  let firstResolveAt: Date | null = null;
  let finishedAt: Date | null = null;
  const changes: StatusChange[] = [];
  const changesInWeek: ReportEvent[] = [];

  for (const event of events) {
    const at = event.createdAt.getTime();
    if (at >= end) break;
    if (!event.toStatus) continue;
    changes.push({ fromStatus: event.fromStatus, toStatus: event.toStatus, createdAt: event.createdAt });
    if (at < start) statusAtStart = event.toStatus;
    else changesInWeek.push(event);
    statusAtEnd = event.toStatus;
    clusterAtEnd = RELEASING_ACTIONS.has(event.action) ? null : event.clusterId;
    // Handing a NEW request straight to a cluster triages it too.
    if (!firstTriageAt && (event.action === "triage" || event.action === "assign")) firstTriageAt = event.createdAt;
    if (!firstAssignAt && event.action === "assign") firstAssignAt = event.createdAt;
    if (!firstAcceptAt && event.action === "accept") firstAcceptAt = event.createdAt;
    if (!firstResolveAt && event.action === "resolve") firstResolveAt = event.createdAt;
    finishedAt = FINAL_STATUSES.includes(event.toStatus) ? event.createdAt : null;
  }

  const clock = { createdAt: request.createdAt, urgency: request.urgency };
  const due = slaDueTimesAt(clock, changes, range.end, targets);
  const overdueAtEnd = slaOverdueAt(clock, changes, { status: statusAtEnd, triagedAt: firstTriageAt }, range.end, targets);
  const triagedBeforeStart = firstTriageAt && firstTriageAt.getTime() < start ? firstTriageAt : null;
  const overdueAtStart = statusAtStart !== null && slaOverdueAt(clock, changes, { status: statusAtStart, triagedAt: triagedBeforeStart }, range.start, targets);
  const dueThatPassed = firstTriageAt ? due.resolveDueAt : due.triageDueAt;

  return {
    filedInWeek,
    statusAtStart,
    statusAtEnd,
    clusterAtEnd,
    firstTriageAt,
    firstAssignAt,
    firstAcceptAt,
    firstResolveAt,
    finishedAt,
    pausedMsAtEnd: slaPausedMsAt(changes, range.end),
    // The triage clock stops at triage: a later wait on the enterprise moves the resolution only.
    triageDueAt: firstTriageAt ? slaDueTimesAt(clock, changes, firstTriageAt, targets).triageDueAt : due.triageDueAt,
    resolveDueAt: due.resolveDueAt,
    triagedInTime: within(firstTriageAt, start, end) ? slaMetAt(clock, changes, "triage", firstTriageAt, targets) : null,
    resolvedInTime: within(firstResolveAt, start, end) ? slaMetAt(clock, changes, "resolve", firstResolveAt, targets) : null,
    overdueAtStart,
    overdueAtEnd,
    newlyOverdueSince: overdueAtEnd && !overdueAtStart ? new Date(Math.max(dueThatPassed.getTime(), start, request.createdAt.getTime())) : null,
    changesInWeek,
  };
}

export type ScopedRequest = { request: ReportRequest; facts: RequestWeekFacts };

/** Whether a request with these facts belongs in a report of the scope. */
export function inReportScope(scope: ReportScope, facts: RequestWeekFacts) {
  if (scope.kind !== "cluster") return true;
  return facts.clusterAtEnd === scope.clusterId || facts.changesInWeek.some((e) => e.clusterId === scope.clusterId);
}
