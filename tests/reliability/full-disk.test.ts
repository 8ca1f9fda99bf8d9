// The production server with its database on a full disk (a small tmpfs, filled up): intake, a
// staff action and sign-in answer 503 with the form as it was typed and say to try again
// shortly; /healthz reports it; once space is back everything works again and nothing is lost.
// Needs root to mount the tmpfs (CI runs as root); without it this test fails and says why.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIntake, intakeFormFields, seededRandom } from "../factories";
import { ROOT, type ProductionServer, TMP_DIR, cleanUp, formBody, freshDatabase, openReadOnly, runToEnd, startProductionServer } from "./server";

const MOUNT = path.join(TMP_DIR, "full-disk");
const EMAIL = "full.disk@rrc.example";
const PASSWORD = "full-disk-password-2026";
const ADMIN_EMAIL = "full.disk.admin@rrc.example";
let mounted = false;
let adminCookie = "";
let server: ProductionServer;
let cookie = "";
let reference = "";

/** As React writes text into the page. */
const inPage = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

function post(pathname: string, fields: Record<string, string | string[]>, withCookie = "") {
  return fetch(`${server.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, ...(withCookie ? { Cookie: withCookie } : {}) },
    body: formBody(fields),
  });
}

/** Writes a file until the file system has no byte left; returns its path. */
function fillDisk(dir: string) {
  const file = path.join(dir, "filler");
  const fd = fs.openSync(file, "w");
  try {
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
      const chunk = Buffer.alloc(size, 1);
      try {
        for (;;) fs.writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

function database<T>(read: (sqlite: ReturnType<typeof openReadOnly>) => T): T {
  const sqlite = openReadOnly(server.dbFile);
  try {
    return read(sqlite);
  } finally {
    sqlite.close();
  }
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) {
    throw new Error(`NOT TESTED: the full-disk test mounts a tmpfs and needs root (CI runs as root); this process runs as uid ${process.getuid?.()}.`);
  }
  fs.mkdirSync(MOUNT, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", MOUNT], { stdio: "pipe" });
  } catch (error) {
    throw new Error(`NOT TESTED: could not mount a tmpfs at ${MOUNT} for the full-disk test: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  mounted = true;
  const dbFile = await freshDatabase("full-disk", { dir: MOUNT });
  await runToEnd(
    path.join(ROOT, "node_modules", ".bin", "tsx"),
    ["scripts/user-create.ts", "--email", EMAIL, "--role", "COORDINATOR", "--password", PASSWORD],
    {
      DATABASE_URL: `file:${dbFile}`,
    },
  );
  await runToEnd(
    path.join(ROOT, "node_modules", ".bin", "tsx"),
    ["scripts/user-create.ts", "--email", ADMIN_EMAIL, "--role", "ADMIN", "--password", PASSWORD],
    {
      DATABASE_URL: `file:${dbFile}`,
    },
  );
  server = await startProductionServer(dbFile, { OUTBOX_DIR: path.join(TMP_DIR, "full-disk-outbox") });
  const adminSignedIn = await post("/login", { email: ADMIN_EMAIL, password: PASSWORD });
  await adminSignedIn.arrayBuffer();
  expect(adminSignedIn.status).toBe(303);
  adminCookie = adminSignedIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const signedIn = await post("/login", { email: EMAIL, password: PASSWORD });
  await signedIn.arrayBuffer();
  expect(signedIn.status).toBe(303);
  cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const filed = await post("/requests/new", intakeFormFields(buildIntake(seededRandom(70))));
  await filed.arrayBuffer();
  expect(filed.status).toBe(303);
  reference = database((sqlite) => sqlite.prepare(`SELECT reference FROM Request`).pluck().get() as string);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (mounted) execFileSync("umount", [MOUNT]);
  cleanUp();
});

