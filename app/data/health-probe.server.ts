// The one row /healthz rewrites to prove the database takes a write (app/domain/health.server.ts).
import { builder, execute } from "./sql";

export function writeHealthProbe(checkedAt: Date) {
  return execute(
    builder
      .insertInto("HealthProbe")
      .values({ id: 1, checkedAt })
      .onConflict((conflict) => conflict.column("id").doUpdateSet((update) => ({ checkedAt: update.ref("excluded.checkedAt") }))),
  );
}
