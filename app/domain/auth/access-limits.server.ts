// Limits on the pages that help someone back in: a new status link (/s/lost) and a password
// reset by e-mail (/forgot-password), per client address and per what is asked about (the
// reference, the account's e-mail), and on wrong current passwords at /account. Counted for
// every attempt, whether or not the reference or account exists, so a refusal tells nothing
// about either. Counted like the intake limit (rate-limit.server.ts).
import { type LimitVerdict, createRateLimiter } from "~/utils/rate-limit.server";

const MINUTE = 60_000;

const ACCESS_LIMITS = {
  /** One office or mobile network may share an address: room for a few people's mistakes. */
  lostLinkPerAddress: { limit: 10, windowMs: 15 * MINUTE },
  /** Each attempt may cut off the link in use (decision 026): a few an hour per request. */
  lostLinkPerReference: { limit: 5, windowMs: 60 * MINUTE },
  resetPerAddress: { limit: 10, windowMs: 15 * MINUTE },
  /** Each one is an e-mail to the account's owner. */
  resetPerAccount: { limit: 3, windowMs: 60 * MINUTE },
  /** Wrong current passwords on /account (a session left open is not a way to guess it). */
  passwordChangePerUser: { limit: 5, windowMs: 15 * MINUTE },
} as const;

const limiters = Object.fromEntries(Object.entries(ACCESS_LIMITS).map(([name, options]) => [name, createRateLimiter(options)])) as Record<
  keyof typeof ACCESS_LIMITS,
  ReturnType<typeof createRateLimiter>
>;

/** Counts one attempt against each key in order; the first one over its limit refuses (and the later ones are not counted). */
async function hitAll(keys: [keyof typeof ACCESS_LIMITS, string][], now: number): Promise<LimitVerdict> {
  for (const [name, key] of keys) {
    const verdict = await limiters[name].hit(key, now);
    if (!verdict.allowed) return verdict;
  }
  return { allowed: true };
}

export function allowLostLinkAttempt({ address, reference, now = Date.now() }: { address: string; reference: string; now?: number }) {
  return hitAll(
    [
      ["lostLinkPerAddress", address],
      ["lostLinkPerReference", reference],
    ],
    now,
  );
}

export function allowPasswordResetRequest({ address, email, now = Date.now() }: { address: string; email: string; now?: number }) {
  return hitAll(
    [
      ["resetPerAddress", address],
      ["resetPerAccount", email],
    ],
    now,
  );
}

/** Counted only for a wrong current password. */
export function allowWrongCurrentPassword({ userId, now = Date.now() }: { userId: string; now?: number }) {
  return hitAll([["passwordChangePerUser", userId]], now);
}

/** Whether a user has wrong current passwords left to try, without counting one. */
export function passwordChangeLockedFor({ userId, now = Date.now() }: { userId: string; now?: number }): Promise<LimitVerdict> {
  return limiters.passwordChangePerUser.check(userId, now);
}
