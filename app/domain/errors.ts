import type { TransitionRefusal } from "./requests/state-machine";

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

/**
 * The database's disk is full (SQLite's SQLITE_FULL): nothing was written, and the same write
 * will work once there is space again. Routes answer 503 with the form as it was typed.
 */
export class StorageFullError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The database's disk is full", options);
    this.name = "StorageFullError";
  }
}
