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
//   (sla-history.ts replays them from the events, in the same one walk over them as the rest).
// - Overdue at an instant: the queue's rule (sla.ts nextDueAt) replayed at that instant.
//   "Newly overdue": overdue at the week's end but not at its start.
import { type IsoWeek, isoWeekRange } from "../sla/iso-week";
import { DEFAULT_SLA_TARGETS, type SlaTargets, nextDueAt } from "../sla/sla";
import { SlaPauseReplay } from "../sla/sla-history";
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
  // The pause clock is asked about the week's start, the first triage and resolution, and the
  // end, each as the changes before it left it: the one walk below gives all four.
  const pauses = new SlaPauseReplay();
  let pausedMsAtStart: number | null = null;
  let pausedMsAtTriage = 0;
  let pausedMsAtResolve = 0;
  const changesInWeek: ReportEvent[] = [];

  for (const event of events) {
    const at = event.createdAt.getTime();
    if (at >= end) break;
    if (!event.toStatus) continue;
    if (at < start) statusAtStart = event.toStatus;
    else {
      if (pausedMsAtStart === null) pausedMsAtStart = pauses.pausedMsAt(start);
      changesInWeek.push(event);
    }
    pauses.add(event.fromStatus, event.toStatus, event.createdAt);
    statusAtEnd = event.toStatus;
    clusterAtEnd = RELEASING_ACTIONS.has(event.action) ? null : event.clusterId;
    // Handing a NEW request straight to a cluster triages it too.
    if (!firstTriageAt && (event.action === "triage" || event.action === "assign")) {
      firstTriageAt = event.createdAt;
      pausedMsAtTriage = pauses.pausedMsAt(at);
    }
    if (!firstAssignAt && event.action === "assign") firstAssignAt = event.createdAt;
    if (!firstAcceptAt && event.action === "accept") firstAcceptAt = event.createdAt;
    if (!firstResolveAt && event.action === "resolve") {
      firstResolveAt = event.createdAt;
      pausedMsAtResolve = pauses.pausedMsAt(at);
    }
    finishedAt = FINAL_STATUSES.includes(event.toStatus) ? event.createdAt : null;
  }
  pausedMsAtStart ??= pauses.pausedMsAt(start);
  const pausedMsAtEnd = pauses.pausedMsAt(end);

  // Due times as sla.ts's slaDueTimes gives them for the time paused by then.
  const target = targets[request.urgency];
  const created = request.createdAt.getTime();
  const triageDueAtEnd = created + pausedMsAtEnd + target.triageMs;
  const resolveDueAtEnd = created + pausedMsAtEnd + target.resolveMs;
  const dueAtEnd = nextDueAt({ status: statusAtEnd, triagedAt: firstTriageAt, triageDueAt: triageDueAtEnd, resolveDueAt: resolveDueAtEnd });
  const overdueAtEnd = dueAtEnd !== null && dueAtEnd < end;
  let overdueAtStart = false;
  if (statusAtStart !== null) {
    const triagedBeforeStart = firstTriageAt && firstTriageAt.getTime() < start ? firstTriageAt : null;
    const dueAtStart = nextDueAt({
      status: statusAtStart,
      triagedAt: triagedBeforeStart,
      triageDueAt: created + pausedMsAtStart + target.triageMs,
      resolveDueAt: created + pausedMsAtStart + target.resolveMs,
    });
    overdueAtStart = dueAtStart !== null && dueAtStart < start;
  }
  // The triage clock stops at triage: a later wait on the enterprise moves the resolution only.
  const triageDueAt = firstTriageAt ? created + pausedMsAtTriage + target.triageMs : triageDueAtEnd;
  const dueThatPassed = firstTriageAt ? resolveDueAtEnd : triageDueAtEnd;

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
    pausedMsAtEnd,
    triageDueAt: new Date(triageDueAt),
    resolveDueAt: new Date(resolveDueAtEnd),
    // On the due time itself counts as met.
    triagedInTime: within(firstTriageAt, start, end) ? firstTriageAt.getTime() <= triageDueAt : null,
    resolvedInTime: within(firstResolveAt, start, end) ? firstResolveAt.getTime() <= created + pausedMsAtResolve + target.resolveMs : null,
    overdueAtStart,
    overdueAtEnd,
    newlyOverdueSince: overdueAtEnd && !overdueAtStart ? new Date(Math.max(dueThatPassed, start, created)) : null,
    changesInWeek,
  };
}

export type ScopedRequest = { request: ReportRequest; facts: RequestWeekFacts };

/** Whether a request with these facts belongs in a report of the scope. */
export function inReportScope(scope: ReportScope, facts: RequestWeekFacts) {
  if (scope.kind !== "cluster") return true;
  return facts.clusterAtEnd === scope.clusterId || facts.changesInWeek.some((e) => e.clusterId === scope.clusterId);
}
