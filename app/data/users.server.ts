// Typed SQL on people, for lists read on every queue page (the read connection).
import { readRows } from "./read-db.server";
import { builder } from "./sql";

/** Active coordinators and admins, by name: who may own requests. */
export function activeStaff(): Promise<Array<{ id: string; name: string }>> {
  return readRows(builder.selectFrom("User").select(["id", "name"]).where("active", "=", true).where("role", "in", ["COORDINATOR", "ADMIN"]).orderBy("name"));
}
