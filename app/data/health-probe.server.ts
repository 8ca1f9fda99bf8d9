// The one row /healthz rewrites to prove the database takes a write (app/domain/health.server.ts).
import type { Statements } from "./db.server";
import { builder } from "./sql";

export function writeHealthProbe(sql: Statements, checkedAt: Date) {
  sql.run(
    builder
      .insertInto("HealthProbe")
      .values({ id: 1, checkedAt })
      .onConflict((conflict) => conflict.column("id").doUpdateSet((update) => ({ checkedAt: update.ref("excluded.checkedAt") }))),
  );
}
