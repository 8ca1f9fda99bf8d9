// Typed SQL on the request and its registry rows, for the writes of one transaction (`Statements`
// from db.server.ts): filing (intake) runs these instead of Prisma calls (decision 011).
import type { Insertable, Selectable } from "kysely";
import type { Statements } from "./db.server";
import type { DB } from "./schema";
import { builder } from "./sql";

/** The enterprise's registry row, written by its first filing only (EDRPOU codes are public). */
export function insertEnterpriseOnce(sql: Statements, row: Insertable<DB["Enterprise"]> & { edrpou: string }): string {
  sql.run(
    builder
      .insertInto("Enterprise")
      .values(row)
      .onConflict((conflict) => conflict.column("edrpou").doNothing()),
  );
  return sql.get(builder.selectFrom("Enterprise").select("id").where("edrpou", "=", row.edrpou))!.id;
}

/** The next number of the year's references: 1, 2, 3… with no gap, in the filing's transaction. */
export function nextReferenceNumber(sql: Statements, year: number): number {
  return sql.get(
    builder
      .insertInto("ReferenceCounter")
      .values({ year, last: 1 })
      .onConflict((conflict) => conflict.column("year").doUpdateSet((update) => ({ last: update(update.ref("ReferenceCounter.last"), "+", 1) })))
      .returning("last"),
  )!.last;
}

/** The enterprise's oldest request of the category in one of `statuses`, if any. */
type RequestRow = Selectable<DB["Request"]>;

export function oldestRequestOf(
  sql: Statements,
  where: { enterpriseId: string; category: RequestRow["category"]; statuses: ReadonlyArray<RequestRow["status"]> },
): string | null {
  const row = sql.get(
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

export function insertRequest(sql: Statements, row: Insertable<DB["Request"]>) {
  sql.run(builder.insertInto("Request").values(row));
}

export function insertEvent(sql: Statements, row: Insertable<DB["RequestEvent"]>) {
  sql.run(builder.insertInto("RequestEvent").values(row));
}

export function insertRequestFile(sql: Statements, row: Insertable<DB["RequestFile"]>) {
  sql.run(builder.insertInto("RequestFile").values(row));
}
