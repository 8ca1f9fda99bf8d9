// Typed SQL on the queue's named views, read on every queue page from the read connection.
import { readRows } from "./read-db.server";
import { toBoolean } from "./schema";
import { builder } from "./sql";

/** The person's own views first, then those shared by others, by name (then author). */
export async function savedViewsSeenBy(userId: string) {
  const rows = await readRows(
    builder
      .selectFrom("SavedView as v")
      .innerJoin("User as u", "u.id", "v.userId")
      .select((eb) => ["v.id", "v.name", "v.query", "v.shared", eb("v.userId", "=", userId).as("mine"), "u.name as author"])
      .where((eb) => eb.or([eb("v.userId", "=", userId), eb("v.shared", "=", true)]))
      .orderBy((eb) => eb("v.userId", "=", userId), "desc")
      .orderBy("v.name")
      .orderBy("u.name"),
  );
  return rows.map((row) => ({ ...row, shared: toBoolean(row.shared), mine: toBoolean(row.mine as number | boolean) }));
}
