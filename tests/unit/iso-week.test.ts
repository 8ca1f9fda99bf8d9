// ISO weeks in Kyiv time, including the weeks in which the clocks change (Kyiv goes to summer
// time on the last Sunday of March at 03:00 and back on the last Sunday of October at 04:00).
import { describe, expect, it } from "vitest";
import {
  formatIsoWeek,
  formatKyivDateTime,
  isoWeekOf,
  isoWeekRange,
  kyivWallClock,
  lastCompleteIsoWeek,
  parseIsoWeek,
  shiftIsoWeek,
  weeksInIsoYear,
} from "~/domain/sla/iso-week";

const HOUR = 3600_000;
const at = (iso: string) => new Date(iso);

describe("parseIsoWeek", () => {
  it.each([
    ["2026-W13", { year: 2026, week: 13 }],
    ["2026-w05", { year: 2026, week: 5 }],
    [" 2026-W53 ", { year: 2026, week: 53 }], // 2026 starts on a Thursday: 53 weeks
  ])("reads %j", (text, week) => {
    expect(parseIsoWeek(text)).toEqual(week);
  });

  it.each(["2025-W53", "2026-W54", "2026-W00", "2026W13", "2026-W1", "26-W13", "", "last week", "2026-W13x"])("refuses %j", (text) => {
    expect(parseIsoWeek(text)).toBeNull();
  });

  it("counts 52 or 53 weeks a year", () => {
    expect([2020, 2021, 2025, 2026, 2027].map(weeksInIsoYear)).toEqual([53, 52, 52, 53, 52]);
  });

  it("writes the week back the same way", () => {
    expect(formatIsoWeek({ year: 2026, week: 5 })).toBe("2026-W05");
  });
});

describe("isoWeekRange in Kyiv time", () => {
  it("an ordinary winter week: Monday 00:00 EET to the next Monday 00:00, 168 hours", () => {
    const { start, end } = isoWeekRange({ year: 2026, week: 10 });
    expect(start.toISOString()).toBe("2026-03-01T22:00:00.000Z"); // Mon 2 March 00:00 +02:00
    expect(end.toISOString()).toBe("2026-03-08T22:00:00.000Z");
    expect((end.getTime() - start.getTime()) / HOUR).toBe(168);
  });

  it("2026-W13, when the clocks go forward (Sunday 29 March 03:00 → 04:00), is 167 hours", () => {
    const { start, end } = isoWeekRange({ year: 2026, week: 13 });
    expect(start.toISOString()).toBe("2026-03-22T22:00:00.000Z"); // Mon 23 March 00:00 +02:00
    expect(end.toISOString()).toBe("2026-03-29T21:00:00.000Z"); // Mon 30 March 00:00 +03:00
    expect((end.getTime() - start.getTime()) / HOUR).toBe(167);
  });

  it("2026-W43, when the clocks go back (Sunday 25 October 04:00 → 03:00), is 169 hours", () => {
    const { start, end } = isoWeekRange({ year: 2026, week: 43 });
    expect(start.toISOString()).toBe("2026-10-18T21:00:00.000Z"); // Mon 19 October 00:00 +03:00
    expect(end.toISOString()).toBe("2026-10-25T22:00:00.000Z"); // Mon 26 October 00:00 +02:00
    expect((end.getTime() - start.getTime()) / HOUR).toBe(169);
  });

  it("week 1 can start in December of the year before", () => {
    expect(isoWeekRange({ year: 2026, week: 1 }).start.toISOString()).toBe("2025-12-28T22:00:00.000Z");
    expect(isoWeekRange({ year: 2026, week: 53 }).end.toISOString()).toBe("2027-01-03T22:00:00.000Z");
  });

  it("consecutive weeks meet exactly", () => {
    for (let week = 1; week < 53; week++) {
      expect(isoWeekRange({ year: 2026, week }).end).toEqual(isoWeekRange({ year: 2026, week: week + 1 }).start);
    }
  });
});

describe("isoWeekOf (by the Kyiv calendar)", () => {
  it.each([
    ["2026-03-22T21:59:59.999Z", "2026-W12"], // Sunday 23:59:59.999 in Kyiv
    ["2026-03-22T22:00:00.000Z", "2026-W13"], // Monday 00:00 in Kyiv (Sunday in UTC)
    ["2026-03-29T20:59:59.999Z", "2026-W13"], // Sunday 23:59:59.999, summer time
    ["2026-03-29T21:00:00.000Z", "2026-W14"],
    ["2026-10-25T21:59:59.999Z", "2026-W43"], // Sunday 23:59:59.999, winter time again
    ["2026-10-25T22:00:00.000Z", "2026-W44"],
    ["2027-01-01T10:00:00.000Z", "2026-W53"],
    ["2025-12-31T23:30:00.000Z", "2026-W01"], // already 1 January in Kyiv
  ])("%s is in %s", (instant, week) => {
    expect(formatIsoWeek(isoWeekOf(at(instant)))).toBe(week);
  });
});

describe("the last complete week", () => {
  it("is the week before the one now is in", () => {
    expect(formatIsoWeek(lastCompleteIsoWeek(at("2026-03-30T08:00:00Z")))).toBe("2026-W13");
    // Sunday 23:00 in Kyiv: the week is not over yet.
    expect(formatIsoWeek(lastCompleteIsoWeek(at("2026-03-29T20:00:00Z")))).toBe("2026-W12");
    expect(formatIsoWeek(lastCompleteIsoWeek(at("2026-01-02T12:00:00Z")))).toBe("2025-W52");
  });

  it("shifts across years", () => {
    expect(shiftIsoWeek({ year: 2026, week: 1 }, -1)).toEqual({ year: 2025, week: 52 });
    expect(shiftIsoWeek({ year: 2026, week: 53 }, 1)).toEqual({ year: 2027, week: 1 });
    expect(shiftIsoWeek({ year: 2026, week: 13 }, -52)).toEqual({ year: 2025, week: 13 });
  });
});

describe("Kyiv wall-clock time", () => {
  it.each([
    ["2026-03-29T00:59:00Z", "2026-03-29 02:59"],
    ["2026-03-29T01:00:00Z", "2026-03-29 04:00"], // 03:00 never happens
    ["2026-10-25T00:30:00Z", "2026-10-25 03:30"], // summer time
    ["2026-10-25T01:30:00Z", "2026-10-25 03:30"], // the same wall time again, winter time
    ["2026-07-01T21:00:00Z", "2026-07-02 00:00"],
  ])("%s reads %s in Kyiv", (instant, wall) => {
    expect(formatKyivDateTime(at(instant))).toBe(wall);
  });

  it("is what a spreadsheet cell must hold", () => {
    expect(kyivWallClock(at("2026-03-29T01:00:00Z")).toISOString()).toBe("2026-03-29T04:00:00.000Z");
  });
});
