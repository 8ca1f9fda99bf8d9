// Typed SQL on the rate limits' windows (RateLimitWindow), for the limits shared by every server
// process on one database (app/utils/rate-limit.server.ts says when they are used).
import { writeStatement } from "./db.server";
import { read } from "./read-db.server";
import { toDate } from "./schema";
import { builder, first } from "./sql";

export type WindowCount = { count: number; resetAt: Date };

/**
 * Counts one attempt by `key` in its window at `now`, in one statement (two processes counting
 * at once each get their own count): a window that has ended starts again at 1 for `windowMs`.
 */
export function countAttempt({ key, now, windowMs }: { key: string; now: Date; windowMs: number }): Promise<WindowCount> {
  return writeStatement(function* () {
  const fresh = new Date(now.getTime() + windowMs);
  const row = yield* first(
    builder
      .insertInto("RateLimitWindow")
      .values({ key, count: 1, resetAt: fresh })
      .onConflict((conflict) =>
        conflict.column("key").doUpdateSet((eb) => ({
          count: eb.case().when("RateLimitWindow.resetAt", "<=", now).then(1).else(eb("RateLimitWindow.count", "+", 1)).end(),
          resetAt: eb.case().when("RateLimitWindow.resetAt", "<=", now).then(fresh).else(eb.ref("RateLimitWindow.resetAt")).end(),
        })),
      )
      .returning(["count", "resetAt"]),
  );
  return { count: row!.count, resetAt: toDate(row!.resetAt) };
  });
}

/** The key's window, if it has one that has not ended at `now`. */
export async function currentWindow({ key, now }: { key: string; now: Date }): Promise<WindowCount | undefined> {
  const row = await read(first(builder.selectFrom("RateLimitWindow").select(["count", "resetAt"]).where("key", "=", key).where("resetAt", ">", now)));
  return row && { count: row.count, resetAt: toDate(row.resetAt) };
}
