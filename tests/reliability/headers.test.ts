// The production server's protective headers and cookies, as a browser receives them: the
// CSP nonce really covers every inline script, the session cookie cannot be read by scripts
// or sent cross-site, and a cross-site form post files nothing.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIntake, intakeFormFields, seededRandom } from "../factories";
import { ROOT, type ProductionServer, cleanUp, formBody, freshDatabase, openReadOnly, runToEnd, startProductionServer } from "./server";

const EMAIL = "headers.coordinator@rrc.example";
const PASSWORD = "headers-test-password-123";
let dbFile: string;
let server: ProductionServer;
let secureServer: ProductionServer;

beforeAll(async () => {
  dbFile = await freshDatabase("headers");
  await runToEnd(
    path.join(ROOT, "node_modules", ".bin", "tsx"),
    ["scripts/user-create.ts", "--email", EMAIL, "--role", "COORDINATOR", "--password", PASSWORD],
    {
      DATABASE_URL: `file:${dbFile}`,
    },
  );
  [server, secureServer] = await Promise.all([
    startProductionServer(dbFile, { COOKIE_SECURE: "false" }),
    startProductionServer(dbFile, { COOKIE_SECURE: "true" }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([server?.stop(), secureServer?.stop()]);
  cleanUp();
});

async function signIn(target: ProductionServer) {
  const response = await fetch(`${target.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: target.url },
    body: formBody({ email: EMAIL, password: PASSWORD }),
  });
  await response.arrayBuffer();
  expect(response.status).toBe(303);
  return response.headers.getSetCookie();
}

const requestCount = () => {
  const sqlite = openReadOnly(dbFile);
  try {
    return (sqlite.prepare("SELECT COUNT(*) AS n FROM Request").get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
};

describe("security headers of the production server", () => {
  it("sends a nonce CSP and the protective headers, and every <script> carries the nonce", async () => {
    const response = await fetch(`${server.url}/requests/new`);
    const html = await response.text();
    expect(response.status).toBe(200);
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
    expect(response.headers.get("Referrer-Policy")).toBe("same-origin");

    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    const withoutNonce = scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`));
    expect(withoutNonce, "script tags the CSP would block").toEqual([]);
    // The intake form itself is there, posting to its own page.
    expect(html).toMatch(/<form[^>]*method="post"/i);

    // A fresh nonce per response.
    const again = await fetch(`${server.url}/requests/new`);
    await again.arrayBuffer();
    expect(again.headers.get("Content-Security-Policy")).not.toBe(csp);
  });

  it("marks the session cookie HttpOnly and SameSite=Lax, and Secure when COOKIE_SECURE=true", async () => {
    const plain = (await signIn(server)).find((c) => !/^[^=]+=;/.test(c) && /httponly/i.test(c));
    expect(plain, "a session cookie").toBeTruthy();
    expect(plain).toMatch(/;\s*HttpOnly/i);
    expect(plain).toMatch(/;\s*SameSite=Lax/i);
    expect(plain).not.toMatch(/;\s*Secure/i);

    const secure = (await signIn(secureServer)).find((c) => /httponly/i.test(c));
    expect(secure).toMatch(/;\s*HttpOnly/i);
    expect(secure).toMatch(/;\s*SameSite=Lax/i);
    expect(secure).toMatch(/;\s*Secure/i);
  });

  it("refuses a cross-site intake post and writes nothing", async () => {
    const before = requestCount();
    const body = formBody(intakeFormFields(buildIntake(seededRandom(7))));
    const response = await fetch(`${server.url}/requests/new`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body,
    });
    await response.arrayBuffer();
    expect(response.status).not.toBe(303);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get("Location")).toBeNull();
    expect(requestCount()).toBe(before);

    // The same post from the site itself is filed (the refusal above was about the origin).
    const sameSite = await fetch(`${server.url}/requests/new`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body,
    });
    await sameSite.arrayBuffer();
    expect(sameSite.status).toBe(303);
    expect(requestCount()).toBe(before + 1);
  });

  // KNOWN BUG (remove `.fails` once fixed): Remix's own CSRF check
  // (@remix-run/server-runtime actions.js throwIfPotentialCSRFAttack) throws a plain Error,
  // so the refusal above is a 500 with a stack trace in the log instead of a 403. server.mjs
  // should answer a foreign Origin on POST with 403 before Remix sees it.
  it("answers a cross-site post with a 4xx, not a 500", async () => {
    const response = await fetch(`${server.url}/requests/new`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: "enterpriseName=x",
    });
    await response.arrayBuffer();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});
