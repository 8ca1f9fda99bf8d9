// Typed SQL on the request and its registry rows, for the writes of one transaction (`Work`, run
// by writeTransaction in db.server.ts): filing (intake) runs these instead of Prisma calls (decision 011).
import type { Insertable, Selectable } from "kysely";
import { type Tx, inTransaction, onPostgres } from "./db.server";
import type { DB } from "./schema";
import { type Work, builder, execute, first, insertLater, rows } from "./sql";

/** The enterprise's registry row, written by its first filing only (EDRPOU codes are public). */
export function* insertEnterpriseOnce(row: Insertable<DB["Enterprise"]> & { edrpou: string }): Work<string> {
  yield* execute(
    builder
      .insertInto("Enterprise")
      .values(row)
      .onConflict((conflict) => conflict.column("edrpou").doNothing()),
  );
  return (yield* first(builder.selectFrom("Enterprise").select("id").where("edrpou", "=", row.edrpou)))!.id;
}

/** The next number of the year's references: 1, 2, 3… with no gap, in the filing's transaction. */
export function* nextReferenceNumber(year: number): Work<number> {
  const counter = yield* first(
    builder
      .insertInto("ReferenceCounter")
      .values({ year, last: 1 })
      .onConflict((conflict) => conflict.column("year").doUpdateSet((update) => ({ last: update(update.ref("ReferenceCounter.last"), "+", 1) })))
      .returning("last"),
  );
  return counter!.last;
}

/** The enterprise's oldest request of the category in one of `statuses`, if any. */
type RequestRow = Selectable<DB["Request"]>;

export function* oldestRequestOf(
  where: { enterpriseId: string; category: RequestRow["category"]; statuses: ReadonlyArray<RequestRow["status"]> },
): Work<string | null> {
  const row = yield* first(
    builder
      .selectFrom("Request")
      .select("id")
      .where("enterpriseId", "=", where.enterpriseId)
      .where("category", "=", where.category)
      .where("status", "in", where.statuses)
      .orderBy("createdAt", "asc")
      .limit(1),
  );
  return row?.id ?? null;
}

export function insertRequest(row: Insertable<DB["Request"]>) {
  return insertLater(builder.insertInto("Request").values(row));
}

export function insertLine(row: Insertable<DB["RequestLine"]>) {
  return insertLater(builder.insertInto("RequestLine").values(row));
}

export function insertEvent(row: Insertable<DB["RequestEvent"]>) {
  return insertLater(builder.insertInto("RequestEvent").values(row));
}

export function insertRequestFile(row: Insertable<DB["RequestFile"]>) {
  return insertLater(builder.insertInto("RequestFile").values(row));
}

/**
 * Locks the rows of the requests a transaction is about to change, all of them, in one order,
 * before it changes any (PostgreSQL). A merge changes two requests, and each change takes the
 * dashboard's counts' lock (decision 057): without this, a merge holding that lock could wait for
 * its original's row while someone acting on the original held the row and waited for the lock.
 * SQLite has one writer at a time: nothing to order there.
 */
export async function lockRequestsInTx(tx: Tx, ids: ReadonlyArray<string>): Promise<void> {
  if (!onPostgres || !ids.length) return;
  await inTransaction(tx, rows(builder.selectFrom("Request").select("id").where("id", "in", ids).orderBy("id").forUpdate()));
}
