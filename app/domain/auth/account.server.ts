// A person's own password: changed on /account (the current one required), or reset through a
// single-use link e-mailed from /forgot-password (decision 026). Both end the person's other
// sessions (a reset ends all of them), invalidate outstanding reset links, clear failed sign-ins,
// tell the person by e-mail, and are written to the admin's record, in one transaction each.
import { createHash, randomBytes } from "node:crypto";
import { type Tx, db } from "~/data/db.server";
import { takingAtLeast } from "~/utils/even-timing.server";
import { forgetForRequest } from "~/utils/request-scope.server";
import { allowWrongCurrentPassword, passwordChangeLockedFor } from "./access-limits.server";
import { recordAdminChange } from "../admin/audit.server";
import { normalizeEmail } from "./auth.server";
import { enqueueAccountMessage } from "../notifications/notifications.server";
import { hashPassword, verifyPassword } from "./password.server";

export const RESET_LINK_LIFETIME_MS = 60 * 60_000;
/** Every answer of /forgot-password takes this long, whether or not a link was sent. */
export const FORGOT_ANSWER_MS = 400;

const newResetToken = () => randomBytes(32).toString("base64url");
const hashResetToken = (token: string) => createHash("sha256").update(token).digest("hex");
const isWellFormedResetToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

/** Outstanding reset links of a user stop counting (a newer one, a new password, an admin's reset). */
export function invalidateResetLinksInTx(tx: Tx, { userId, now }: { userId: string; now: Date }) {
  return tx.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
}

export type PasswordChangeOutcome =
  { ok: true; endedSessions: number } | { ok: false; reason: "WRONG_PASSWORD" } | { ok: false; reason: "LOCKED"; retryAfterSeconds: number };

/** Changes a signed-in person's password; their other sessions end, this one stays. */
export async function changePassword({
  userId,
  sessionId,
  currentPassword,
  newPassword,
  now = new Date(),
}: {
  userId: string;
  /** The session making the change: the one that stays open. */
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  now?: Date;
}): Promise<PasswordChangeOutcome> {
  const locked = await passwordChangeLockedFor({ userId, now: now.getTime() });
  if (!locked.allowed) return { ok: false, reason: "LOCKED", retryAfterSeconds: locked.retryAfterSeconds };
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } });
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
    const verdict = await allowWrongCurrentPassword({ userId, now: now.getTime() });
    return verdict.allowed ? { ok: false, reason: "WRONG_PASSWORD" } : { ok: false, reason: "LOCKED", retryAfterSeconds: verdict.retryAfterSeconds };
  }
  // Hashing is slow on purpose: done before the transaction, so it holds no lock meanwhile.
  const passwordHash = await hashPassword(newPassword);
  const outcome = await db.$transaction(async (tx): Promise<PasswordChangeOutcome> => {
    // Only over the hash that was checked: a change made meanwhile (another tab, an admin) wins.
    const { count } = await tx.user.updateMany({ where: { id: userId, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (count !== 1) return { ok: false, reason: "WRONG_PASSWORD" };
    const ended = await tx.session.deleteMany({ where: { userId, id: { not: sessionId } } });
    await invalidateResetLinksInTx(tx, { userId, now });
    await tx.loginAttempt.deleteMany({ where: { email: user.email } });
    await recordAdminChange(tx, {
      actorUserId: userId,
      action: "user.changePassword",
      subjectType: "user",
      subjectId: userId,
      subjectLabel: user.email,
      before: null,
      after: { password: "changed", sessionsEnded: ended.count },
      now,
    });
    await enqueueAccountMessage(tx, { kind: "passwordChanged", recipient: user.email, params: { name: user.name, at: now, how: "changed" }, now });
    return { ok: true, endedSessions: ended.count };
  });
  forgetForRequest();
  return outcome;
}

/**
 * "Forgot password": an active account with this e-mail gets a single-use link valid for an
 * hour, and its earlier links stop counting. Anyone else gets nothing. Either way it answers
 * nothing, after the same time.
 */
export async function requestPasswordReset({
  email,
  resetUrlFor,
  now = new Date(),
  answerAfterMs = FORGOT_ANSWER_MS,
}: {
  email: string;
  resetUrlFor: (token: string) => string;
  now?: Date;
  answerAfterMs?: number;
}): Promise<void> {
  await takingAtLeast(answerAfterMs, () =>
    db.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { email: normalizeEmail(email) }, select: { id: true, email: true, name: true, active: true } });
      if (!user?.active) return;
      await invalidateResetLinksInTx(tx, { userId: user.id, now });
      const token = newResetToken();
      const expiresAt = new Date(now.getTime() + RESET_LINK_LIFETIME_MS);
      await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hashResetToken(token), createdAt: now, expiresAt }, select: { id: true } });
      await enqueueAccountMessage(tx, {
        kind: "passwordReset",
        recipient: user.email,
        params: { name: user.name, resetUrl: resetUrlFor(token), expiresAt },
        now,
      });
    }),
  );
}

function usableTokenWhere(token: string, now: Date) {
  return { tokenHash: hashResetToken(token), usedAt: null, expiresAt: { gt: now }, user: { active: true } };
}

/** Whether a reset link can still be used: not used, not expired, its account active. */
export async function isResetLinkUsable({ token, now = new Date() }: { token: string; now?: Date }) {
  if (!isWellFormedResetToken(token)) return false;
  return (await db.passwordResetToken.count({ where: usableTokenWhere(token, now) })) === 1;
}

/** Sets a new password through a reset link, once; every session of the person ends. False when the link cannot be used. */
export async function resetPasswordWithLink({ token, newPassword, now = new Date() }: { token: string; newPassword: string; now?: Date }) {
  if (!(await isResetLinkUsable({ token, now }))) return false;
  const passwordHash = await hashPassword(newPassword);
  const done = await db.$transaction(async (tx) => {
    const link = await tx.passwordResetToken.findFirst({
      where: usableTokenWhere(token, now),
      select: { id: true, user: { select: { id: true, email: true, name: true } } },
    });
    if (!link) return false;
    // Used once: of two posts racing with the same link, exactly one changes this row.
    const { count } = await tx.passwordResetToken.updateMany({ where: { id: link.id, usedAt: null }, data: { usedAt: now } });
    if (count !== 1) return false;
    const { user } = link;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
    await invalidateResetLinksInTx(tx, { userId: user.id, now });
    const ended = await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.loginAttempt.deleteMany({ where: { email: user.email } });
    await recordAdminChange(tx, {
      actorUserId: user.id,
      action: "user.resetPasswordByLink",
      subjectType: "user",
      subjectId: user.id,
      subjectLabel: user.email,
      before: null,
      after: { password: "changed", sessionsEnded: ended.count },
      now,
    });
    await enqueueAccountMessage(tx, { kind: "passwordChanged", recipient: user.email, params: { name: user.name, at: now, how: "reset" }, now });
    return true;
  });
  forgetForRequest();
  return done;
}
