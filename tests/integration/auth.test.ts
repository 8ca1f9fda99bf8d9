import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  SESSION_LIFETIME_MS,
  actorFor,
  getSessionUser,
  login,
  requireRole,
  requireStaff,
  requireUser,
  revokeUserSessions,
  sessionCookie,
} from "~/domain/auth/auth.server";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as logoutAction, loader as logoutLoader } from "~/routes/logout";
import { action as setLanguageAction } from "~/routes/set-language";
import { db } from "~/data/db.server";
import { createCluster, createUser } from "../factories";
import { HOSTILE_TARGETS } from "../hostile-targets";
import { call, formRequest } from "./route-helpers";
import { userCreate } from "../../scripts/user-create";

const PASSWORD = "correct horse battery staple";
const HOUR = 60 * 60 * 1000;

let coordinator: { id: string; email: string };
let member: { id: string; email: string; clusterId: string | null };
let cluster: { id: string; slug: string };

// Each test signs in from its own address, so the per-address limit of one test does not
// spill into another.
let addressCounter = 0;
const freshAddress = () => `198.51.100.${++addressCounter}`;

function postLogin(fields: Record<string, string>, address = freshAddress()) {
  return call(loginAction, formRequest("/login", fields), {}, { clientAddress: address });
}

/** The `name=value` part of a Set-Cookie header, as the browser would send it back. */
function cookieOf(setCookie: string | null) {
  expect(setCookie).toBeTruthy();
  return setCookie!.split(";")[0]!;
}

function get(pathname: string, cookie?: string) {
  return new Request(`http://localhost${pathname}`, { headers: cookie ? { Cookie: cookie } : {} });
}

async function signIn(email: string, password = PASSWORD) {
  const answer = await postLogin({ email, password });
  expect(answer.status).toBe(303);
  return cookieOf(answer.headers.get("Set-Cookie"));
}

/** The session id inside a signed cookie. */
async function sessionIdOf(cookie: string): Promise<string> {
  return (await sessionCookie.parse(cookie)) as string;
}

async function createInactiveUser(email: string) {
  const user = await createUser({ email, name: "Inactive", password: PASSWORD, role: "COORDINATOR" });
  await db.$transaction((tx) => tx.user.update({ where: { id: user.id }, data: { active: false } }));
  return user;
}

beforeAll(async () => {
  cluster = await createCluster({
    slug: "metal-test",
    nameUk: "Металургійний кластер",
    nameEn: "Metal cluster",
    kind: "CLUSTER",
    homeRegion: "UA-12",
    capabilities: ["SUPPLIES"],
    regions: ["UA-12"],
  });
  coordinator = await createUser({ email: "coordinator@rrc.example", name: "Олена", password: PASSWORD, role: "COORDINATOR" });
  member = await createUser({
    email: "member@rrc.example",
    name: "Андрій",
    password: PASSWORD,
    role: "CLUSTER_MEMBER",
    clusterId: cluster.id,
  });
});

