// Request lines (issue #17, decision 055): one request, several needs, each with its own cluster
// and its own state from triage on. The request keeps the phases that are about the enterprise
// (new, in work, waiting on it, finished); each line takes the actions that are about a cluster
// (assign, accept, decline, lapse, pull back, resolve). The request's status is derived from its
// phase and its lines by one rule, `requestStatus`.
//
// Both halves are decided by the one transition table (state-machine.ts): a line action is the
// table applied to the line seen as a request of that one line; a request action is the table
// applied to the request's derived status. A request with one line therefore moves exactly as
// it does today (tests/unit/request-lines.test.ts holds that over random histories).
import {
  type Action,
  type Actor,
  type RequestState,
  type Status,
  type TransitionInput,
  type TransitionPlan,
  type TransitionRefusal,
  planTransition,
  statusAskedFrom,
} from "./state-machine";

/** OPEN: waiting for a cluster; CANCELLED: joined into another line (it counts no more). */
export type LineStatus = "OPEN" | "ASSIGNED" | "IN_PROGRESS" | "RESOLVED" | "CANCELLED";
export type RequestLine = { status: LineStatus; clusterId: string | null };

/** The request's own phases. TRIAGED: in work, its lines telling how far. */
export type Phase = "NEW" | "TRIAGED" | "NEEDS_INFO" | "CLOSED" | "REJECTED" | "DUPLICATE";

/** The actions about a cluster: each acts on one line. Every other action is the request's. */
export const LINE_ACTIONS: readonly Action[] = ["assign", "accept", "decline", "acceptTimeout", "unassign", "resolve"];

export type LinedRequest = {
  phase: Phase;
  /** In NEEDS_INFO: the phase the question was asked from, where the answer returns (null for older requests). */
  askedFrom: Phase | null;
  triagedAt: Date | null;
  ownerId?: string | null;
  lines: readonly RequestLine[];
};

/**
 * The request's status from its phase and its lines: the phase, except while in work (TRIAGED),
 * when it is RESOLVED once every line still counted is resolved, else IN_PROGRESS while any line
 * is, else ASSIGNED while any line waits on its cluster's answer, else TRIAGED (a line waits for
 * the coordinators to find a cluster).
 */
export function requestStatus(phase: Phase, lines: readonly RequestLine[]): Status {
  if (phase !== "TRIAGED") return phase;
  const counted = lines.filter((line) => line.status !== "CANCELLED");
  if (counted.length > 0 && counted.every((line) => line.status === "RESOLVED")) return "RESOLVED";
  if (counted.some((line) => line.status === "IN_PROGRESS")) return "IN_PROGRESS";
  if (counted.some((line) => line.status === "ASSIGNED")) return "ASSIGNED";
  return "TRIAGED";
}

/**
 * A stored request with its stored lines, as the line machine reads it: its phase is its status
 * outside work (TRIAGED while any line is in work), and a wait on the enterprise returns to the
 * phase it was asked from.
 */
export function linedRequest<Line extends RequestLine>(
  state: Omit<RequestState, "assignedClusterId"> & { status: Status },
  lines: readonly Line[],
): LinedRequest & { lines: readonly Line[] } {
  return {
    phase: phaseFor(state.status),
    askedFrom: state.status === "NEEDS_INFO" && state.infoAskedFrom !== null ? phaseFor(state.infoAskedFrom) : null,
    triagedAt: state.triagedAt,
    ownerId: state.ownerId,
    lines,
  };
}

/**
 * A request as it was stored before lines were (one status, one cluster), as a request of one
 * line: underneath a wait on the enterprise is the status it was asked from; a finished
 * request's line keeps its cluster until a reopening releases it. The property test walks
 * today's machine beside the line machine through it.
 */
export function asOneLine(state: RequestState & { status: Status }): LinedRequest {
  const underneath = state.status === "NEEDS_INFO" ? statusAskedFrom(state) : state.status;
  const status: LineStatus = underneath === "ASSIGNED" || underneath === "IN_PROGRESS" || underneath === "RESOLVED" ? underneath : "OPEN";
  return linedRequest(state, [{ status, clusterId: state.assignedClusterId }]);
}

