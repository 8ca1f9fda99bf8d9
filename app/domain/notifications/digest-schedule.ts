// When the daily digest is due: at 08:00 Kyiv time, once per Kyiv day. Pure; the sending is
// ./digest.server.ts. Kyiv's clock moves at the end of March and October: 08:00 is 05:00 UTC
// in summer and 06:00 UTC in winter, and a day may have 23 or 25 hours.
import { TZDate } from "@date-fns/tz";
import { TIME_ZONE } from "~/i18n/locale";

const DIGEST_HOUR = 8;

/**
 * The latest digest due at `now`: its Kyiv day ("2026-03-29") and its moment (that day's 08:00
 * in Kyiv). Before 08:00 it is yesterday's. A digest lists what happened before its moment, so
 * a run after a server was down at 08:00 sends the same digest it would have sent at 08:00.
 */
export function dueDigest(now: Date): { day: string; cutoff: Date } {
  const local = new TZDate(now.getTime(), TIME_ZONE);
  const at = (daysBack: number) => new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - daysBack, DIGEST_HOUR, 0, 0, TIME_ZONE);
  let cutoff = at(0);
  if (cutoff.getTime() > now.getTime()) cutoff = at(1);
  const day = [cutoff.getFullYear(), cutoff.getMonth() + 1, cutoff.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  return { day, cutoff: new Date(cutoff.getTime()) };
}