describe("signing in", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie backed by a Session row and returns to redirectTo", async () => {
    const before = Date.now();
    const answer = await postLogin({ email: "  Coordinator@RRC.example ", password: PASSWORD, redirectTo: "/queue?status=NEW" });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe("/queue?status=NEW");

    const setCookie = answer.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^rrc_session=/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
    expect(setCookie).toMatch(/;\s*Path=\//);
    expect(setCookie).not.toContain(PASSWORD);

    const sessions = await db.session.findMany({ where: { userId: coordinator.id, createdAt: { gte: new Date(before) } } });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.expiresAt.getTime() - before).toBeGreaterThanOrEqual(SESSION_LIFETIME_MS - 1000);
    expect(sessions[0]!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(SESSION_LIFETIME_MS);

    const user = await getSessionUser(get("/queue", cookieOf(setCookie)));
    expect(user).toEqual({ id: coordinator.id, email: "coordinator@rrc.example", name: "Олена", role: "COORDINATOR", clusterId: null });
  });

  it("goes to /queue by default and never off-site or back to the sign-in page", async () => {
    expect((await postLogin({ email: coordinator.email, password: PASSWORD })).location).toBe("/queue");
    expect((await postLogin({ email: coordinator.email, password: PASSWORD, redirectTo: "//evil.example/x" })).location).toBe("/queue");
    expect((await postLogin({ email: coordinator.email, password: PASSWORD, redirectTo: "https://evil.example" })).location).toBe("/queue");
    expect((await postLogin({ email: coordinator.email, password: PASSWORD, redirectTo: "/login?redirectTo=/x" })).location).toBe("/queue");
  });

  // Forty sign-ins, each hashing a password: give a busy machine time.
  it("sends the browser only to a path of this site, whatever redirectTo holds (sign-in and language switch)", { timeout: 120_000 }, async () => {
    const origin = "https://rrc.example.org";
    for (const target of HOSTILE_TARGETS) {
      const signedIn = await postLogin({ email: coordinator.email, password: PASSWORD, redirectTo: target });
      expect(signedIn.status, JSON.stringify(target)).toBe(303);
      expect(new URL(signedIn.location!, origin).origin, JSON.stringify(target)).toBe(origin);

      const switched = await call(setLanguageAction, formRequest("/set-language", { lang: "en", redirectTo: target }));
      expect(switched.status, JSON.stringify(target)).toBe(303);
      expect(new URL(switched.location!, origin).origin, JSON.stringify(target)).toBe(origin);
    }
  });

  it("refuses a wrong password with 400, keeps the email, never echoes the password and opens no session", async () => {
    const sessionsBefore = await db.session.count();
    const answer = await postLogin({ email: "Coordinator@rrc.example", password: "wrong-password-123" });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("Set-Cookie")).toBeNull();
    expect(answer.data.error[""]).toEqual(["invalidCredentials"]);
    expect(answer.data.initialValue.email).toBe("Coordinator@rrc.example");
    expect(answer.data.initialValue).not.toHaveProperty("password");
    expect(JSON.stringify(answer.data)).not.toContain("wrong-password-123");
    expect(await db.session.count()).toBe(sessionsBefore);
  });

  it("gives an unknown email exactly the same answer as a wrong password", async () => {
    const wrongPassword = await postLogin({ email: "member@rrc.example", password: "not-the-password" });
    const unknownEmail = await postLogin({ email: "nobody@rrc.example", password: "not-the-password" });
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.data.error).toEqual(wrongPassword.data.error);
    expect(Object.keys(unknownEmail.data.initialValue)).toEqual(Object.keys(wrongPassword.data.initialValue));
    expect(unknownEmail.headers.get("Set-Cookie")).toBeNull();
  });

  it("never echoes the password on a validation error either", async () => {
    const answer = await postLogin({ email: "not-an-email", password: "secret-typed-here" });
    expect(answer.status).toBe(400);
    expect(answer.data.error.email).toEqual(["email"]);
    expect(JSON.stringify(answer.data)).not.toContain("secret-typed-here");
  });

  it("refuses an inactive user with the right password, in the same words", async () => {
    const inactive = await createInactiveUser("gone@rrc.example");
    const answer = await postLogin({ email: "gone@rrc.example", password: PASSWORD });
    expect(answer.status).toBe(400);
    expect(answer.data.error[""]).toEqual(["invalidCredentials"]);
    expect(await db.session.count({ where: { userId: inactive.id } })).toBe(0);
  });

  it("sends a signed-in visitor of /login on to their own role's home, never to a page their role may not open", async () => {
    const cookie = await signIn(member.email);
    const answer = await call(loginLoader, get("/login", cookie));
    expect(answer.status).toBe(302);
    expect(answer.location).toBe("/cluster");
    // A cluster member sent to sign in from a staff page lands on their own page, not a 403.
    expect((await call(loginLoader, get("/login?redirectTo=%2Fqueue%3Fstatus%3DNEW", cookie))).location).toBe("/cluster");
    expect((await call(loginLoader, get("/login?redirectTo=%2Freports", cookie))).location).toBe("/reports");
    const coordinatorCookie = await signIn(coordinator.email);
    expect((await call(loginLoader, get("/login", coordinatorCookie))).location).toBe("/queue");
    expect((await call(loginLoader, get("/login?redirectTo=%2Fadmin%2Fusers", coordinatorCookie))).location).toBe("/queue");
    expect((await call(loginLoader, get("/login?redirectTo=%2Fqueue%3Fstatus%3DNEW", coordinatorCookie))).location).toBe("/queue?status=NEW");
    const anonymous = await call(loginLoader, get("/login?redirectTo=%2Freports"));
    expect(anonymous.status).toBe(200);
    expect(anonymous.data).toEqual({ redirectTo: "/reports", reset: false });
  });
});