/** A line's state as the status a request of that one line would have. */
function lineAsStatus(phase: Phase, line: RequestLine): Status {
  if (phase !== "TRIAGED") return phase;
  return line.status === "OPEN" ? "TRIAGED" : (line.status as Status);
}

/** What a line action's target status makes of the line. */
function lineStatusFor(status: Status): LineStatus {
  return status === "TRIAGED" ? "OPEN" : (status as LineStatus);
}

/** The phase a request action's target status leaves the request in. */
function phaseFor(status: Status): Phase {
  return status === "ASSIGNED" || status === "IN_PROGRESS" || status === "RESOLVED" ? "TRIAGED" : status;
}

/** The table's plan, with `from` and `to` the request's derived status, and what it leaves. */
export type LinedPlan = TransitionPlan & {
  /** The line acted on (a line action), or null (a request action). */
  line: number | null;
  next: Pick<LinedRequest, "phase" | "askedFrom" | "lines">;
};

/**
 * Decides `action` on a request with lines. A line action needs `input.line` (the line's index)
 * when the request has more than one. Timestamps and the owner are the table's plan, applied by
 * the caller as today.
 */
export function planLinedTransition(
  action: Action,
  actor: Actor,
  state: LinedRequest,
  input: TransitionInput & { line?: number } = {},
): LinedPlan | { ok: false; reason: TransitionRefusal } {
  const from = requestStatus(state.phase, state.lines);
  if (LINE_ACTIONS.includes(action)) {
    const index = input.line ?? (state.lines.length === 1 ? 0 : -1);
    const line = state.lines[index];
    if (!line || line.status === "CANCELLED") return { ok: false, reason: "NO_SUCH_LINE" };
    const view: RequestState = {
      status: lineAsStatus(state.phase, line),
      triagedAt: state.triagedAt,
      assignedClusterId: line.clusterId,
      ownerId: state.ownerId,
      infoAskedFrom: null,
    };
    const plan = planTransition(action, actor, view, input);
    if (!plan.ok) return plan;
    const clusterId = action === "assign" ? input.clusterId! : plan.releasesCluster ? null : line.clusterId;
    const lines = state.lines.map((each, i) => (i === index ? { status: lineStatusFor(plan.to), clusterId } : each));
    // Assigning a line of a new request is its triage.
    const next = { phase: state.phase === "NEW" ? ("TRIAGED" as const) : state.phase, askedFrom: state.askedFrom, lines };
    return { ...plan, from, to: requestStatus(next.phase, lines), line: index, next };
  }

  // A member is the request's assigned member for what is about the whole request (a question,
  // a note) when one of its lines is their cluster's.
  const actorCluster = actor.type === "USER" ? actor.clusterId : null;
  const ownLine = actorCluster !== null && state.lines.some((line) => line.status !== "CANCELLED" && line.clusterId === actorCluster);
  const view: RequestState = {
    status: from,
    triagedAt: state.triagedAt,
    assignedClusterId: ownLine ? actorCluster : (state.lines.find((line) => line.clusterId !== null)?.clusterId ?? null),
    ownerId: state.ownerId,
    infoAskedFrom: state.phase === "NEEDS_INFO" && state.askedFrom !== null ? requestStatus(state.askedFrom, state.lines) : null,
  };
  const plan = planTransition(action, actor, view, input);
  if (!plan.ok) return plan;
  const phase = plan.changesStatus ? phaseFor(plan.to) : state.phase;
  const askedFrom = phase !== "NEEDS_INFO" ? null : state.phase === "NEEDS_INFO" ? state.askedFrom : state.phase;
  // Reopening takes every line back to the coordinators, without its cluster.
  const lines = plan.releasesCluster
    ? state.lines.map((line) => (line.status === "CANCELLED" ? line : { status: "OPEN" as const, clusterId: null }))
    : state.lines;
  return { ...plan, from, to: requestStatus(phase, lines), line: null, next: { phase, askedFrom, lines } };
}
