import type { TransitionRefusal } from "./state-machine";

/** A transition the state machine refused, or a request that changed meanwhile. */
export class TransitionError extends Error {
  constructor(
    readonly reason: TransitionRefusal | "CONFLICT" | "NOT_FOUND",
    message?: string,
  ) {
    super(message ?? reason);
    this.name = "TransitionError";
  }
}
