// A person's own password: changing it on /account (other sessions end, this one stays), and
// "forgot password" by an e-mailed single-use link that expires, with the same answer whether or
// not the account exists, and limits per address and per account.
import { beforeAll, describe, expect, it } from "vitest";
import { FORGOT_ANSWER_MS, RESET_LINK_LIFETIME_MS, isResetLinkUsable, requestPasswordReset, resetPasswordWithLink } from "~/domain/auth/account.server";
import { getSessionUser, login } from "~/domain/auth/auth.server";
import * as accountPage from "~/routes/account";
import * as userPage from "~/routes/admin.users.$id";
import * as forgotPage from "~/routes/forgot-password";
import * as resetPage from "~/routes/reset-password.$token";
import { db } from "~/data/db.server";
import { env } from "~/config/env.server";
import { createUser } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const PASSWORD = "the-old-password-2026";
const NEW_PASSWORD = "a brand new password 2026";
let addressCounter = 0;
const freshAddress = () => `192.0.2.${++addressCounter}`;
const signInWith = (email: string, password: string) => login({ email, password, ipAddress: freshAddress() });
const whoIs = (cookie: string) => getSessionUser(new Request("http://localhost/queue", { headers: { Cookie: cookie } }));

const changeAt = (cookie: string, form: Record<string, string>) => call(accountPage.action, formRequest("/account", form, { headers: { Cookie: cookie } }));
const forgot = (email: string, address = freshAddress()) => call(forgotPage.action, formRequest("/forgot-password", { email }), {}, { clientAddress: address });
const openReset = (token: string) => call(resetPage.loader, new Request(`http://localhost/reset-password/${token}`), { token });
const postReset = (token: string, form: Record<string, string>) => call(resetPage.action, formRequest(`/reset-password/${token}`, form), { token });