describe("waits after failed sign-ins (decision 015)", () => {
  const FORM_TYPE = { "Content-Type": "application/x-www-form-urlencoded" };
  function postLoginFrom(fields: Record<string, string>, { address = freshAddress(), cookie }: { address?: string; cookie?: string } = {}) {
    const headers = { ...FORM_TYPE, ...(cookie ? { Cookie: cookie } : {}) };
    return call(loginAction, formRequest("/login", fields, { headers }), {}, { clientAddress: address });
  }
  /** The rrc_device cookie a successful sign-in hands to the browser, as the browser sends it back. */
  function deviceCookieOf(answer: { headers: Headers }) {
    const device = answer.headers.getSetCookie().find((c) => c.startsWith("rrc_device="));
    expect(device, "a device cookie").toBeTruthy();
    expect(device).toMatch(/;\s*HttpOnly/i);
    expect(device).toMatch(/;\s*Path=\/login/i);
    return device!.split(";")[0]!;
  }

  it("strangers' wrong passwords never keep the owner out of a browser they signed in on before", async () => {
    await createUser({ email: "target@rrc.example", name: "T", password: PASSWORD, role: "COORDINATOR" });
    const first = await postLoginFrom({ email: "target@rrc.example", password: PASSWORD });
    expect(first.status).toBe(303);
    const device = deviceCookieOf(first);

    // Thirty guesses from thirty addresses: after five, each must wait.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await postLoginFrom({ email: "target@rrc.example", password: `guess-${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
    // A stranger with the right password waits too: nothing tells a right guess from a wrong one.
    expect((await postLoginFrom({ email: "target@rrc.example", password: PASSWORD })).status).toBe(429);

    // The owner, in the browser they used before, gets in at once, from any address.
    const owner = await postLoginFrom({ email: "target@rrc.example", password: PASSWORD }, { cookie: device });
    expect(owner.status).toBe(303);
    expect(owner.headers.getSetCookie().some((c) => c.startsWith("rrc_session="))).toBe(true);
    // A forged or foreign device cookie is no help.
    const forged = `rrc_device=${Buffer.from(JSON.stringify({ id: "a".repeat(22), accounts: [] })).toString("base64")}`;
    expect((await postLoginFrom({ email: "target@rrc.example", password: PASSWORD }, { cookie: forged })).status).toBe(429);
  });

  it("guesses at one account from many addresses wait 30 s, 1, 2, 4, 8 min, then 15 min each, the right password included", async () => {
    await createUser({ email: "guessed@rrc.example", name: "G", password: PASSWORD, role: "COORDINATOR" });
    let now = Date.now();
    const attempt = (password: string) => login({ email: "guessed@rrc.example", password, ipAddress: freshAddress(), now: new Date(now) });
    for (let i = 0; i < 5; i++) expect(await attempt(`wrong-${i}`)).toEqual({ ok: false, reason: "INVALID" });
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const refused = await attempt(PASSWORD);
      expect(refused).toMatchObject({ ok: false, reason: "RATE_LIMITED" });
      const seconds = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
      waits.push(seconds);
      now += seconds * 1000;
      // Once the wait is over, the next guess is checked (and fails).
      expect(await attempt(`again-${i}`)).toEqual({ ok: false, reason: "INVALID" });
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    // No lock: after the wait, the right password gets in.
    now += 900_000;
    expect((await attempt(PASSWORD)).ok).toBe(true);
  });

  it("answers a waiting attempt with 429, Retry-After and the minutes to wait, keeping the e-mail and never the password", async () => {
    await createUser({ email: "wait@rrc.example", name: "W", password: PASSWORD, role: "COORDINATOR" });
    for (let i = 0; i < 5; i++) expect((await postLoginFrom({ email: "wait@rrc.example", password: `guess-${i}` })).status).toBe(400);
    const waiting = await postLoginFrom({ email: "WAIT@rrc.example", password: PASSWORD });
    expect(waiting.status).toBe(429);
    const retryAfter = Number(waiting.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(waiting.data.error[""]).toEqual(["loginWait:1"]);
    expect(waiting.data.initialValue.email).toBe("WAIT@rrc.example");
    expect(waiting.headers.get("Set-Cookie")).toBeNull();
    expect(JSON.stringify(waiting.data)).not.toContain(PASSWORD);
    // Other accounts are not slowed.
    expect((await postLoginFrom({ email: member.email, password: PASSWORD })).status).toBe(303);
  });

  it("one address trying many accounts waits after 20 failures; other addresses do not", async () => {
    const address = freshAddress();
    for (let i = 0; i < 20; i++) {
      expect((await postLoginFrom({ email: `spray${i}@rrc.example`, password: "guess" }, { address })).status).toBe(400);
    }
    const fromThere = await postLoginFrom({ email: coordinator.email, password: PASSWORD }, { address });
    expect(fromThere.status).toBe(429);
    expect(Number(fromThere.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(fromThere.headers.get("Set-Cookie")).toBeNull();
    expect((await postLoginFrom({ email: coordinator.email, password: PASSWORD })).status).toBe(303);
  });

  it("a trusted browser's own failures slow that browser only", async () => {
    await createUser({ email: "clumsy@rrc.example", name: "C", password: PASSWORD, role: "COORDINATOR" });
    const device = deviceCookieOf(await postLoginFrom({ email: "clumsy@rrc.example", password: PASSWORD }));
    for (let i = 0; i < 5; i++) {
      expect((await postLoginFrom({ email: "clumsy@rrc.example", password: `typo-${i}` }, { cookie: device })).status).toBe(400);
    }
    expect((await postLoginFrom({ email: "clumsy@rrc.example", password: PASSWORD }, { cookie: device })).status).toBe(429);
    expect((await postLoginFrom({ email: "clumsy@rrc.example", password: PASSWORD })).status).toBe(303);
  });

  it("a successful sign-in forgets the failures made from its own address", async () => {
    await createUser({ email: "typo@rrc.example", name: "T", password: PASSWORD, role: "COORDINATOR" });
    const address = freshAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect((await postLoginFrom({ email: "typo@rrc.example", password: "typo" }, { address })).status).toBe(400);
      expect((await postLoginFrom({ email: "typo@rrc.example", password: PASSWORD }, { address })).status).toBe(303);
    }
    expect(await db.loginAttempt.count({ where: { email: "typo@rrc.example" } })).toBe(0);
  });
});

describe("sessions", () => {
  it("treats an expired session as anonymous and removes it", async () => {
    const cookie = await signIn(coordinator.email);
    const user = await getSessionUser(get("/queue", cookie));
    expect(user?.id).toBe(coordinator.id);
    const id = await sessionIdOf(cookie);
    await db.$transaction((tx) => tx.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } }));

    expect(await getSessionUser(get("/queue", cookie))).toBeNull();
    expect(await db.session.findUnique({ where: { id } })).toBeNull();
  });

  it("slides: a session used after half its lifetime is extended, a fresh one is left alone", async () => {
    const cookie = await signIn(member.email);
    const id = await sessionIdOf(cookie);
    const initial = (await db.session.findUniqueOrThrow({ where: { id } })).expiresAt;

    // Used 1 hour in: more than half remains, nothing is written.
    await getSessionUser(get("/queue", cookie), new Date(Date.now() + HOUR));
    expect((await db.session.findUniqueOrThrow({ where: { id } })).expiresAt).toEqual(initial);

    // Used 7 hours in: less than half remains, it runs 12 hours from then.
    const at = new Date(Date.now() + 7 * HOUR);
    expect(await getSessionUser(get("/queue", cookie), at)).not.toBeNull();
    expect((await db.session.findUniqueOrThrow({ where: { id } })).expiresAt.getTime()).toBe(at.getTime() + SESSION_LIFETIME_MS);

    // 13 hours in (past the first expiry), the extended session still holds.
    expect(await getSessionUser(get("/queue", cookie), new Date(Date.now() + 13 * HOUR))).not.toBeNull();
  });

  it("ignores a forged or unsigned cookie", async () => {
    const id = await sessionIdOf(await signIn(coordinator.email));
    const unsigned = `rrc_session=${Buffer.from(JSON.stringify(id)).toString("base64")}`;
    expect(await getSessionUser(get("/queue", unsigned))).toBeNull();
    expect(await getSessionUser(get("/queue", "rrc_session=garbage"))).toBeNull();
  });

  it("ends the session of a user who was deactivated meanwhile", async () => {
    const user = await createUser({ email: "leaver@rrc.example", name: "L", password: PASSWORD, role: "COORDINATOR" });
    const cookie = await signIn("leaver@rrc.example");
    expect(await getSessionUser(get("/queue", cookie))).not.toBeNull();
    await db.$transaction((tx) => tx.user.update({ where: { id: user.id }, data: { active: false } }));
    expect(await getSessionUser(get("/queue", cookie))).toBeNull();
  });

  it("logout deletes the session row and clears the cookie; the old cookie is then worthless", async () => {
    const cookie = await signIn(coordinator.email);
    const countBefore = await db.session.count({ where: { userId: coordinator.id } });
    const answer = await call(logoutAction, formRequest("/logout", {}, { headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }));
    expect(answer.status).toBe(303);
    expect(answer.location).toBe("/");
    const cleared = answer.headers.get("Set-Cookie")!;
    expect(cleared).toMatch(/^rrc_session=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await db.session.count({ where: { userId: coordinator.id } })).toBe(countBefore - 1);
    expect(await getSessionUser(get("/queue", cookie))).toBeNull();

    const viaGet = await call(logoutLoader, get("/logout", cookie));
    expect(viaGet.status).toBe(302);
    expect(viaGet.location).toBe("/");
  });

  it("revokeUserSessions ends every session of the user and no one else's", async () => {
    const user = await createUser({ email: "many@rrc.example", name: "M", password: PASSWORD, role: "ADMIN" });
    const first = await signIn("many@rrc.example");
    const second = await signIn("many@rrc.example");
    const other = await signIn(member.email);
    expect(await revokeUserSessions(user.id)).toBe(2);
    expect(await getSessionUser(get("/", first))).toBeNull();
    expect(await getSessionUser(get("/", second))).toBeNull();
    expect(await getSessionUser(get("/", other))).not.toBeNull();
  });
});

