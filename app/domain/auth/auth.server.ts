// Staff sign-in: server-side sessions (a row per session, deleted to revoke it), a signed
// cookie that carries only the session id, growing waits after failed attempts (decision 015,
// sign-in-throttle.ts), and the guards every staff loader and action starts with.
import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import type { Role } from "~/generated/prisma/client";
import { withoutControlCharacters } from "~/schemas/fields";
import { db } from "~/data/db.server";
import { env } from "~/config/env.server";
import { sessionWithUser } from "~/data/sessions.server";
import { forgetForRequest, memoForRequest } from "~/utils/request-scope.server";
import { safeRedirectPath } from "~/utils/safe-redirect";
import { StorageFullError } from "../errors";
import { hashPassword, verifyPassword } from "./password.server";
import { type SignInDevice, trustedDeviceId } from "./sign-in-device.server";
import { forgetOwnFailures, pruneSignInFailures, reserveSignInAttempt } from "./sign-in-throttle.server";
import type { Actor } from "../requests/state-machine";

const SESSION_COOKIE_NAME = "rrc_session";
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Where each role starts: the page with its own work. */
export const HOME_BY_ROLE: Record<Role, string> = { ADMIN: "/admin", COORDINATOR: "/queue", CLUSTER_MEMBER: "/cluster" };

/** Pages only some roles may open (each page's guard decides; this keeps sign-in from landing on a 403). */
const PAGES_FOR: { prefix: string; roles: readonly Role[] }[] = [
  { prefix: "/queue", roles: ["ADMIN", "COORDINATOR"] },
  { prefix: "/dashboard", roles: ["ADMIN", "COORDINATOR"] },
  { prefix: "/admin", roles: ["ADMIN"] },
  { prefix: "/cluster", roles: ["CLUSTER_MEMBER"] },
];

export type SessionUser = { id: string; email: string; name: string; role: Role; clusterId: string | null };

const userSelect = { id: true, email: true, name: true, role: true, clusterId: true } as const;

// No Max-Age: the browser forgets the cookie when it closes, and the server decides when a
// session ends (expiresAt slides while the session is used).
export const sessionCookie = createCookie(SESSION_COOKIE_NAME, {
  secrets: [env.sessionSecret],
  httpOnly: true,
  sameSite: "lax",
  secure: env.cookieSecure,
  path: "/",
});

/** Emails are stored and looked up lower-case: SQLite compares strings case-sensitively. */
export function normalizeEmail(email: string) {
  return email.trim().toLowerCase();
}

// Unknown emails are checked against this, so a wrong address costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;
function getDummyHash() {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

function newSessionId() {
  return randomBytes(32).toString("base64url");
}

export type LoginResult =
  { ok: true; sessionId: string; user: SessionUser } | { ok: false; reason: "INVALID" } | { ok: false; reason: "RATE_LIMITED"; retryAfterSeconds: number };

export type LoginOptions = {
  email: string;
  password: string;
  ipAddress: string;
  /** The browser's rrc_device cookie, if any: its own failures are counted apart (decision 015). */
  device?: SignInDevice | null;
  userAgent?: string | null;
  now?: Date;
};

/**
 * Checks the credentials and opens a session, unless the attempt must first wait
 * (sign-in-throttle.ts). The attempt is counted as a failure before the password is checked,
 * so parallel guesses cannot slip past the waits; a successful sign-in takes back its own
 * bucket's failures.
 */
export async function login({ email, password, ipAddress, device = null, userAgent, now = new Date() }: LoginOptions): Promise<LoginResult> {
  const account = normalizeEmail(email);
  const attempt = { account, ipAddress, deviceId: trustedDeviceId(device, account) };
  const waitMs = await db.$transaction((tx) => reserveSignInAttempt(tx, attempt, now));
  if (waitMs > 0) return { ok: false, reason: "RATE_LIMITED", retryAfterSeconds: Math.ceil(waitMs / 1000) };

  const user = await db.user.findUnique({
    where: { email: account },
    select: { ...userSelect, passwordHash: true, active: true },
  });
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()));
  // Inactive accounts get the same answer as a wrong password: nothing tells which accounts exist.
  if (!user || !user.active || !passwordOk) return { ok: false, reason: "INVALID" };

  const sessionId = newSessionId();
  await db.$transaction(async (tx) => {
    await forgetOwnFailures(tx, attempt);
    await tx.session.create({
      data: {
        id: sessionId,
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
        userAgent: userAgent ? withoutControlCharacters(userAgent).slice(0, 500) : null,
        ipAddress,
      },
    });
  });
  const { passwordHash: _hash, active: _active, ...sessionUser } = user;
  return { ok: true, sessionId, user: sessionUser };
}

/**
 * Where to go after signing in: the page asked for when it is a same-site path this role may
 * open; otherwise the role's home. Never back to the sign-in page itself.
 */
