// SLA clocks: how soon a coordinator must first look at a request (triage) and how soon it
// should be resolved, per urgency. Durations are elapsed time (not calendar days), so a
// daylight-saving change in Kyiv neither adds nor removes an hour. The clocks stop while the
// request waits on the enterprise (NEEDS_INFO); the time spent waiting pushes due times out.
import { CLOCK_RUNNING_STATUSES, PAUSED_STATUSES } from "../requests/state-machine";
import type { Urgency } from "../taxonomy";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export type SlaTargets = Record<Urgency, { triageMs: number; resolveMs: number; acceptMs: number }>;

export const DEFAULT_SLA_TARGETS: SlaTargets = {
  CRITICAL: { triageMs: 4 * HOUR, resolveMs: 3 * DAY, acceptMs: 12 * HOUR },
  HIGH: { triageMs: 24 * HOUR, resolveMs: 10 * DAY, acceptMs: 24 * HOUR },
  NORMAL: { triageMs: 3 * DAY, resolveMs: 21 * DAY, acceptMs: 72 * HOUR },
  LOW: { triageMs: 5 * DAY, resolveMs: 45 * DAY, acceptMs: 5 * DAY },
};

export type SlaClock = {
  createdAt: Date;
  urgency: Urgency;
  /** Time already spent paused (ms), excluding a pause still running. */
  slaPausedMs: number;
};

/** Due times for a request, given how long its clock has been paused so far. */
export function slaDueTimes(clock: SlaClock, targets: SlaTargets = DEFAULT_SLA_TARGETS) {
  const target = targets[clock.urgency];
  const start = clock.createdAt.getTime() + clock.slaPausedMs;
  return {
    triageDueAt: new Date(start + target.triageMs),
    resolveDueAt: new Date(start + target.resolveMs),
  };
}

/** The accept deadline for an assignment made at `assignedAt`. */
export function acceptDueAt(assignedAt: Date, urgency: Urgency, targets: SlaTargets = DEFAULT_SLA_TARGETS) {
  return new Date(assignedAt.getTime() + targets[urgency].acceptMs);
}

const paused = (status: string | null) => status !== null && (PAUSED_STATUSES as readonly string[]).includes(status);

/** Pause bookkeeping for a status change: entering a paused status (NEEDS_INFO) pauses, leaving it resumes. */
export function slaPauseChange(
  clock: { slaPausedAt: Date | null; slaPausedMs: number },
  from: string | null,
  to: string,
  now: Date,
): { slaPausedAt: Date | null; slaPausedMs: number } {
  if (paused(to) && !paused(from)) return { slaPausedAt: now, slaPausedMs: clock.slaPausedMs };
  if (paused(from) && !paused(to) && clock.slaPausedAt) {
    return { slaPausedAt: null, slaPausedMs: clock.slaPausedMs + (now.getTime() - clock.slaPausedAt.getTime()) };
  }
  return { slaPausedAt: clock.slaPausedAt, slaPausedMs: clock.slaPausedMs };
}

/**
 * The due time that matters now, stored as Request.nextDueAt for the queue's sort and
 * "overdue" filter: first triage until triaged, then resolution; none while the clock is
 * paused or once resolved or final.
 */
export function nextDueAt<T extends Date | number>(state: { status: string; triagedAt: Date | null; triageDueAt: T | null; resolveDueAt: T | null }): T | null {
  if (!(CLOCK_RUNNING_STATUSES as readonly string[]).includes(state.status)) return null;
  return state.triagedAt ? state.resolveDueAt : state.triageDueAt;
}

/** Sort key for "nothing due" (final, resolved, paused): after every real due time. */
const NEVER_DUE = new Date("9999-12-31T00:00:00.000Z");
/** Sort key for a lapsed assignment: before everything, it needs a new cluster now. */
const LAPSED_FIRST = new Date(0);

/** The queue's default order in one indexed column (Request.dueSortAt). */
export function dueSortAt(state: { status: string; nextDueAt: Date | null; notAcceptedInTime: boolean }) {
  if (state.notAcceptedInTime && state.status === "TRIAGED") return LAPSED_FIRST;
  return state.nextDueAt ?? NEVER_DUE;
}