describe("guards", () => {
  const guarded =
    (guard: (request: Request) => Promise<unknown>) =>
    ({ request }: { request: Request }) =>
      guard(request);

  it("requireUser sends an anonymous visitor to /login with the way back", async () => {
    const answer = await call(guarded(requireUser), get("/queue?status=NEW&page=2"));
    expect(answer.status).toBe(302);
    expect(answer.location).toBe(`/login?redirectTo=${encodeURIComponent("/queue?status=NEW&page=2")}`);

    const post = await call(guarded(requireUser), formRequest("/requests/abc/triage", {}));
    expect(post.status).toBe(303);
    expect(post.location).toBe(`/login?redirectTo=${encodeURIComponent("/requests/abc/triage")}`);
  });

  it("requireUser clears a stale cookie on the way to /login", async () => {
    const cookie = await signIn(member.email);
    const id = await sessionIdOf(cookie);
    await db.$transaction((tx) => tx.session.delete({ where: { id } }));
    const answer = await call(guarded(requireUser), get("/queue", cookie));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Set-Cookie")).toMatch(/^rrc_session=;/);
  });

  it("requireRole answers 403 to a signed-in user of the wrong role and lets the right one through", async () => {
    const memberCookie = await signIn(member.email);
    const denied = await call(guarded(requireStaff), get("/queue", memberCookie));
    expect(denied.status).toBe(403);

    const coordinatorCookie = await signIn(coordinator.email);
    const allowed = await call(
      guarded((r) => requireRole(r, "COORDINATOR")),
      get("/queue", coordinatorCookie),
    );
    expect(allowed.status).toBe(200);
    expect(allowed.data).toMatchObject({ id: coordinator.id, role: "COORDINATOR" });

    const adminOnly = await call(
      guarded((r) => requireRole(r, "ADMIN")),
      get("/admin", coordinatorCookie),
    );
    expect(adminOnly.status).toBe(403);

    const anonymous = await call(guarded(requireStaff), get("/queue"));
    expect(anonymous.status).toBe(302);
  });

  it("actorFor gives the state machine's view of the user", async () => {
    const user = await getSessionUser(get("/", await signIn(member.email)));
    expect(actorFor(user!)).toEqual({ type: "USER", userId: member.id, role: "CLUSTER_MEMBER", clusterId: cluster.id });
  });
});

