// A browser in which an account has signed in before (decision 015): a signed cookie with a
// random device id and short hashes of the last accounts that signed in on it. Attempts from
// it for those accounts are counted apart from everyone else's, so strangers' failures never
// keep the account's owner out of their usual browser.
import { createHash, randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { env } from "~/config/env.server";

const ACCOUNTS_PER_DEVICE = 5;

const deviceCookie = createCookie("rrc_device", {
  secrets: [env.sessionSecret],
  httpOnly: true,
  sameSite: "lax",
  secure: env.cookieSecure,
  // Only the sign-in form needs it.
  path: "/login",
  maxAge: 365 * 24 * 60 * 60,
});

export type SignInDevice = { id: string; accounts: string[] };

/** A short hash of a normalized e-mail: the cookie names accounts without spelling them out. */
function accountKey(account: string) {
  return createHash("sha256").update(account).digest("base64url").slice(0, 16);
}

/** The device the request comes from, or null (no cookie, or one not signed by this server). */
export async function readSignInDevice(request: Request): Promise<SignInDevice | null> {
  const value: unknown = await deviceCookie.parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { id, accounts } = value as Partial<SignInDevice>;
  if (typeof id !== "string" || !/^[A-Za-z0-9_-]{22}$/.test(id) || !Array.isArray(accounts)) return null;
  return { id, accounts: accounts.filter((a): a is string => typeof a === "string").slice(0, ACCOUNTS_PER_DEVICE) };
}

/** The device's id when `account` has signed in on it before, else null. */
export function trustedDeviceId(device: SignInDevice | null, account: string): string | null {
  return device?.accounts.includes(accountKey(account)) ? device.id : null;
}

/** The Set-Cookie value after `account` signed in on this browser: it is trusted for it from now on. */
export function serializeDeviceAfterSignIn(device: SignInDevice | null, account: string): Promise<string> {
  const key = accountKey(account);
  return deviceCookie.serialize({
    id: device?.id ?? randomBytes(16).toString("base64url"),
    accounts: [key, ...(device?.accounts ?? []).filter((a) => a !== key)].slice(0, ACCOUNTS_PER_DEVICE),
  });
}
