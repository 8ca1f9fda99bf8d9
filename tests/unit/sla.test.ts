import { describe, expect, it } from "vitest";
import { acceptDueAt, DEFAULT_SLA_TARGETS, slaDueTimes, slaPauseChange, type SlaTargets } from "~/domain/sla/sla";

const HOUR = 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

/** Local wall-clock time in Kyiv, with the zone abbreviation, to show the DST change really happens. */
const kyiv = (d: Date) =>
  d
    .toLocaleString("sv-SE", {
      timeZone: "Europe/Kyiv",
      timeZoneName: "shortOffset",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
    .replace(/\u2212/g, "-");

describe("slaDueTimes per urgency", () => {
  const createdAt = at("2026-05-04T10:00:00.000Z");
  it.each([
    // urgency, triage due, resolve due
    ["CRITICAL", "2026-05-04T14:00:00.000Z", "2026-05-07T10:00:00.000Z"], // +4 h, +3 days
    ["HIGH", "2026-05-05T10:00:00.000Z", "2026-05-14T10:00:00.000Z"], // +24 h, +10 days
    ["NORMAL", "2026-05-07T10:00:00.000Z", "2026-05-25T10:00:00.000Z"], // +3 days, +21 days
    ["LOW", "2026-05-09T10:00:00.000Z", "2026-06-18T10:00:00.000Z"], // +5 days, +45 days
  ] as const)("%s: triage by %s, resolve by %s", (urgency, triage, resolve) => {
    const due = slaDueTimes({ createdAt, urgency, slaPausedMs: 0 });
    expect(iso(due.triageDueAt)).toBe(triage);
    expect(iso(due.resolveDueAt)).toBe(resolve);
  });

  it("uses the targets it is given", () => {
    const targets: SlaTargets = {
      ...DEFAULT_SLA_TARGETS,
      HIGH: { triageMs: 2 * HOUR, resolveMs: 5 * HOUR, acceptMs: HOUR },
    };
    const due = slaDueTimes({ createdAt, urgency: "HIGH", slaPausedMs: 0 }, targets);
    expect(iso(due.triageDueAt)).toBe("2026-05-04T12:00:00.000Z");
    expect(iso(due.resolveDueAt)).toBe("2026-05-04T15:00:00.000Z");
    expect(iso(acceptDueAt(createdAt, "HIGH", targets))).toBe("2026-05-04T11:00:00.000Z");
  });

  it("does not mutate createdAt", () => {
    const created = at("2026-05-04T10:00:00.000Z");
    slaDueTimes({ createdAt: created, urgency: "CRITICAL", slaPausedMs: 3 * HOUR });
    expect(iso(created)).toBe("2026-05-04T10:00:00.000Z");
  });
});

describe("acceptDueAt per urgency", () => {
  const assignedAt = at("2026-05-04T10:00:00.000Z");
  it.each([
    ["CRITICAL", "2026-05-04T22:00:00.000Z"], // +12 h
    ["HIGH", "2026-05-05T10:00:00.000Z"], // +24 h
    ["NORMAL", "2026-05-07T10:00:00.000Z"], // +72 h
    ["LOW", "2026-05-09T10:00:00.000Z"], // +5 days
  ] as const)("%s: accept by %s", (urgency, due) => {
    expect(iso(acceptDueAt(assignedAt, urgency))).toBe(due);
  });
});

describe("slaPauseChange", () => {
  const running = { slaPausedAt: null, slaPausedMs: 0 };

  it("entering NEEDS_INFO starts a pause without adding time yet", () => {
    const now = at("2026-05-04T12:00:00.000Z");
    expect(slaPauseChange(running, "TRIAGED", "NEEDS_INFO", now)).toEqual({ slaPausedAt: now, slaPausedMs: 0 });
    expect(slaPauseChange({ slaPausedAt: null, slaPausedMs: 5 * HOUR }, "NEW", "NEEDS_INFO", now)).toEqual({
      slaPausedAt: now,
      slaPausedMs: 5 * HOUR,
    });
  });

  it("leaving NEEDS_INFO adds the time spent waiting", () => {
    const paused = { slaPausedAt: at("2026-05-04T12:00:00.000Z"), slaPausedMs: 0 };
    expect(slaPauseChange(paused, "NEEDS_INFO", "TRIAGED", at("2026-05-04T18:30:00.000Z"))).toEqual({
      slaPausedAt: null,
      slaPausedMs: 6.5 * HOUR,
    });
  });

  it("leaving NEEDS_INFO to a final status also counts the wait", () => {
    const paused = { slaPausedAt: at("2026-05-04T12:00:00.000Z"), slaPausedMs: HOUR };
    expect(slaPauseChange(paused, "NEEDS_INFO", "REJECTED", at("2026-05-04T14:00:00.000Z"))).toEqual({
      slaPausedAt: null,
      slaPausedMs: 3 * HOUR,
    });
  });

  it("staying in NEEDS_INFO and changes elsewhere leave the clock alone", () => {
    const paused = { slaPausedAt: at("2026-05-04T12:00:00.000Z"), slaPausedMs: HOUR };
    const later = at("2026-05-05T12:00:00.000Z");
    expect(slaPauseChange(paused, "NEEDS_INFO", "NEEDS_INFO", later)).toEqual(paused);
    const runningWithHistory = { slaPausedAt: null, slaPausedMs: 2 * HOUR };
    expect(slaPauseChange(runningWithHistory, "TRIAGED", "ASSIGNED", later)).toEqual(runningWithHistory);
    expect(slaPauseChange(runningWithHistory, null, "NEW", later)).toEqual(runningWithHistory);
  });
});

describe("pausing pushes the due times out", () => {
  const createdAt = at("2026-05-04T10:00:00.000Z");

  it("a pause of N hours shifts both due times by N hours", () => {
    const base = slaDueTimes({ createdAt, urgency: "HIGH", slaPausedMs: 0 });
    for (const n of [1, 5, 30]) {
      const pausedAt = at("2026-05-04T11:00:00.000Z");
      let clock = slaPauseChange({ slaPausedAt: null, slaPausedMs: 0 }, "TRIAGED", "NEEDS_INFO", pausedAt);
      clock = slaPauseChange(clock, "NEEDS_INFO", "TRIAGED", new Date(pausedAt.getTime() + n * HOUR));
      expect(clock).toEqual({ slaPausedAt: null, slaPausedMs: n * HOUR });
      const due = slaDueTimes({ createdAt, urgency: "HIGH", slaPausedMs: clock.slaPausedMs });
      expect(due.triageDueAt.getTime() - base.triageDueAt.getTime()).toBe(n * HOUR);
      expect(due.resolveDueAt.getTime() - base.resolveDueAt.getTime()).toBe(n * HOUR);
    }
  });

  it("a 5-hour pause on a CRITICAL request, in explicit instants", () => {
    let clock = slaPauseChange({ slaPausedAt: null, slaPausedMs: 0 }, "NEW", "NEEDS_INFO", at("2026-05-04T11:00:00.000Z"));
    clock = slaPauseChange(clock, "NEEDS_INFO", "NEW", at("2026-05-04T16:00:00.000Z"));
    const due = slaDueTimes({ createdAt, urgency: "CRITICAL", slaPausedMs: clock.slaPausedMs });
    expect(iso(due.triageDueAt)).toBe("2026-05-04T19:00:00.000Z"); // 10:00 + 4 h + 5 h
    expect(iso(due.resolveDueAt)).toBe("2026-05-07T15:00:00.000Z"); // 10:00 + 72 h + 5 h
  });

  it("two pauses add up", () => {
    let clock: { slaPausedAt: Date | null; slaPausedMs: number } = { slaPausedAt: null, slaPausedMs: 0 };
    // First pause: 2 h.
    clock = slaPauseChange(clock, "TRIAGED", "NEEDS_INFO", at("2026-05-04T11:00:00.000Z"));
    clock = slaPauseChange(clock, "NEEDS_INFO", "TRIAGED", at("2026-05-04T13:00:00.000Z"));
    expect(clock).toEqual({ slaPausedAt: null, slaPausedMs: 2 * HOUR });
    // Running in between: no change.
    clock = slaPauseChange(clock, "TRIAGED", "ASSIGNED", at("2026-05-04T14:00:00.000Z"));
    clock = slaPauseChange(clock, "ASSIGNED", "TRIAGED", at("2026-05-04T15:00:00.000Z"));
    // Second pause: 3 h 30 min.
    clock = slaPauseChange(clock, "TRIAGED", "NEEDS_INFO", at("2026-05-05T08:00:00.000Z"));
    expect(clock).toEqual({ slaPausedAt: at("2026-05-05T08:00:00.000Z"), slaPausedMs: 2 * HOUR });
    clock = slaPauseChange(clock, "NEEDS_INFO", "NEW", at("2026-05-05T11:30:00.000Z"));
    expect(clock).toEqual({ slaPausedAt: null, slaPausedMs: 5.5 * HOUR });

    const due = slaDueTimes({ createdAt, urgency: "NORMAL", slaPausedMs: clock.slaPausedMs });
    expect(iso(due.triageDueAt)).toBe("2026-05-07T15:30:00.000Z"); // 10:00 + 72 h + 5.5 h
    expect(iso(due.resolveDueAt)).toBe("2026-05-25T15:30:00.000Z"); // 10:00 + 21 days + 5.5 h
  });
});

describe("due times are elapsed time across Kyiv's daylight-saving changes", () => {
  it("autumn (clocks go back 2026-10-25 04:00 EEST → 03:00 EET, at 01:00 UTC): CRITICAL", () => {
    const createdAt = at("2026-10-24T20:00:00.000Z");
    expect(kyiv(createdAt)).toBe("2026-10-24 23:00:00 GMT+3");
    const due = slaDueTimes({ createdAt, urgency: "CRITICAL", slaPausedMs: 0 });
    expect(iso(due.triageDueAt)).toBe("2026-10-25T00:00:00.000Z");
    // 72 h later; the wall clock in Kyiv shows 22:00 (not 23:00) because an hour repeated.
    expect(iso(due.resolveDueAt)).toBe("2026-10-27T20:00:00.000Z");
    expect(kyiv(due.resolveDueAt)).toBe("2026-10-27 22:00:00 GMT+2");
  });

  it("autumn: a triage window that spans the change is still 4 elapsed hours", () => {
    const createdAt = at("2026-10-24T23:30:00.000Z"); // 02:30 EEST
    const due = slaDueTimes({ createdAt, urgency: "CRITICAL", slaPausedMs: 0 });
    expect(iso(due.triageDueAt)).toBe("2026-10-25T03:30:00.000Z");
    expect(kyiv(due.triageDueAt)).toBe("2026-10-25 05:30:00 GMT+2"); // 3 wall-clock hours later
  });

  it("spring (clocks go forward 2026-03-29 03:00 EET → 04:00 EEST, at 01:00 UTC): HIGH", () => {
    const createdAt = at("2026-03-28T23:00:00.000Z"); // 01:00 EET on the 29th
    expect(kyiv(createdAt)).toBe("2026-03-29 01:00:00 GMT+2");
    const due = slaDueTimes({ createdAt, urgency: "HIGH", slaPausedMs: 0 });
    expect(iso(due.triageDueAt)).toBe("2026-03-29T23:00:00.000Z");
    expect(kyiv(due.triageDueAt)).toBe("2026-03-30 02:00:00 GMT+3");
    expect(iso(due.resolveDueAt)).toBe("2026-04-07T23:00:00.000Z");
  });

  it("a pause that spans the change still counts its elapsed time", () => {
    const createdAt = at("2026-10-24T20:00:00.000Z");
    // Paused 2026-10-24T22:00Z (01:00 EEST) to 2026-10-25T04:00Z (06:00 EET): 6 elapsed hours, 5 on the wall clock.
    let clock = slaPauseChange({ slaPausedAt: null, slaPausedMs: 0 }, "NEW", "NEEDS_INFO", at("2026-10-24T22:00:00.000Z"));
    clock = slaPauseChange(clock, "NEEDS_INFO", "NEW", at("2026-10-25T04:00:00.000Z"));
    expect(clock.slaPausedMs).toBe(6 * HOUR);
    const due = slaDueTimes({ createdAt, urgency: "CRITICAL", slaPausedMs: clock.slaPausedMs });
    expect(iso(due.triageDueAt)).toBe("2026-10-25T06:00:00.000Z");
    expect(iso(due.resolveDueAt)).toBe("2026-10-28T02:00:00.000Z");
  });
});
