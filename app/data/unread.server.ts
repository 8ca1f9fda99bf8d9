// Typed SQL on the "unread" marks (RequestUnread; app/domain/requests/unread.server.ts says what
// they mean): written in the enterprise's transition's transaction like the outbox (decision 011),
// read and removed on the read connection and in a write of their own.
import type { Expression, SqlBool } from "kysely";
import { readFirst } from "./read-db.server";
import { toDate } from "./schema";
import { builder, execute } from "./sql";

/** Marks the request unread since `at` for every user `sees` is true of (on the user table aliased `u`). */
export function markUnread({ requestId, at, sees }: { requestId: string; at: Date; sees: Expression<SqlBool> }) {
  return execute(
    builder
      .insertInto("RequestUnread")
      .columns(["userId", "requestId", "since", "lastAt"])
      .expression(
        builder
          .selectFrom("User as u")
          .select((eb) => ["u.id", eb.val(requestId).as("requestId"), eb.val(at).as("since"), eb.val(at).as("lastAt")])
          .where(sees),
      )
      .onConflict((conflict) => conflict.columns(["userId", "requestId"]).doUpdateSet((update) => ({ lastAt: update.ref("excluded.lastAt") }))),
  );
}

/** The person's mark on the request: since when, and the enterprise's latest activity it covers. */
export async function unreadMark(userId: string, requestId: string): Promise<{ since: Date; lastAt: Date } | undefined> {
  const mark = await readFirst(builder.selectFrom("RequestUnread").select(["since", "lastAt"]).where("userId", "=", userId).where("requestId", "=", requestId));
  return mark && { since: toDate(mark.since), lastAt: toDate(mark.lastAt) };
}

/** Removes the person's mark unless the enterprise acted after `shownUpTo`. */
export function removeUnreadMark({ userId, requestId, shownUpTo }: { userId: string; requestId: string; shownUpTo: Date }) {
  return execute(builder.deleteFrom("RequestUnread").where("userId", "=", userId).where("requestId", "=", requestId).where("lastAt", "<=", shownUpTo));
}
