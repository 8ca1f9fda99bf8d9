// How long a sign-in attempt must wait, from the failures counted against it: a few free
// failures per bucket, then a wait after the latest one that doubles with each failure, up to
// a cap. No lock: once the wait has passed the next attempt is checked like any other.
// Why these buckets and numbers: docs/decisions/015-sign-in-throttling.md.

/** Failures older than this are forgotten (and pruned by the timed housekeeping). */
export const FAILURE_WINDOW_MS = 24 * 60 * 60 * 1000;
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;

/**
 * device: one account from one browser it has signed in on before; account: one account from
 * every other browser; address: every account from one address (browsers not trusted for it).
 */
export type SignInBucket = "device" | "account" | "address";

export const FREE_FAILURES: Record<SignInBucket, number> = { device: 5, account: 5, address: 20 };

export type Failures = { count: number; latest: Date | null };

/** Milliseconds the next attempt in `bucket` must still wait at `now` (0: it may go ahead). */
export function waitBeforeNextAttempt(bucket: SignInBucket, failures: Failures, now: Date): number {
  const beyondFree = failures.count - FREE_FAILURES[bucket];
  if (beyondFree < 0 || !failures.latest) return 0;
  const wait = Math.min(FIRST_WAIT_MS * 2 ** beyondFree, MAX_WAIT_MS);
  return Math.max(0, failures.latest.getTime() + wait - now.getTime());
}
