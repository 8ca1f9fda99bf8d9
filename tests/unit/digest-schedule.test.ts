import { describe, expect, it } from "vitest";
import { dueDigest } from "~/domain/notifications/digest-schedule";

const due = (iso: string) => {
  const { day, cutoff } = dueDigest(new Date(iso));
  return { day, cutoff: cutoff.toISOString() };
};

describe("the daily digest is due at 08:00 Kyiv time", () => {
  it("in winter (UTC+2) at 06:00 UTC, and before it yesterday's is the one due", () => {
    expect(due("2026-01-15T06:00:00.000Z")).toEqual({ day: "2026-01-15", cutoff: "2026-01-15T06:00:00.000Z" });
    expect(due("2026-01-15T05:59:59.999Z")).toEqual({ day: "2026-01-14", cutoff: "2026-01-14T06:00:00.000Z" });
    // 01:30 in Kyiv on the 16th: the 16th's digest is not due yet.
    expect(due("2026-01-15T23:30:00.000Z")).toEqual({ day: "2026-01-15", cutoff: "2026-01-15T06:00:00.000Z" });
  });

  it("in summer (UTC+3) at 05:00 UTC", () => {
    expect(due("2026-07-01T05:00:00.000Z")).toEqual({ day: "2026-07-01", cutoff: "2026-07-01T05:00:00.000Z" });
    expect(due("2026-07-01T04:59:00.000Z")).toEqual({ day: "2026-06-30", cutoff: "2026-06-30T05:00:00.000Z" });
  });

  it("on the days the clocks change (29 March and 25 October 2026)", () => {
    // 03:00 became 04:00 that night: 08:00 Kyiv is already summer time.
    expect(due("2026-03-29T05:00:00.000Z")).toEqual({ day: "2026-03-29", cutoff: "2026-03-29T05:00:00.000Z" });
    expect(due("2026-03-29T04:59:00.000Z")).toEqual({ day: "2026-03-28", cutoff: "2026-03-28T06:00:00.000Z" });
    // 04:00 became 03:00 that night: 08:00 Kyiv is winter time again.
    expect(due("2026-10-25T06:00:00.000Z")).toEqual({ day: "2026-10-25", cutoff: "2026-10-25T06:00:00.000Z" });
    expect(due("2026-10-25T05:30:00.000Z")).toEqual({ day: "2026-10-24", cutoff: "2026-10-24T05:00:00.000Z" });
  });

  it("across a new year and a month's end", () => {
    expect(due("2027-01-01T05:00:00.000Z")).toEqual({ day: "2026-12-31", cutoff: "2026-12-31T06:00:00.000Z" });
    expect(due("2026-03-01T03:00:00.000Z")).toEqual({ day: "2026-02-28", cutoff: "2026-02-28T06:00:00.000Z" });
  });
});
