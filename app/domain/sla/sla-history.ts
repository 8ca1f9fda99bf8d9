// The SLA clocks of sla.ts replayed from the audit trail: how long a request had been paused
// (waiting on the enterprise in NEEDS_INFO) at past instants, so that reports can tell its due
// times as they stood then, whether a step was done within target and whether it was overdue.
// Reports use this instead of the request's current columns, which only describe the present.
// The pause bookkeeping is sla.ts's own `slaPauseChange`, folded over the status changes once:
// a report asks about four instants of each of 100,000 requests, and walking the changes again
// for each one was most of the time its week facts took.
import type { Status } from "../requests/state-machine";
import { slaPauseChange } from "./sla";

/**
 * A request's pause clock, fed its status changes (RequestEvent rows with a toStatus) oldest
 * first. `pausedMsAt(at)` is the time (ms) the clock had been paused before `at` — a pause still
 * running at `at` counts up to it, changes made at or after `at` do not — for any `at` no earlier
 * than the latest change fed.
 */
export class SlaPauseReplay {
  private clock: { slaPausedAt: Date | null; slaPausedMs: number } = { slaPausedAt: null, slaPausedMs: 0 };
  /** The clock before the changes made at the same instant as the latest one. */
  private beforeLatest = this.clock;
  private latestAt = -Infinity;

  add(fromStatus: Status | null, toStatus: Status, createdAt: Date) {
    const at = createdAt.getTime();
    if (at !== this.latestAt) {
      this.beforeLatest = this.clock;
      this.latestAt = at;
    }
    this.clock = slaPauseChange(this.clock, fromStatus, toStatus, createdAt);
  }

  pausedMsAt(at: number): number {
    const clock = at === this.latestAt ? this.beforeLatest : this.clock;
    return clock.slaPausedMs + (clock.slaPausedAt ? at - clock.slaPausedAt.getTime() : 0);
  }
}
