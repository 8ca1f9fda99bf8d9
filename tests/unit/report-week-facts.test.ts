// One request's week replayed from its status changes alone: no database. Times are hours after
// the week's start (2026-03-22T22:00Z, Monday 00:00 Kyiv); SLA targets are the defaults (HIGH:
// triage 24 h).
import { describe, expect, it } from "vitest";
import { requestWeekFacts } from "~/domain/report/week-facts";

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
});
