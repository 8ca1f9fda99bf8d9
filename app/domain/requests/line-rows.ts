// What each stored line becomes after a transition, and what the request's own columns read
// from its lines (decision 055). The line machine (lines.ts) decides each line's state and
// cluster; this adds, line by line, the stamps, the cluster's time to accept and the lapse flag.
// A request of one line gets exactly the columns it got before lines were stored
// (tests/unit/line-rows.test.ts).
import type { Action } from "./state-machine";
import type { Urgency } from "../taxonomy";
import { type SlaTargets, acceptDueAt } from "../sla/sla";
import type { LinedPlan, RequestLine } from "./lines";

type LineStamp = "assignedAt" | "acceptedAt" | "resolvedAt";

export type LineRow = RequestLine & {
  assignedAt: Date | null;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  acceptDueAt: Date | null;
  notAcceptedInTime: boolean;
};

export type LineChange = {
  action: Action;
  plan: LinedPlan;
  now: Date;
  /** The request's urgency before and after the transition (triage and corrections change it). */
  urgency: { before: Urgency; after: Urgency };
  /** What waits on the enterprise had paused the clocks by, before and after the transition. */
  pausedMs: { before: number; after: number };
  /** A finished request taken back into work: its lapses belonged to the episode that ended. */
  reopened: boolean;
  targets: SlaTargets;
};

/** Each line's row after `change`, in the order of `lines` (the plan's own order). */
export function nextLineRows<Line extends LineRow>(lines: readonly Line[], change: LineChange): LineRow[] {
  const { action, plan, now, urgency, pausedMs, reopened, targets } = change;
  return lines.map((line, index) => {
    const { status, clusterId } = plan.next.lines[index]!;
    // A line action changes its own line; a request action's stamps and clears (a reopening's)
    // reach every line still counted.
    const touched = plan.line === index || (plan.line === null && line.status !== "CANCELLED");
    const stamp = (field: LineStamp) => (!touched ? line[field] : plan.stamps.includes(field) ? now : plan.clears.includes(field) ? null : line[field]);
    const acted = plan.line === index;

    // The cluster's time to accept follows the urgency, keeping what waits on the enterprise
    // pushed it out by.
    const forUrgency = () => {
      if (urgency.after === urgency.before || !line.assignedAt || !line.acceptDueAt) return line.acceptDueAt;
      const waited = Math.max(0, line.acceptDueAt.getTime() - acceptDueAt(line.assignedAt, urgency.before, targets).getTime());
      return new Date(acceptDueAt(line.assignedAt, urgency.after, targets).getTime() + waited);
    };
    // It runs only while the line waits in ASSIGNED on a request in work; a question asked
    // meanwhile stops it (kept while waiting, pushed out by the wait when the request returns).
    const acceptDue =
      acted && action === "assign"
        ? acceptDueAt(now, urgency.after, targets)
        : plan.next.phase === "NEEDS_INFO"
          ? forUrgency()
          : plan.next.phase !== "TRIAGED" || status !== "ASSIGNED"
            ? null
            : plan.from === "NEEDS_INFO"
              ? new Date((forUrgency() ?? acceptDueAt(now, urgency.after, targets)).getTime() + (pausedMs.after - pausedMs.before))
              : forUrgency();

    // A lapse belongs to one episode of work: handing the line on, or reopening the request, ends it.
    const lapsed = acted && action === "acceptTimeout" ? true : (acted && action === "assign") || reopened ? false : line.notAcceptedInTime;
    return {
      status,
      clusterId,
      assignedAt: stamp("assignedAt"),
      acceptedAt: stamp("acceptedAt"),
      resolvedAt: stamp("resolvedAt"),
      acceptDueAt: acceptDue,
      notAcceptedInTime: lapsed,
    };
  });
}

/**
 * The request's own columns about clusters, read from its lines: the cluster of a request of
 * one line (none with several: each line names its own), the earliest assignment and acceptance,
 * the time its last line was resolved once all are, the earliest time a cluster must accept by,
 * whether any line's assignment lapsed, and how many lines wait for a cluster.
 */
export function requestColumnsFromLines(lines: readonly LineRow[]) {
  const counted = lines.filter((line) => line.status !== "CANCELLED");
  const times = (field: "assignedAt" | "acceptedAt" | "resolvedAt" | "acceptDueAt") =>
    counted
      .map((line) => line[field])
      .filter((at): at is Date => at !== null)
      .map((at) => at.getTime());
  const earliest = (field: "assignedAt" | "acceptedAt" | "acceptDueAt") => {
    const all = times(field);
    return all.length ? new Date(Math.min(...all)) : null;
  };
  const resolved = times("resolvedAt");
  return {
    assignedClusterId: counted.length === 1 ? counted[0]!.clusterId : null,
    assignedAt: earliest("assignedAt"),
    acceptedAt: earliest("acceptedAt"),
    resolvedAt: counted.length > 0 && resolved.length === counted.length ? new Date(Math.max(...resolved)) : null,
    acceptDueAt: earliest("acceptDueAt"),
    notAcceptedInTime: counted.some((line) => line.notAcceptedInTime),
    waitingLines: counted.filter((line) => line.status === "OPEN").length,
  };
}
