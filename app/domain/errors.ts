// How the domain says no. A refusal has a code (what went wrong, as the dictionaries name it:
// `error.<code>` or a form's own key) and, when one field is to blame, that field. A rule either
// throws it (`DomainError`: the state machine's refusals, documents refused) or returns it as a
// value (`Refused`: the admin's and the request page's checks before a write); routes turn either
// into the form's reply with `refusalErrors`, beside its field or for the whole form.
import type { Refusal } from "./files/rules";
import type { TransitionRefusal } from "./requests/state-machine";

export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly field?: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = new.target.name;
  }
}

/** A refusal returned as a value, with the same code and field as a thrown one. */
export type Refused<Code extends string = string> = { ok: false; error: Code; field?: string };

export function refuse<Code extends string>(error: Code, field?: string): Refused<Code> {
  return { ok: false, error, field };
}

/** A refusal as conform's `reply` options: beside its field, or for the whole form. */
export function refusalErrors(refusal: Refused | DomainError) {
  const [code, field] = refusal instanceof DomainError ? [refusal.code, refusal.field] : [refusal.error, refusal.field];
  return field ? { fieldErrors: { [field]: [code] } } : { formErrors: [code] };
}

/** A transition the state machine refused, or a request that changed meanwhile. */
export class TransitionError extends DomainError<TransitionRefusal | "CONFLICT" | "NOT_FOUND"> {
  get reason() {
    return this.code;
  }
}

/** Documents refused after they passed their own checks (the request has no room for them): beside the file field. */
export class FilesRefusedError extends DomainError<Refusal> {
  constructor(refusal: Refusal) {
    super(refusal, "file");
  }
  get refusal() {
    return this.code;
  }
}

/**
 * The database's disk is full (SQLite's SQLITE_FULL): nothing was written, and the same write
 * will work once there is space again. Routes answer 503 with the form as it was typed. Not a
 * refusal: the same post will work later.
 */
export class StorageFullError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("The database's disk is full", options);
    this.name = "StorageFullError";
  }
}
