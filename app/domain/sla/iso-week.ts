// ISO weeks in Kyiv time: "2026-W13" ↔ the instants its Monday 00:00 and the next Monday 00:00
// fall on in Europe/Kyiv. A week that crosses a daylight-saving change is 167 or 169 hours
// long; every report works with these two instants, never with "7 × 24 hours".
// Pure and dependency-free (Intl only), so pages, the CLI and tests share it.
import { TIME_ZONE } from "~/i18n/locale";

export type IsoWeek = { year: number; week: number };

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

const ISO_WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

/** "2026-W05" → { year: 2026, week: 5 }; null for anything else, or a week the year does not have. */
export function parseIsoWeek(text: string | null | undefined): IsoWeek | null {
  const match = ISO_WEEK_PATTERN.exec((text ?? "").trim().toUpperCase());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 2000 || year > 2999 || week < 1 || week > weeksInIsoYear(year)) return null;
  return { year, week };
}

export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Monday of ISO week 1 as a UTC calendar day (ms at 00:00 UTC): the week with 4 January in it. */
function firstMondayUtc(year: number) {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - weekday * DAY_MS;
}

/** The ISO week of a calendar day given as ms at 00:00 UTC of that day. */
function isoWeekOfCalendarDay(dayUtc: number): IsoWeek {
  const weekday = (new Date(dayUtc).getUTCDay() + 6) % 7;
  // The week belongs to the year its Thursday is in.
  const thursday = dayUtc + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((thursday - firstMondayUtc(year)) / (7 * DAY_MS)) + 1 };
}

export function weeksInIsoYear(year: number): 52 | 53 {
  // 28 December is always in the year's last ISO week.
  return isoWeekOfCalendarDay(Date.UTC(year, 11, 28)).week === 53 ? 53 : 52;
}

const offsetFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});
// Kyiv changes its offset only on the hour (UTC), so one look-up per UTC hour is exact.
const offsetCache = new Map<number, number>();

/** Kyiv's offset from UTC at an instant, in ms (+2 h in winter, +3 h in summer). */
function kyivOffsetMs(instant: Date | number): number {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  const cached = offsetCache.get(hour);
  if (cached !== undefined) return cached;
  const at = hour * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const part of offsetFormat.formatToParts(at)) if (part.type !== "literal") parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = wall - at;
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(hour, offset);
  return offset;
}

/**
 * The Kyiv wall-clock time of an instant, as a Date whose UTC fields read as Kyiv time. This is
 * what a spreadsheet cell (which has no time zone) must hold to show the time a Kyiv reader expects.
 */
export function kyivWallClock(instant: Date): Date {
  return new Date(instant.getTime() + kyivOffsetMs(instant));
}

/** The instant at which a Kyiv calendar day (year, month 1–12, day) starts. */
export function kyivMidnight(year: number, month: number, day: number): Date {
  const wall = Date.UTC(year, month - 1, day);
  // Kyiv never skips or repeats midnight (its changes are at 03:00/04:00), so two steps settle it.
  let instant = wall - kyivOffsetMs(wall);
  instant = wall - kyivOffsetMs(instant);
  return new Date(instant);
}

/** The week as [start, end): Monday 00:00 Kyiv time up to (not including) the next Monday 00:00. */
export function isoWeekRange(week: IsoWeek): { start: Date; end: Date } {
  const monday = new Date(firstMondayUtc(week.year) + (week.week - 1) * 7 * DAY_MS);
  const nextMonday = new Date(monday.getTime() + 7 * DAY_MS);
  return {
    start: kyivMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate()),
    end: kyivMidnight(nextMonday.getUTCFullYear(), nextMonday.getUTCMonth() + 1, nextMonday.getUTCDate()),
  };
}

/** The ISO week an instant falls in, by the Kyiv calendar. */
export function isoWeekOf(instant: Date): IsoWeek {
  const wall = kyivWallClock(instant).getTime();
  return isoWeekOfCalendarDay(Math.floor(wall / DAY_MS) * DAY_MS);
}

export function shiftIsoWeek(week: IsoWeek, weeks: number): IsoWeek {
  const monday = firstMondayUtc(week.year) + (week.week - 1 + weeks) * 7 * DAY_MS;
  return isoWeekOfCalendarDay(monday);
}

/** The last week that has ended by `now` (Kyiv time): the week before the current one. */
export function lastCompleteIsoWeek(now: Date = new Date()): IsoWeek {
  return shiftIsoWeek(isoWeekOf(now), -1);
}

const pad = (n: number) => String(n).padStart(2, "0");

const MINUTE_MS = 60 * 1000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => pad(n));
// "2026-03-29 " per Kyiv calendar day: an export formats hundreds of thousands of dates over a
// few hundred days, so the day part is built once per day and only the time per call.
const dayPrefixCache = new Map<number, string>();

/** "2026-03-29 04:00" in Kyiv time: the form Excel reads as a date from CSV. */
export function formatKyivDateTime(instant: Date): string {
  const wall = instant.getTime() + kyivOffsetMs(instant);
  const day = Math.floor(wall / DAY_MS);
  let prefix = dayPrefixCache.get(day);
  if (prefix === undefined) {
    const w = new Date(day * DAY_MS);
    prefix = `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())} `;
    if (dayPrefixCache.size > 100_000) dayPrefixCache.clear();
    dayPrefixCache.set(day, prefix);
  }
  const minute = Math.floor((wall - day * DAY_MS) / MINUTE_MS);
  return `${prefix}${TWO_DIGITS[Math.floor(minute / 60)]}:${TWO_DIGITS[minute % 60]}`;
}
