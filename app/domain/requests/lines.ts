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
  availableActions,
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
export function lineStatusFor(status: Status): LineStatus {
  return status === "TRIAGED" ? "OPEN" : (status as LineStatus);
}

/** The phase a request action's target status leaves the request in. */
function phaseFor(status: Status): Phase {
  return status === "ASSIGNED" || status === "IN_PROGRESS" || status === "RESOLVED" ? "TRIAGED" : status;
}

/** The table's plan, with `from` and `to` the request's derived status, and what it leaves. */
export type LinedPlan = TransitionPlan & {
  /** The line acted on: a line action's, a split's new line, a join's joined line; else null. */
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
  input: TransitionInput & { line?: number; intoLine?: number } = {},
): LinedPlan | { ok: false; reason: TransitionRefusal } {
  const from = requestStatus(state.phase, state.lines);
  if (LINE_ACTIONS.includes(action)) {
    const index = input.line ?? onlyLine(state);
    const line = state.lines[index];
    if (!line || line.status === "CANCELLED") return { ok: false, reason: "NO_SUCH_LINE" };
    const plan = planTransition(action, actor, lineView(state, line), input);
    if (!plan.ok) return plan;
    const clusterId = action === "assign" ? input.clusterId! : plan.releasesCluster ? null : line.clusterId;
    const lines = state.lines.map((each, i) => (i === index ? { status: lineStatusFor(plan.to), clusterId } : each));
    // Assigning a line of a new request is its triage.
    const next = { phase: state.phase === "NEW" ? ("TRIAGED" as const) : state.phase, askedFrom: state.askedFrom, lines };
    return { ...plan, from, to: requestStatus(next.phase, lines), line: index, next };
  }

  const plan = planTransition(action, actor, requestView(actor, state), input);
  if (!plan.ok) return plan;
  const phase = plan.changesStatus ? phaseFor(plan.to) : state.phase;
  const askedFrom = phase !== "NEEDS_INFO" ? null : state.phase === "NEEDS_INFO" ? state.askedFrom : state.phase;
  // Reopening takes every line back to the coordinators, without its cluster.
  let lines: readonly RequestLine[] = plan.releasesCluster
    ? state.lines.map((line) => (line.status === "CANCELLED" ? line : { status: "OPEN" as const, clusterId: null }))
    : state.lines;
  // A split adds a line waiting for its cluster; a join cancels a line still waiting for one,
  // into another not yet resolved. Neither changes the request's status: an open line ranks
  // below every other state, and the line it joins stays unresolved.
  if (action === "splitLine") lines = [...state.lines, { status: "OPEN", clusterId: null }];
  if (action === "joinLines") {
    const joined = state.lines[input.line ?? -1];
    const into = state.lines[input.intoLine ?? -1];
    if (!joined || !into || input.line === input.intoLine || joined.status !== "OPEN" || into.status === "RESOLVED" || into.status === "CANCELLED") {
      return { ok: false, reason: "CANNOT_JOIN" };
    }
    lines = state.lines.map((line, i) => (i === input.line ? { status: "CANCELLED" as const, clusterId: null } : line));
  }
  const acted = action === "splitLine" ? lines.length - 1 : action === "joinLines" ? input.line! : null;
  return { ...plan, from, to: requestStatus(phase, lines), line: acted, next: { phase, askedFrom, lines } };
}

/** The one line still counted, when there is exactly one: a line action needs no line then. */
function onlyLine(state: LinedRequest) {
  const counted = state.lines.flatMap((line, index) => (line.status === "CANCELLED" ? [] : [index]));
  return counted.length === 1 ? counted[0]! : -1;
}

/** A line as the table sees it: a request of that one line. */
function lineView(state: LinedRequest, line: RequestLine): RequestState {
  return {
    status: lineAsStatus(state.phase, line),
    triagedAt: state.triagedAt,
    assignedClusterId: line.clusterId,
    ownerId: state.ownerId,
    infoAskedFrom: null,
  };
}

/**
 * The request as the table sees it for what is about the whole request (a question, a note):
 * a member is its assigned member when one of its lines is their cluster's.
 */
function requestView(actor: Actor, state: LinedRequest): RequestState {
  const actorCluster = actor.type === "USER" ? actor.clusterId : null;
  const ownLine = actorCluster !== null && state.lines.some((line) => line.status !== "CANCELLED" && line.clusterId === actorCluster);
  return {
    status: requestStatus(state.phase, state.lines),
    triagedAt: state.triagedAt,
    assignedClusterId: ownLine ? actorCluster : (state.lines.find((line) => line.clusterId !== null)?.clusterId ?? null),
    ownerId: state.ownerId,
    infoAskedFrom: state.phase === "NEEDS_INFO" && state.askedFrom !== null ? requestStatus(state.askedFrom, state.lines) : null,
  };
}

/**
 * What `actor` could do now (inputs aside), for the page's forms: the request's own actions, and
 * each line's cluster actions. A request of one line offers them all as the request's, as today.
 */
export function availableLinedActions(actor: Actor, state: LinedRequest): { request: Action[]; lines: Action[][] } {
  const own = availableActions(actor, requestView(actor, state)).filter((action) => !LINE_ACTIONS.includes(action));
  const lines = state.lines.map((line) =>
    line.status === "CANCELLED" ? [] : availableActions(actor, lineView(state, line)).filter((action) => LINE_ACTIONS.includes(action)),
  );
  return { request: [...own, ...new Set(lines.flat())], lines };
}
