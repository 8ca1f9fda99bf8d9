// The SLA clocks of sla.ts replayed from the audit trail: how long a request had been paused
// (waiting on the enterprise in NEEDS_INFO) at any past instant, its due times as they stood
// then, whether a step was done within target and whether it was overdue. Reports use this
// instead of the request's current columns, which only describe the present. The pause
// bookkeeping is sla.ts's own `slaPauseChange`, folded over the status changes.
import type { Status } from "../requests/state-machine";
import { type SlaTargets, DEFAULT_SLA_TARGETS, nextDueAt, slaDueTimes, slaPauseChange } from "./sla";
import type { Urgency } from "../taxonomy";

/** A status change from the audit trail (RequestEvent rows with a toStatus), oldest first. */
export type StatusChange = { fromStatus: Status | null; toStatus: Status; createdAt: Date };

/**
 * Time (ms) the SLA clock had been paused before `at`, counting a pause still running at `at`.
 * Changes at or after `at` are ignored.
 */
export function slaPausedMsAt(changes: readonly StatusChange[], at: Date): number {
  let clock: { slaPausedAt: Date | null; slaPausedMs: number } = { slaPausedAt: null, slaPausedMs: 0 };
  for (const change of changes) {
    if (change.createdAt.getTime() >= at.getTime()) break;
    clock = slaPauseChange(clock, change.fromStatus, change.toStatus, change.createdAt);
  }
  return clock.slaPausedMs + (clock.slaPausedAt ? at.getTime() - clock.slaPausedAt.getTime() : 0);
}

export type SlaHistoryClock = { createdAt: Date; urgency: Urgency };

/** Triage and resolution due times as they stood at `at` (pushed out by the pauses before it). */
export function slaDueTimesAt(clock: SlaHistoryClock, changes: readonly StatusChange[], at: Date, targets: SlaTargets = DEFAULT_SLA_TARGETS) {
  return slaDueTimes({ createdAt: clock.createdAt, urgency: clock.urgency, slaPausedMs: slaPausedMsAt(changes, at) }, targets);
}

/** Whether a triage or resolution done at `doneAt` met its target (on the due time itself counts as met). */
export function slaMetAt(
  clock: SlaHistoryClock,
  changes: readonly StatusChange[],
  step: "triage" | "resolve",
  doneAt: Date,
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
): boolean {
  const due = slaDueTimesAt(clock, changes, doneAt, targets);
  return doneAt.getTime() <= (step === "triage" ? due.triageDueAt : due.resolveDueAt).getTime();
}

/**
 * Whether the request was overdue at `at`, by the same rule as the queue's Request.nextDueAt:
 * the triage due time until triaged, then the resolution due time; never while paused, resolved
 * or final. `status` and `triagedAt` are the request's as of `at`.
 */
export function slaOverdueAt(
  clock: SlaHistoryClock,
  changes: readonly StatusChange[],
  state: { status: Status; triagedAt: Date | null },
  at: Date,
  targets: SlaTargets = DEFAULT_SLA_TARGETS,
): boolean {
  const due = nextDueAt({ status: state.status, triagedAt: state.triagedAt, ...slaDueTimesAt(clock, changes, at, targets) });
  return due !== null && due.getTime() < at.getTime();
}