/** The reset links mailed to `email`, oldest first. */
async function mailedResetTokens(email: string) {
  const rows = await db.notification.findMany({ where: { recipient: email, kind: "passwordReset" }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(row.body)![1]!);
}

let adminCookie: string;

beforeAll(async () => {
  const admin = await createUser({ email: "account.admin@rrc.example", name: "Адмін", password: PASSWORD, role: "ADMIN" });
  adminCookie = await cookieFor(admin.id);
});

describe("/account: changing one's password", () => {
  it("needs the current password; ends the person's other sessions, keeps this one, and says so by e-mail and in the record", async () => {
    const user = await createUser({ email: "changer@rrc.example", name: "Ірина", password: PASSWORD, role: "CLUSTER_MEMBER" });
    const [here, elsewhere, phone] = [await cookieFor(user.id), await cookieFor(user.id), await cookieFor(user.id)];
    await requestPasswordReset({ email: "changer@rrc.example", resetUrlFor: (t) => `http://x/reset-password/${t}`, answerAfterMs: 0 });
    const [outstanding] = await mailedResetTokens("changer@rrc.example");

    const page = await call(accountPage.loader, new Request("http://localhost/account", { headers: { Cookie: here } }));
    expect(page.data.user).toEqual({ name: "Ірина", email: "changer@rrc.example", role: "CLUSTER_MEMBER" });

    const changed = await changeAt(here, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(changed.status).toBe(303);
    expect(changed.location).toBe("/account?done=password&ended=2");
    expect((await whoIs(here))?.id).toBe(user.id);
    expect(await whoIs(elsewhere)).toBeNull();
    expect(await whoIs(phone)).toBeNull();
    expect((await signInWith("changer@rrc.example", PASSWORD)).ok).toBe(false);
    expect((await signInWith("changer@rrc.example", NEW_PASSWORD)).ok).toBe(true);
    expect(await isResetLinkUsable({ token: outstanding! })).toBe(false);

    const mail = await db.notification.findFirstOrThrow({ where: { recipient: "changer@rrc.example", kind: "passwordChanged" } });
    expect(mail.body).toContain("Усі ваші інші сеанси завершено.");
    const entry = await db.adminAuditEntry.findFirstOrThrow({ where: { subjectId: user.id, action: "user.changePassword" } });
    expect(entry).toMatchObject({ actorUserId: user.id, subjectLabel: "changer@rrc.example", after: '{"password":"changed","sessionsEnded":2}' });
    expect(JSON.stringify(entry)).not.toContain(NEW_PASSWORD);
  });

  it("refuses a wrong current password, a short or repeated-wrong new one, beside each field, and never sends a password back", async () => {
    const user = await createUser({ email: "careful@rrc.example", name: "К", password: PASSWORD, role: "COORDINATOR" });
    const cookie = await cookieFor(user.id);
    const before = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;

    const wrong = await changeAt(cookie, { currentPassword: "not-it", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(400);
    expect(wrong.data.error).toEqual({ currentPassword: ["wrongPassword"] });
    const bad = await changeAt(cookie, { currentPassword: PASSWORD, newPassword: "short", confirmPassword: "other" });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toEqual({ newPassword: ["tooShort:12"], confirmPassword: ["passwordsDiffer"] });
    const same = await changeAt(cookie, { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(same.data.error).toEqual({ newPassword: ["newSameAsCurrent"] });
    for (const answer of [wrong, bad, same]) expect(JSON.stringify(answer.data)).not.toMatch(/not-it|short|other|old-password/);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(before);
  });

  it("stops guessing through an open session: after 5 wrong current passwords, 429 with Retry-After, even for the right one", async () => {
    const user = await createUser({ email: "guessed@rrc.example", name: "Г", password: PASSWORD, role: "COORDINATOR" });
    const cookie = await cookieFor(user.id);
    for (let i = 0; i < 5; i++) {
      const answer = await changeAt(cookie, { currentPassword: `guess-${i}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
      expect(answer.status).toBe(400);
    }
    const right = await changeAt(cookie, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(right.data.error[""][0]).toMatch(/^tooManyTries:\d+$/);
    expect((await signInWith("guessed@rrc.example", PASSWORD)).ok).toBe(true);
  });

  it("is for signed-in people only", async () => {
    const answer = await call(accountPage.loader, new Request("http://localhost/account"));
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/login?redirectTo=%2Faccount");
  });
});

describe("forgot password", () => {
  it("answers the same, after the same time, for an active account, an unknown address and an inactive account; only the first gets a link", async () => {
    await createUser({ email: "forgetful@rrc.example", name: "Олена", password: PASSWORD, role: "COORDINATOR" });
    const inactive = await createUser({ email: "gone@rrc.example", name: "Г", password: PASSWORD, role: "COORDINATOR" });
    await db.$transaction((tx) => tx.user.update({ where: { id: inactive.id }, data: { active: false } }));
    const answers = [];
    for (const email of ["Forgetful@RRC.example", "nobody@rrc.example", "gone@rrc.example"]) {
      const started = performance.now();
      const answer = await forgot(email);
      answers.push({ status: answer.status, location: answer.location, data: answer.data });
      expect(performance.now() - started).toBeGreaterThanOrEqual(FORGOT_ANSWER_MS - 5);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ status: 303, location: "/forgot-password?sent=1" });

    expect(await mailedResetTokens("forgetful@rrc.example")).toHaveLength(1);
    expect(await db.notification.count({ where: { recipient: { in: ["nobody@rrc.example", "gone@rrc.example"] } } })).toBe(0);
    const mail = await db.notification.findFirstOrThrow({ where: { recipient: "forgetful@rrc.example", kind: "passwordReset" } });
    expect(mail.requestId).toBeNull();
    expect(mail.body).toContain("лише один раз");
    // Only the token's hash is stored.
    const [token] = await mailedResetTokens("forgetful@rrc.example");
    expect(JSON.stringify(await db.passwordResetToken.findMany())).not.toContain(token);
  });

  it("mails a link on PUBLIC_URL, never on the Host the visitor's browser sent", async () => {
    await createUser({ email: "hosted@rrc.example", name: "Х", password: PASSWORD, role: "COORDINATOR" });
    const request = new Request("http://evil.example/forgot-password", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Host: "evil.example", "X-Forwarded-Host": "evil.example" },
      body: new URLSearchParams({ email: "hosted@rrc.example" }),
    });
    expect((await call(forgotPage.action, request, {}, { clientAddress: freshAddress() })).status).toBe(303);
    const mail = await db.notification.findFirstOrThrow({ where: { recipient: "hosted@rrc.example", kind: "passwordReset" } });
    const [token] = await mailedResetTokens("hosted@rrc.example");
    expect(mail.body).toContain(`${env.publicUrl}/reset-password/${token}`);
    expect(mail.body).not.toContain("evil.example");
  });

  it("a link sets a new password once, ends every session and clears a sign-in lock; used again it is refused", async () => {
    const user = await createUser({ email: "locked@rrc.example", name: "Л", password: PASSWORD, role: "COORDINATOR" });
    const cookie = await cookieFor(user.id);
    for (let i = 0; i < 5; i++) await signInWith("locked@rrc.example", "wrong");
    await forgot("locked@rrc.example");
    const [token] = await mailedResetTokens("locked@rrc.example");

    expect((await openReset(token!)).data).toEqual({ usable: true });
    const mismatch = await postReset(token!, { newPassword: NEW_PASSWORD, confirmPassword: "something else entirely" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.data.error).toEqual({ confirmPassword: ["passwordsDiffer"] });
    expect(mismatch.data.initialValue).toEqual({});

    const done = await postReset(token!, { newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe("/login?reset=1");
    expect(await whoIs(cookie)).toBeNull();
    expect((await signInWith("locked@rrc.example", NEW_PASSWORD)).ok).toBe(true);
    expect(await db.adminAuditEntry.count({ where: { subjectId: user.id, action: "user.resetPasswordByLink", actorUserId: user.id } })).toBe(1);
    expect(await db.notification.count({ where: { recipient: "locked@rrc.example", kind: "passwordChanged" } })).toBe(1);

    const again = await postReset(token!, { newPassword: "yet another password 2026", confirmPassword: "yet another password 2026" });
    expect(again.status).toBe(404);
    expect(again.data.error).toEqual({ "": ["resetLinkUnusable"] });
    expect((await openReset(token!)).status).toBe(404);
    expect((await signInWith("locked@rrc.example", NEW_PASSWORD)).ok).toBe(true);
  });

  it("a link expires after an hour; a newer one, an admin's reset or a deactivation make it unusable", async () => {
    const user = await createUser({ email: "expiring@rrc.example", name: "Е", password: PASSWORD, role: "COORDINATOR" });
    const url = (t: string) => `http://x/reset-password/${t}`;
    const now = new Date();
    await requestPasswordReset({ email: "expiring@rrc.example", resetUrlFor: url, now, answerAfterMs: 0 });
    const [first] = await mailedResetTokens("expiring@rrc.example");
    expect(await isResetLinkUsable({ token: first!, now: new Date(now.getTime() + RESET_LINK_LIFETIME_MS - 1000) })).toBe(true);
    expect(await isResetLinkUsable({ token: first!, now: new Date(now.getTime() + RESET_LINK_LIFETIME_MS + 1000) })).toBe(false);
    expect(await resetPasswordWithLink({ token: first!, newPassword: NEW_PASSWORD, now: new Date(now.getTime() + RESET_LINK_LIFETIME_MS + 1000) })).toBe(false);

    await requestPasswordReset({ email: "expiring@rrc.example", resetUrlFor: url, answerAfterMs: 0 });
    const [, second] = await mailedResetTokens("expiring@rrc.example");
    expect(await isResetLinkUsable({ token: first! })).toBe(false);
    expect(await isResetLinkUsable({ token: second! })).toBe(true);

    // An admin's one-time password (decision 008) still works, and the mailed link no longer does.
    const reset = await call(userPage.action, formRequest(`/admin/users/${user.id}`, { intent: "resetPassword" }, { headers: { Cookie: adminCookie } }), {
      id: user.id,
    });
    expect(reset.status).toBe(200);
    expect(await isResetLinkUsable({ token: second! })).toBe(false);
    expect((await signInWith("expiring@rrc.example", reset.data.password)).ok).toBe(true);

    await requestPasswordReset({ email: "expiring@rrc.example", resetUrlFor: url, answerAfterMs: 0 });
    const third = (await mailedResetTokens("expiring@rrc.example"))[2]!;
    await call(userPage.action, formRequest(`/admin/users/${user.id}`, { intent: "deactivate" }, { headers: { Cookie: adminCookie } }), { id: user.id });
    expect(await isResetLinkUsable({ token: third })).toBe(false);
    expect((await openReset("not-a-token")).status).toBe(404);
  });

  it("limits requests per account (even one that does not exist) and per address, with Retry-After", async () => {
    for (const email of ["limit@rrc.example", "no-such-account@rrc.example"]) {
      for (let i = 0; i < 3; i++) expect((await forgot(email)).status).toBe(303);
      const refused = await forgot(email);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(3000);
      expect(refused.data.initialValue).toEqual({ email });
    }
    const address = "203.0.113.99";
    for (let i = 0; i < 10; i++) expect((await forgot(`someone${i}@rrc.example`, address)).status).toBe(303);
    expect((await forgot("someone-else@rrc.example", address)).status).toBe(429);
  });

  it("refuses a malformed address beside the field", async () => {
    const bad = await forgot("not an email");
    expect(bad.status).toBe(400);
    expect(bad.data.error).toEqual({ email: ["email"] });
  });
});
