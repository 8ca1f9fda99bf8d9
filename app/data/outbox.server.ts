// Typed SQL on the outbox (Notification), the digest's entries and runs and the people's delivery
// choices, inside the transaction of the change that causes them (`Statements` from
// db.server.ts): written with every transition and every filing, where a Prisma call cost more
// than the insert (decision 011).
import type { Insertable, Selectable } from "kysely";
import type { DB } from "./schema";
import { type Work, builder, execute, first, insertLater } from "./sql";

export function insertNotification(row: Insertable<DB["Notification"]>) {
  return insertLater(builder.insertInto("Notification").values(row));
}

export function insertDigestEntry(row: Insertable<DB["DigestEntry"]>) {
  return insertLater(builder.insertInto("DigestEntry").values(row));
}

type Preference = Selectable<DB["NotificationPreference"]>;

/** The person's own choice for a topic, if they made one. */
export function* deliveryChoice(userId: string, topic: string): Work<Preference["delivery"] | undefined> {
  return (yield* first(builder.selectFrom("NotificationPreference").select("delivery").where("userId", "=", userId).where("topic", "=", topic)))?.delivery;
}

/**
 * Claims the person's digest of `day` for the notification `notificationId`; true when this
 * claim holds (a claim made earlier, by another run, keeps the day).
 */
export function* claimDigestRun(run: { userId: string; day: string; notificationId: string; createdAt: Date }): Work<boolean> {
  yield* execute(
    builder
      .insertInto("DigestRun")
      .values(run)
      .onConflict((conflict) => conflict.columns(["userId", "day"]).doNothing()),
  );
  const claim = yield* first(builder.selectFrom("DigestRun").select("notificationId").where("userId", "=", run.userId).where("day", "=", run.day));
  return claim?.notificationId === run.notificationId;
}

/** The day's digest was claimed but there was nothing to send. */
export function releaseDigestRun({ userId, day }: { userId: string; day: string }) {
  return execute(builder.updateTable("DigestRun").set({ notificationId: null }).where("userId", "=", userId).where("day", "=", day));
}

/** The person's waiting entries from before `before` now belong to the digest `digestId`. */
export function attachDigestEntries({ digestId, userId, before }: { digestId: string; userId: string; before: Date }) {
  return execute(
    builder.updateTable("DigestEntry").set({ digestId }).where("userId", "=", userId).where("digestId", "is", null).where("createdAt", "<", before),
  );
}
