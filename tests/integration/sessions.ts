// Signs a test user in without the login form: a Session row and its signed cookie.
import { randomBytes } from "node:crypto";
import { SESSION_LIFETIME_MS, serializeSessionCookie } from "~/domain/auth/auth.server";
import { db } from "~/data/db.server";

export async function cookieFor(userId: string) {
  const id = randomBytes(24).toString("base64url");
  await db.$transaction((tx) => tx.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS) } }));
  const setCookie = await serializeSessionCookie(id);
  return setCookie.split(";")[0]!;
}
