// One request's week replayed from its status changes alone: no database. Times are hours after
// the week's start (2026-03-22T22:00Z, Monday 00:00 Kyiv); SLA targets are the defaults (HIGH:
// triage 24 h).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { requestWeekFacts } from "~/domain/report/week-facts";
import type { ReportEvent } from "~/domain/report/types";
import { ACTIONS, STATUSES, type Status } from "~/domain/requests/state-machine";
import { nextDueAt, slaDueTimes, slaPauseChange } from "~/domain/sla/sla";
import { URGENCIES, type Urgency } from "~/domain/taxonomy";

const HOUR = 3600_000;
const S = new Date("2026-03-22T22:00:00.000Z").getTime();
const h = (hours: number) => new Date(S + hours * HOUR);

describe("requestWeekFacts", () => {
  it("replays R2's pause: 40 h waiting, due times pushed out by it", () => {
    const created = h(0);
    const events = [
      { action: "submit", fromStatus: null, toStatus: "NEW", clusterId: null, createdAt: h(0) },
      { action: "requestInfo", fromStatus: "NEW", toStatus: "NEEDS_INFO", clusterId: null, createdAt: h(2) },
      { action: "provideInfo", fromStatus: "NEEDS_INFO", toStatus: "NEW", clusterId: null, createdAt: h(42) },
    ] as const;
    const facts = requestWeekFacts(
      { createdAt: created, urgency: "HIGH" },
      events.map((e) => ({ ...e })),
      { start: h(0), end: h(167) },
    );
    expect(facts.pausedMsAtEnd).toBe(40 * HOUR);
    expect(facts.triageDueAt).toEqual(h(64));
    expect(facts.overdueAtEnd).toBe(true);
    expect(facts.newlyOverdueSince).toEqual(h(64));
    // Still waiting at the week's end: the running pause counts, and nothing is overdue.
    const waiting = requestWeekFacts(
      { createdAt: created, urgency: "HIGH" },
      events.slice(0, 2).map((e) => ({ ...e })),
      {
        start: h(0),
        end: h(167),
      },
    );
    expect(waiting.statusAtEnd).toBe("NEEDS_INFO");
    expect(waiting.pausedMsAtEnd).toBe(165 * HOUR);
    expect(waiting.overdueAtEnd).toBe(false);
  });

  // The facts take one walk over the changes; this replays the pause clock afresh for each
  // instant asked about, the plain reading of the rules, and the two must agree on any history
  // (changes at the same instant included).
  it("gives the SLA facts a replay from scratch at each instant gives", () => {
    type Change = { fromStatus: Status | null; toStatus: Status; createdAt: Date };
    const pausedMsAt = (changes: readonly Change[], at: Date) => {
      let clock: { slaPausedAt: Date | null; slaPausedMs: number } = { slaPausedAt: null, slaPausedMs: 0 };
      for (const change of changes) {
        if (change.createdAt.getTime() >= at.getTime()) break;
        clock = slaPauseChange(clock, change.fromStatus, change.toStatus, change.createdAt);
      }
      return clock.slaPausedMs + (clock.slaPausedAt ? at.getTime() - clock.slaPausedAt.getTime() : 0);
    };
    const dueAt = (createdAt: Date, urgency: Urgency, changes: readonly Change[], at: Date) =>
      slaDueTimes({ createdAt, urgency, slaPausedMs: pausedMsAt(changes, at) });
    const overdueAt = (createdAt: Date, urgency: Urgency, changes: readonly Change[], status: Status, triagedAt: Date | null, at: Date) => {
      const due = nextDueAt({ status, triagedAt, ...dueAt(createdAt, urgency, changes, at) });
      return due !== null && due.getTime() < at.getTime();
    };
    const step = fc.record({
      afterHours: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
      action: fc.constantFrom(...ACTIONS, "submit"),
      fromStatus: fc.option(fc.constantFrom(...STATUSES)),
      toStatus: fc.oneof(fc.constantFrom(...STATUSES), fc.constant("NEEDS_INFO" as const)),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: -300, max: 160 }),
        fc.constantFrom(...URGENCIES),
        fc.array(step, { maxLength: 12 }),
        fc.integer({ min: 0, max: 167 }),
        (createdHour, urgency, steps, endHour) => {
          const createdAt = h(createdHour);
          let hour = createdHour;
          const events: ReportEvent[] = steps.map((s) => {
            hour += s.afterHours;
            return { action: s.action, fromStatus: s.fromStatus, toStatus: s.toStatus, clusterId: null, createdAt: h(hour) };
          });
          const range = { start: h(0), end: h(endHour) };
          const facts = requestWeekFacts({ createdAt, urgency }, events, range);

          const changes = events.filter((e) => e.createdAt < range.end) as Change[];
          const { triageDueAt, resolveDueAt } = dueAt(createdAt, urgency, changes, range.end);
          const triaged = facts.firstTriageAt;
          const triagedBeforeStart = triaged && triaged < range.start ? triaged : null;
          const overdueAtEnd = overdueAt(createdAt, urgency, changes, facts.statusAtEnd, triaged, range.end);
          const overdueAtStart = facts.statusAtStart !== null && overdueAt(createdAt, urgency, changes, facts.statusAtStart, triagedBeforeStart, range.start);
          const inWeek = (d: Date | null): d is Date => d !== null && d >= range.start && d < range.end;
          const passed = triaged ? resolveDueAt : triageDueAt;
          expect(facts).toMatchObject({
            pausedMsAtEnd: pausedMsAt(changes, range.end),
            triageDueAt: triaged ? dueAt(createdAt, urgency, changes, triaged).triageDueAt : triageDueAt,
            resolveDueAt,
            triagedInTime: inWeek(triaged) ? triaged <= dueAt(createdAt, urgency, changes, triaged).triageDueAt : null,
            resolvedInTime: inWeek(facts.firstResolveAt) ? facts.firstResolveAt <= dueAt(createdAt, urgency, changes, facts.firstResolveAt).resolveDueAt : null,
            overdueAtStart,
            overdueAtEnd,
            newlyOverdueSince: overdueAtEnd && !overdueAtStart ? new Date(Math.max(passed.getTime(), range.start.getTime(), createdAt.getTime())) : null,
          });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
