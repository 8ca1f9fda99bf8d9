// One request's week, from its status changes (pure: no database). A week is [Monday 00:00,
// next Monday 00:00) in Kyiv time.
// - Everything about the past comes from the audit trail (RequestEvent), never from the
//   request's current columns: the status at an instant is the toStatus of the latest status
//   change before it; the cluster holding a request is the clusterId of that change (none after
//   a change that releases the cluster: decline, lapse, pull-back, reopen).
// - Lines (decision 055): each line's state and cluster at the week's end are replayed from the
//   changes that name it (an event without a line is the first line's: every event before lines
//   were stored); a reopening releases every line. The lines filed with the request start
//   waiting for a cluster; a split adds one, a join cancels one.
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
import { LINE_ACTIONS, type LineStatus, lineStatusFor } from "../requests/lines";
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

/** A line at the week's end (joined-away lines are left out). */
type LineAtEnd = {
  clusterId: string | null;
  status: Exclude<LineStatus, "CANCELLED">;
  /** For a line first resolved during the week: within the request's resolution target? Otherwise null. */
  resolvedInTime: boolean | null;
};

/** Lines a cluster still has work on, or waiting for one: what the backlog counts per cluster. */
export const LIVE_LINE_STATUSES: readonly LineStatus[] = ["OPEN", "ASSIGNED", "IN_PROGRESS"];

export type RequestWeekFacts = {
  filedInWeek: boolean;
  /** Null when the request was filed during the week. */
  statusAtStart: Status | null;
  statusAtEnd: Status;
  /** The first line's cluster at the week's end (a request of one line: the request's). */
  clusterAtEnd: string | null;
  /** Its lines at the week's end, in the order they were added. */
  linesAtEnd: LineAtEnd[];
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
  request: { id?: string; createdAt: Date; urgency: Urgency; filedLines?: number },
  events: readonly ReportEvent[],
  range: { start: Date; end: Date },
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
): RequestWeekFacts {
  const start = range.start.getTime();
  const end = range.end.getTime();
  const filedInWeek = request.createdAt.getTime() >= start;
  let statusAtStart: Status | null = filedInWeek ? null : "NEW";
  let statusAtEnd: Status = "NEW";
  // Lines by id, the first one's as `${id}.1` (how it is stored), each with the paused time at its
  // first resolution.
  const firstLine = `${request.id ?? ""}.1`;
  const lines = new Map<string, { clusterId: string | null; status: LineStatus; resolvedAt: Date | null; pausedMsAtResolve: number }>();
  for (let position = 1; position <= (request.filedLines ?? 1); position++) {
    lines.set(`${request.id ?? ""}.${position}`, { clusterId: null, status: "OPEN", resolvedAt: null, pausedMsAtResolve: 0 });
  }
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
    const line = event.lineId ?? firstLine;
    if (!event.toStatus) {
      replayLines(lines, event, line, () => pauses.pausedMsAt(at));
      continue;
    }
    if (at < start) statusAtStart = event.toStatus;
    else {
      if (pausedMsAtStart === null) pausedMsAtStart = pauses.pausedMsAt(start);
      changesInWeek.push(event);
    }
    pauses.add(event.fromStatus, event.toStatus, event.createdAt);
    replayLines(lines, event, line, () => pauses.pausedMsAt(at));
    statusAtEnd = event.toStatus;
    // Handing a NEW request straight to a cluster triages it too.
    if (!firstTriageAt && (event.action === "triage" || event.action === "assign")) {
      firstTriageAt = event.createdAt;
      pausedMsAtTriage = pauses.pausedMsAt(at);
    }
    if (!firstAssignAt && event.action === "assign") firstAssignAt = event.createdAt;
    if (!firstAcceptAt && event.action === "accept") firstAcceptAt = event.createdAt;
    // The request is resolved once its last line is.
    if (!firstResolveAt && event.action === "resolve" && event.toStatus === "RESOLVED") {
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

  const linesAtEnd: LineAtEnd[] = [];
  for (const line of lines.values()) {
    if (line.status === "CANCELLED") continue;
    const resolvedInTime = within(line.resolvedAt, start, end) ? line.resolvedAt.getTime() <= created + line.pausedMsAtResolve + target.resolveMs : null;
    linesAtEnd.push({ clusterId: line.clusterId, status: line.status, resolvedInTime });
  }

  return {
    filedInWeek,
    statusAtStart,
    statusAtEnd,
    clusterAtEnd: lines.get(firstLine)?.clusterId ?? null,
    linesAtEnd,
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

/**
 * One change applied to the lines: a cluster action moves its own line as the state machine
 * does (lines.ts); a reopening releases every line; a split adds a line waiting for a cluster; a
 * join cancels one.
 */
function replayLines(
  lines: Map<string, { clusterId: string | null; status: LineStatus; resolvedAt: Date | null; pausedMsAtResolve: number }>,
  event: ReportEvent,
  key: string,
  pausedMsNow: () => number,
) {
  if (event.action === "splitLine") {
    lines.set(key, { clusterId: null, status: "OPEN", resolvedAt: null, pausedMsAtResolve: 0 });
    return;
  }
  const line = lines.get(key);
  if (event.action === "joinLines") {
    if (line) line.status = "CANCELLED";
    return;
  }
  if (LINE_ACTIONS.includes(event.action as (typeof LINE_ACTIONS)[number])) {
    if (!line) return;
    const rule = TRANSITIONS[event.action as (typeof LINE_ACTIONS)[number]];
    line.status = lineStatusFor(rule.to as Status);
    line.clusterId = event.action === "assign" ? event.clusterId : RELEASING_ACTIONS.has(event.action) ? null : line.clusterId;
    if (event.action === "resolve" && !line.resolvedAt) {
      line.resolvedAt = event.createdAt;
      line.pausedMsAtResolve = pausedMsNow();
    }
    return;
  }
  if (RELEASING_ACTIONS.has(event.action)) {
    for (const each of lines.values()) {
      if (each.status === "CANCELLED") continue;
      each.status = "OPEN";
      each.clusterId = null;
    }
  }
}

export type ScopedRequest = { request: ReportRequest; facts: RequestWeekFacts };

/** Whether a request with these facts belongs in a report of the scope. */
export function inReportScope(scope: ReportScope, facts: RequestWeekFacts) {
  if (scope.kind !== "cluster") return true;
  return facts.linesAtEnd.some((line) => line.clusterId === scope.clusterId) || facts.changesInWeek.some((e) => e.clusterId === scope.clusterId);
}