export function afterLoginPath(redirectTo: FormDataEntryValue | string | null | undefined, role: Role) {
  const home = HOME_BY_ROLE[role];
  const path = safeRedirectPath(redirectTo, home);
  if (/^\/log(in|out)(?:[/?#]|$)/i.test(path)) return home;
  const page = PAGES_FOR.find(({ prefix }) => path === prefix || ["/", "?", "#"].some((next) => path.startsWith(prefix + next)));
  return page && !page.roles.includes(role) ? home : path;
}

/** The Set-Cookie value that hands a new session to the browser. */
export function serializeSessionCookie(sessionId: string) {
  return sessionCookie.serialize(sessionId);
}

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * The signed-in user, or null (no cookie, a forged one, an expired or revoked session, an
 * inactive user). Extends the session when less than half of its lifetime is left.
 */
export function getSessionUser(request: Request, now = new Date()): Promise<SessionUser | null> {
  // The root's loader and the page's guard both ask: one look-up per page.
  return memoForRequest(`sessionUser:${request.headers.get("Cookie") ?? ""}`, () => lookUpSessionUser(request, now));
}

async function lookUpSessionUser(request: Request, now: Date): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  // Every signed-in page asks this first: read on the read-only connection (a committed sign-in
  // or revocation is seen by the next read).
  const session = await sessionWithUser(sessionId);
  if (!session) return null;
  const { expiresAt } = session;
  if (expiresAt.getTime() <= now.getTime()) {
    await unlessStorageFull(db.$transaction((tx) => tx.session.deleteMany({ where: { id: sessionId } })));
    return null;
  }
  if (!session.active) return null;
  if (expiresAt.getTime() - now.getTime() < SESSION_LIFETIME_MS / 2) {
    // updateMany: a session revoked meanwhile stays revoked instead of failing this request.
    await unlessStorageFull(
      db.$transaction((tx) =>
        tx.session.updateMany({
          where: { id: sessionId },
          data: { expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS) },
        }),
      ),
    );
  }
  return { id: session.id, email: session.email, name: session.name, role: session.role, clusterId: session.clusterId };
}

/**
 * Housekeeping a page view does on the side (sliding or dropping a session): on a full disk it
 * is skipped, and the page is shown all the same; the next view tries again.
 */
async function unlessStorageFull(write: Promise<unknown>) {
  try {
    await write;
  } catch (error) {
    if (!(error instanceof StorageFullError)) throw error;
  }
}

/** The signed-in user; anyone else is sent to the sign-in page, which brings them back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const redirectTo = url.pathname + url.search;
  const headers = new Headers();
  // A stale cookie (expired or revoked session) is cleared on the way.
  if (await readSessionId(request)) headers.append("Set-Cookie", await clearSessionCookie());
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`, {
    status: request.method === "GET" || request.method === "HEAD" ? 302 : 303,
    headers,
  });
}

/** The signed-in user if their role is one of `roles`; otherwise 403 (or the sign-in page). */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** Coordinators and admins: the Centre's own staff. */
export function requireStaff(request: Request) {
  return requireRole(request, "ADMIN", "COORDINATOR");
}

function clearSessionCookie() {
  return sessionCookie.serialize("", { maxAge: 0, expires: new Date(0) });
}

/** The id of the session the request carries (whether or not it is still open). */
export function currentSessionId(request: Request) {
  return readSessionId(request);
}

/** Ends the request's session (deletes its row). Returns the Set-Cookie value that clears the cookie. */
export async function logout(request: Request): Promise<string> {
  forgetForRequest();
  const sessionId = await readSessionId(request);
  if (sessionId) await db.$transaction((tx) => tx.session.deleteMany({ where: { id: sessionId } }));
  return clearSessionCookie();
}

/** Ends every session of a user (e.g. when an admin deactivates them). Returns how many ended. */
export async function revokeUserSessions(userId: string): Promise<number> {
  forgetForRequest();
  const { count } = await db.$transaction((tx) => tx.session.deleteMany({ where: { userId } }));
  return count;
}

/**
 * Housekeeping (run with the timed rules): deletes sessions that have ended, failed sign-in
 * attempts older than the window they count in, and rate-limit windows that have ended (kept in
 * the database on PostgreSQL). None is read again once past; without this the tables only grow.
 */
export async function pruneSessions(now = new Date()): Promise<{ sessions: number; loginAttempts: number; rateLimitWindows: number }> {
  return db.$transaction(async (tx) => {
    const sessions = await tx.session.deleteMany({ where: { expiresAt: { lte: now } } });
    const loginAttempts = await pruneSignInFailures(tx, now);
    const rateLimitWindows = await tx.rateLimitWindow.deleteMany({ where: { resetAt: { lte: now } } });
    return { sessions: sessions.count, loginAttempts: loginAttempts.count, rateLimitWindows: rateLimitWindows.count };
  });
}

/** The user as the request state machine sees them. */
export function actorFor(user: Pick<SessionUser, "id" | "role" | "clusterId">): Actor {
  return { type: "USER", userId: user.id, role: user.role, clusterId: user.clusterId };
}
