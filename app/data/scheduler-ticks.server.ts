// Typed SQL on the scheduler's windows (SchedulerTick): which process runs the timed rules of a
// window, when several serve one database (app/domain/scheduler.server.ts).
import type { Statements } from "./db.server";
import { builder } from "./sql";

/** Claims the window starting at `tick` for `runner`; true when this claim is the one that holds. */
export function claimTick(sql: Statements, claim: { tick: Date; runner: string; startedAt: Date }): boolean {
  const claimed = sql.run(
    builder
      .insertInto("SchedulerTick")
      .values(claim)
      .onConflict((conflict) => conflict.column("tick").doNothing()),
  );
  return claimed === 1;
}

/** Forgets the windows that started before `before`. */
export function pruneTicks(sql: Statements, before: Date) {
  sql.run(builder.deleteFrom("SchedulerTick").where("tick", "<", before));
}