// The command as an admin runs it starts a fresh tsx process (about a second, several on a busy
// machine): the creations and one refusal go through it, the other refusals through the same
// function in this process (scripts/user-create.ts exports it).
describe("npm run user:create", { timeout: 180_000 }, () => {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const run = (...args: string[]) =>
    execFileSync(tsx, ["scripts/user-create.ts", ...args], {
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      encoding: "utf8",
      stdio: "pipe",
    });
  const processExitCodeOf = (...args: string[]) => {
    try {
      run(...args);
      return 0;
    } catch (error) {
      return (error as { status: number }).status;
    }
  };
  const said: string[] = [];
  const exitCodeOf = (...args: string[]) =>
    userCreate(args, { log: (line: string) => said.push(line), error: (...parts: unknown[]) => said.push(parts.join(" ")) });

  it("creates a cluster member who can sign in with the generated password", async () => {
    const output = run("--email", "New.Member@Cluster.example", "--role", "CLUSTER_MEMBER", "--cluster", cluster.slug, "--name", "Ірина Бондар");
    const password = output.match(/Password \(shown only this once\): (\S+)/)?.[1];
    expect(password).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(20);

    const user = await db.user.findUniqueOrThrow({ where: { email: "new.member@cluster.example" } });
    expect(user).toMatchObject({ name: "Ірина Бондар", role: "CLUSTER_MEMBER", clusterId: cluster.id, active: true });
    expect(user.passwordHash).not.toContain(password!);

    const cookie = await signIn("new.member@cluster.example", password!);
    expect((await getSessionUser(get("/", cookie)))?.id).toBe(user.id);
  });

  it("takes a given password, and refuses bad arguments and duplicates with exit code 2", async () => {
    const output = run("--email", "admin2@rrc.example", "--role", "ADMIN", "--password", "a-long-enough-password");
    expect(output).not.toContain("a-long-enough-password");
    expect((await login({ email: "admin2@rrc.example", password: "a-long-enough-password", ipAddress: freshAddress() })).ok).toBe(true);

    expect(processExitCodeOf("--email", "x@rrc.example", "--role", "BOSS")).toBe(2);
    expect(await exitCodeOf("--email", "x@rrc.example", "--role", "CLUSTER_MEMBER")).toBe(2);
    expect(said.pop()).toMatch(/^user:create: --cluster: /);
    expect(await exitCodeOf("--email", "x@rrc.example", "--role", "CLUSTER_MEMBER", "--cluster", "no-such-cluster")).toBe(2);
    expect(await exitCodeOf("--email", "not-an-email", "--role", "ADMIN")).toBe(2);
    expect(said.pop()).toMatch(/^user:create: --email: /);
    expect(await exitCodeOf("--email", "x@rrc.example", "--role", "ADMIN", "--password", "short")).toBe(2);
    expect(said.pop()).toMatch(/^user:create: --password: /);
    expect(await exitCodeOf("--email", "ADMIN2@rrc.example", "--role", "ADMIN")).toBe(2);
    expect(await exitCodeOf("--email", "x@rrc.example", "--role", "ADMIN", "--bogus", "1")).toBe(2);
    expect(await db.user.count({ where: { email: { in: ["x@rrc.example", "not-an-email"] } } })).toBe(0);
  });
});