describe("a full disk", () => {
  it("gets 503 with everything typed, shows on /healthz, and everything works again with space, nothing lost", { timeout: 120_000 }, async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const { version, id: requestId } = database(
      (sqlite) => sqlite.prepare(`SELECT version, id FROM Request WHERE reference = ?`).get(reference) as { version: number; id: string },
    );
    const input = buildIntake(seededRandom(71), { category: "SUPPLIES" });
    const intakeFields = intakeFormFields(input);
    const note = { intent: "note", version: String(version), message: "Нотатка, яку не можна втратити: «диск повний» & <ще>." };

    const filler = fillDisk(MOUNT);
    expect(fs.statfsSync(MOUNT).bavail).toBe(0);

    // Intake: the form comes back whole, with a message that is true with JavaScript off.
    const intake = await post("/requests/new", intakeFields);
    const intakePage = await intake.text();
    expect(intake.status).toBe(503);
    expect(intake.headers.get("Retry-After")).toBe("60");
    for (const name of ["enterpriseName", "edrpou", "contactName", "phone", "email", "city", "title", "description", "supplyItems"]) {
      expect(intakePage, name).toContain(inPage(String(intakeFields[name])));
    }
    // What the page says without its script (the script's own strings, for drafts, aside).
    const shown = intakePage.replace(/<script[\s\S]*?<\/script>/g, "");
    expect(shown).toContain("Центр зараз не може цього прийняти");
    expect(shown).not.toContain("збережено на цьому пристрої");

    // A staff action: the note comes back in its form.
    const staff = await post(`/requests/${reference}`, note, cookie);
    const staffPage = await staff.text();
    expect(staff.status).toBe(503);
    expect(staffPage).toContain(inPage(note.message));
    expect(staffPage).toContain("Центр зараз не може цього прийняти");

    // A bulk action from the queue: 503 and the reason above the bulk form.
    const bulk = await post("/queue", { intent: "bulk", ids: [requestId], bulkAction: "reject", message: "Масова відмова на повному диску" }, cookie);
    const bulkPage = await bulk.text();
    expect(bulk.status).toBe(503);
    expect(bulk.headers.get("Retry-After")).toBe("60");
    expect(bulkPage).toContain("Центр зараз не може цього прийняти");

    // Signing in writes too: 503, the e-mail kept.
    const signIn = await post("/login", { email: EMAIL, password: PASSWORD });
    const signInPage = await signIn.text();
    expect(signIn.status).toBe(503);
    expect(signInPage).toContain(EMAIL);

    // Every other form (an admin's, a saved queue view, one's notification choices): 503 and a
    // page that says nothing was saved and to try again, never "something went wrong".
    const newUser = { email: "new.on.full.disk@rrc.example", name: "Нова Людина", role: "COORDINATOR", password: "new-user-password-2026" };
    for (const [pathname, fields, who] of [
      ["/admin/users", newUser, adminCookie],
      ["/queue", { intent: "saveView", name: "Мій вигляд на повному диску", query: "?status=NEW" }, cookie],
      ["/account/notifications", { enterpriseReplied: "DIGEST" }, cookie],
    ] as const) {
      const answer = await post(pathname, fields, who);
      const page = await answer.text();
      expect(answer.status, pathname).toBe(503);
      expect(answer.headers.get("Retry-After"), pathname).toBe("60");
      expect(page, pathname).toContain("Центр зараз не може цього зберегти");
      expect(page, pathname).toContain("Нічого не збережено");
    }

    // Monitoring notices; reading still works.
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "storage full" });
    const queue = await fetch(`${server.url}/queue`, { headers: { Cookie: cookie } });
    await queue.arrayBuffer();
    expect(queue.status).toBe(200);

    // Space comes back: the same posts go through, once each.
    fs.rmSync(filler);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const again = await post("/requests/new", intakeFields);
    await again.arrayBuffer();
    expect(again.status).toBe(303);
    const staffAgain = await post(`/requests/${reference}`, note, cookie);
    await staffAgain.arrayBuffer();
    expect(staffAgain.status).toBe(303);
    const signInAgain = await post("/login", { email: EMAIL, password: PASSWORD });
    await signInAgain.arrayBuffer();
    expect(signInAgain.status).toBe(303);
    const userAgain = await post("/admin/users", newUser, adminCookie);
    await userAgain.arrayBuffer();
    expect(userAgain.status).toBe(303);

    database((sqlite) => {
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(sqlite.prepare(`SELECT COUNT(*) FROM Request`).pluck().get()).toBe(2);
      expect(sqlite.prepare(`SELECT COUNT(*) FROM Request r JOIN Enterprise e ON e.id = r.enterpriseId WHERE e.edrpou = ?`).pluck().get(input.edrpou)).toBe(1);
      const notes = sqlite
        .prepare(`SELECT e.message FROM RequestEvent e JOIN Request r ON r.id = e.requestId WHERE r.reference = ? AND e.action = 'note'`)
        .pluck()
        .all(reference);
      expect(notes).toEqual([note.message]);
      // The refused bulk rejection left nothing behind.
      expect(sqlite.prepare(`SELECT status FROM Request WHERE reference = ?`).pluck().get(reference)).not.toBe("REJECTED");
    });
  });
});
