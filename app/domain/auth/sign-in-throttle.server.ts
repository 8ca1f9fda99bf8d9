// The sign-in throttle's bookkeeping (decision 015): failed attempts are LoginAttempt rows,
// checked and counted in the caller's transaction.
import type { Tx } from "~/data/db.server";
import { FAILURE_WINDOW_MS, type SignInBucket, waitBeforeNextAttempt } from "./sign-in-throttle";

/** Who is trying: the account, the client's address, and the device when it is trusted for the account. */
export type SignInAttempt = { account: string; ipAddress: string; deviceId: string | null };

/** The failures each bucket of an attempt counts (a trusted device's attempt is in its own bucket only). */
function bucketsOf({ account, ipAddress, deviceId }: SignInAttempt): Array<[SignInBucket, { email?: string; ipAddress?: string; deviceId: string | null }]> {
  if (deviceId) return [["device", { email: account, deviceId }]];
  return [
    ["account", { email: account, deviceId: null }],
    ["address", { ipAddress, deviceId: null }],
  ];
}

/**
 * The milliseconds the attempt must still wait, or 0 once it has been counted as a failure.
 * Counting comes before the password check, in the same transaction as the look at the
 * waits, so parallel guesses cannot slip in between; a successful sign-in takes it back.
 */
export async function reserveSignInAttempt(tx: Tx, attempt: SignInAttempt, now: Date): Promise<number> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  let wait = 0;
  for (const [bucket, where] of bucketsOf(attempt)) {
    const failures = await tx.loginAttempt.aggregate({
      where: { ...where, createdAt: { gte: since } },
      _count: { _all: true },
      _max: { createdAt: true },
    });
    wait = Math.max(wait, waitBeforeNextAttempt(bucket, { count: failures._count._all, latest: failures._max.createdAt }, now));
  }
  if (wait > 0) return wait;
  await tx.loginAttempt.create({
    data: { email: attempt.account, ipAddress: attempt.ipAddress, deviceId: attempt.deviceId, createdAt: now },
  });
  return 0;
}

/**
 * After a successful sign-in: the failures of its own bucket go (that device's, or that
 * account's from that address), nobody else's: a guesser elsewhere keeps their wait.
 */
export function forgetOwnFailures(tx: Tx, { account, ipAddress, deviceId }: SignInAttempt) {
  return tx.loginAttempt.deleteMany({ where: deviceId ? { email: account, deviceId } : { email: account, ipAddress, deviceId: null } });
}

/** Housekeeping: failures older than the window count for nothing. */
export function pruneSignInFailures(tx: Tx, now: Date) {
  return tx.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - FAILURE_WINDOW_MS) } } });
}
