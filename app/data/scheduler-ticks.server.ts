// Typed SQL on the scheduler's windows (SchedulerTick): which process runs the timed rules of a
// window, when several serve one database (app/domain/scheduler.server.ts).
import { type Work, builder, execute } from "./sql";

/** Claims the window starting at `tick` for `runner`; true when this claim is the one that holds. */
export function* claimTick(claim: { tick: Date; runner: string; startedAt: Date }): Work<boolean> {
  const claimed = yield* execute(
    builder
      .insertInto("SchedulerTick")
      .values(claim)
      .onConflict((conflict) => conflict.column("tick").doNothing()),
  );
  return claimed === 1;
}

/** Forgets the windows that started before `before`. */
export function pruneTicks(before: Date) {
  return execute(builder.deleteFrom("SchedulerTick").where("tick", "<", before));
}
