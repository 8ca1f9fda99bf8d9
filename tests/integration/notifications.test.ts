import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { TransitionError } from "~/domain/errors";
import { createRequest } from "~/domain/requests/intake.server";
import { MAX_ATTEMPTS, deliverDueNotifications, retryDelayMs, retryNotification } from "~/domain/notifications/notifications.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { hashStatusToken } from "~/domain/auth/tokens.server";
import type { Action, Actor, TransitionInput } from "~/domain/requests/state-machine";
import { action as outboxAction, loader as outboxLoader } from "~/routes/admin.outbox";
import { action as intakeAction } from "~/routes/requests.new";
import { db } from "~/data/db.server";
import { type MailTransport, type OutgoingMail, fileTransport } from "~/utils/mail.server";
import { buildIntake, createCluster, createUser, intakeFormFields, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

// The configuration is read once, at the first import: this file's .eml files go to its own folder.
const outbox = vi.hoisted(() => {
  const dir = `${process.env.RRC_TEST_DIR}/outbox-${process.pid}-${Date.now()}`;
  process.env.OUTBOX_DIR = dir;
  delete process.env.SMTP_URL;
  return dir;
});

const random = seededRandom(42);
const MINUTE = 60_000;
let cluster: { id: string; slug: string };
let member: { id: string; clusterId: string | null };
let coordinators: { email: string }[];
let admin: { id: string };
let coordinatorUser: { id: string };

async function deactivate(userId: string) {
  await db.$transaction((tx) => tx.user.update({ where: { id: userId }, data: { active: false } }));
}

beforeAll(async () => {
  cluster = await createCluster({
    slug: "metal",
    nameUk: "Металургійний кластер",
    nameEn: "Metals cluster",
    kind: "CLUSTER",
    homeRegion: "UA-12",
    capabilities: ["SUPPLIES"],
    regions: ["UA-12"],
  });
  member = await createUser({ email: "Member.One@metal.example", name: "M1", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
  await createUser({ email: "member.two@metal.example", name: "M2", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
  const gone = await createUser({ email: "former@metal.example", name: "M3", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
  await deactivate(gone.id);
  coordinatorUser = await createUser({ email: "coord.a@rrc.example", name: "CA", password: "pw-123456789", role: "COORDINATOR" });
  await createUser({ email: "coord.b@rrc.example", name: "CB", password: "pw-123456789", role: "COORDINATOR" });
  const retired = await createUser({ email: "coord.old@rrc.example", name: "CO", password: "pw-123456789", role: "COORDINATOR" });
  await deactivate(retired.id);
  admin = await createUser({ email: "admin@rrc.example", name: "A", password: "pw-123456789", role: "ADMIN" });
  coordinators = [{ email: "coord.a@rrc.example" }, { email: "coord.b@rrc.example" }];
});

const coordinatorActor = (): Actor => ({ type: "USER", userId: coordinatorUser.id, role: "COORDINATOR", clusterId: null });
const memberActor = (): Actor => ({ type: "USER", userId: member.id, role: "CLUSTER_MEMBER", clusterId: member.clusterId });

function act(requestId: string, action: Action, actor: Actor, input: TransitionInput = {}, now?: Date) {
  return db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, input, now }));
}

async function fileRequest(now?: Date) {
  return createRequest({ input: buildIntake(random, { category: "SUPPLIES", region: "UA-12" }), now });
}

function notificationsOf(requestId: string, kind?: string) {
  return db.notification.findMany({ where: { requestId, ...(kind ? { kind } : {}) }, orderBy: { recipient: "asc" } });
}

async function enterpriseEmail(requestId: string) {
  return (await db.request.findUniqueOrThrow({ where: { id: requestId }, select: { email: true } })).email.toLowerCase();
}

describe("what each change announces", () => {
  it("intake writes “request received” to the enterprise, with the private link, in both languages", async () => {
    const input = buildIntake(random);
    const answer = await call(intakeAction, formRequest("/requests/new", intakeFormFields(input)));
    expect(answer.status).toBe(303);
    const token = /^\/s\/([^/]+)\/submitted$/.exec(answer.location!)![1]!;
    const request = await db.request.findUniqueOrThrow({ where: { statusTokenHash: hashStatusToken(token) }, select: { id: true, reference: true } });
    const [received, ...others] = await notificationsOf(request.id);
    expect(others).toEqual([]);
    expect(received).toMatchObject({ kind: "requestReceived", recipient: input.email.toLowerCase(), locale: "uk", status: "PENDING", attempts: 0 });
    // PUBLIC_URL, by default this machine's address (http://localhost:3000 in the tests).
    expect(received!.body).toContain(`http://localhost:3000/s/${token}`);
    expect(received!.subject).toContain(request.reference);
    expect(received!.subject).toContain("Запит отримано");
    expect(received!.subject).toContain("Request received");
    expect(received!.body).toContain("Ваше особисте посилання");
    expect(received!.body).toContain("Your private link");
  });

  it("asking for information tells the enterprise the question", async () => {
    const { id } = await fileRequest();
    await act(id, "triage", coordinatorActor());
    await act(id, "requestInfo", coordinatorActor(), { message: "Яка товщина листа потрібна?" });
    const [asked, ...others] = await notificationsOf(id, "infoRequested");
    expect(others).toEqual([]);
    expect(asked!.recipient).toBe(await enterpriseEmail(id));
    expect(asked!.body).toContain("> Яка товщина листа потрібна?");
    expect(asked!.subject).toContain("Потрібна ваша відповідь");
    // Triage itself announces nothing.
    expect((await notificationsOf(id)).map((n) => n.kind).sort()).toEqual(["infoRequested", "requestReceived"]);
  });

  it("assigning tells the cluster's contact address and its active members, once each", async () => {
    const { id, reference } = await fileRequest();
    await act(id, "assign", coordinatorActor(), { clusterId: cluster.id });
    const assigned = await notificationsOf(id, "assigned");
    expect(assigned.map((n) => n.recipient)).toEqual(["member.one@metal.example", "member.two@metal.example", "metal@clusters.example"]);
    expect(assigned[0]!.body).toContain(`http://localhost:3000/requests/${reference}`);
    expect(assigned[0]!.body).toContain("Сировина та матеріали");
    expect(assigned[0]!.body).toContain("Raw materials and supplies");
  });

  it("a decline and a lapsed assignment tell the active coordinators, naming the cluster and the reason", async () => {
    const declined = await fileRequest();
    await act(declined.id, "assign", coordinatorActor(), { clusterId: cluster.id });
    await act(declined.id, "decline", memberActor(), { message: "Немає потужностей до кінця місяця." });
    const toCoordinators = await notificationsOf(declined.id, "declined");
    expect(toCoordinators.map((n) => n.recipient)).toEqual(coordinators.map((c) => c.email));
    expect(toCoordinators[0]!.body).toContain("Металургійний кластер");
    expect(toCoordinators[0]!.body).toContain("> Немає потужностей до кінця місяця.");

    const lapsed = await fileRequest();
    await act(lapsed.id, "assign", coordinatorActor(), { clusterId: cluster.id });
    await act(lapsed.id, "acceptTimeout", { type: "SYSTEM" });
    const lapse = await notificationsOf(lapsed.id, "notAcceptedInTime");
    expect(lapse.map((n) => n.recipient)).toEqual(coordinators.map((c) => c.email));
    expect(lapse[0]!.body).toContain("Metals cluster");
  });

  it("accepting and resolving each tell the enterprise, once; resolving quotes the outcome", async () => {
    const { id } = await fileRequest();
    await act(id, "assign", coordinatorActor(), { clusterId: cluster.id });
    const before = await db.notification.count({ where: { requestId: id } });
    await act(id, "accept", memberActor());
    const [accepted] = await notificationsOf(id, "accepted");
    expect(accepted!.recipient).toBe(await enterpriseEmail(id));
    expect(accepted!.subject).toContain("Запит узято в роботу");
    await act(id, "resolve", memberActor(), { message: "Постачальника знайдено, 20 т відвантажено." });
    const [resolved] = await notificationsOf(id, "resolved");
    expect(resolved!.recipient).toBe(await enterpriseEmail(id));
    expect(resolved!.body).toContain("> Постачальника знайдено, 20 т відвантажено.");
    expect(await db.notification.count({ where: { requestId: id } })).toBe(before + 2);
  });

  it("“still needed?” goes to the enterprise when the scheduler asks; the answer announces nothing", async () => {
    const { id } = await fileRequest();
    await act(id, "askStillNeeded", { type: "SYSTEM" });
    const [asked, ...others] = await notificationsOf(id, "stillNeeded");
    expect(others).toEqual([]);
    expect(asked!.recipient).toBe(await enterpriseEmail(id));
    expect(asked!.subject).toContain("Допомога ще потрібна?");
    expect(asked!.subject).toContain("Is help still needed?");
    const before = await db.notification.count();
    await act(id, "confirmStillNeeded", { type: "ENTERPRISE" });
    expect(await db.notification.count()).toBe(before);
  });
});

describe("the outbox is written with the change or not at all", () => {
  it("a transaction that fails after the transition leaves neither the change nor its message", async () => {
    const { id } = await fileRequest();
    await expect(
      db.$transaction(async (tx) => {
        await transitionRequestInTx(tx, { requestId: id, action: "requestInfo", actor: coordinatorActor(), input: { message: "Скільки?" } });
        throw new Error("something failed later in the same transaction");
      }),
    ).rejects.toThrow("something failed later");
    expect(await notificationsOf(id, "infoRequested")).toEqual([]);
    expect((await db.request.findUniqueOrThrow({ where: { id } })).status).toBe("NEW");
  });

  it("a refused transition writes no message", async () => {
    const { id } = await fileRequest();
    const before = await db.notification.count();
    await expect(act(id, "resolve", coordinatorActor(), { message: "Готово" })).rejects.toBeInstanceOf(TransitionError);
    expect(await db.notification.count()).toBe(before);
  });

  it("an intake that fails after the request row leaves no request and no message", async () => {
    const input = buildIntake(random);
    const before = await db.notification.count();
    await expect(
      createRequest({
        input,
        statusUrlFor: () => {
          throw new Error("no link");
        },
      }),
    ).rejects.toThrow("no link");
    expect(await db.enterprise.count({ where: { edrpou: input.edrpou } })).toBe(0);
    expect(await db.notification.count()).toBe(before);
  });
});

// Each delivery test works in its own, earlier year, so messages the other tests leave
// pending (created "now") are never due in it.
describe("delivery", () => {
  function recordingTransport(options: { failWith?: string; pauseMs?: number } = {}) {
    const sent: OutgoingMail[] = [];
    const transport: MailTransport = {
      kind: "test",
      async send(mail) {
        if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
        if (options.failWith) throw new Error(options.failWith);
        sent.push(mail);
      },
    };
    return { transport, sent };
  }

  it("without SMTP_URL writes each due message as an .eml file and marks it SENT", async () => {
    const now = new Date("2021-03-01T09:00:00Z");
    const { id } = await fileRequest(now);
    const [message] = await notificationsOf(id);
    const report = await deliverDueNotifications({ now: new Date(now.getTime() + MINUTE) });
    expect(report).toEqual({ sent: 1, retrying: 0, failed: 0 });

    const eml = fs.readFileSync(path.join(outbox, `${message!.id}.eml`), "utf8");
    expect(eml).toContain(`To: ${message!.recipient}\r\n`);
    expect(eml).toContain(`Message-ID: <${message!.id}@localhost>`);
    expect(eml).toMatch(/^From: =\?UTF-8\?/m);
    expect(eml).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(fs.readdirSync(outbox).filter((f) => f.endsWith(".partial"))).toEqual([]);

    const stored = await db.notification.findUniqueOrThrow({ where: { id: message!.id } });
    expect(stored).toMatchObject({ status: "SENT", attempts: 1, lastError: null, sentAt: new Date(now.getTime() + MINUTE) });
  });

  it("a failing transport is retried with growing waits, then FAILED and kept; an admin's retry sends it", async () => {
    const now = new Date("2020-03-01T09:00:00Z");
    const { id } = await fileRequest(now);
    const [message] = await notificationsOf(id);
    const failing = recordingTransport({ failWith: "550 5.1.1 mailbox unavailable" });

    let at = now;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const report = await deliverDueNotifications({ now: at, transport: failing.transport });
      const stored = await db.notification.findUniqueOrThrow({ where: { id: message!.id } });
      expect(stored.attempts).toBe(attempt);
      expect(stored.lastError).toContain("550 5.1.1 mailbox unavailable");
      if (attempt < MAX_ATTEMPTS) {
        expect(report).toEqual({ sent: 0, retrying: 1, failed: 0 });
        expect(stored.status).toBe("PENDING");
        waits.push(stored.nextAttemptAt.getTime() - at.getTime());
        // Not due again before its time.
        expect(await deliverDueNotifications({ now: new Date(stored.nextAttemptAt.getTime() - 1), transport: failing.transport })).toEqual({
          sent: 0,
          retrying: 0,
          failed: 0,
        });
        at = stored.nextAttemptAt;
      } else {
        expect(report).toEqual({ sent: 0, retrying: 0, failed: 1 });
        expect(stored.status).toBe("FAILED");
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256].map((m) => m * MINUTE));
    expect(retryDelayMs(20)).toBe(6 * 60 * MINUTE);

    // FAILED stays FAILED (and stays): nothing picks it up again by itself.
    const later = new Date(at.getTime() + 24 * 60 * MINUTE);
    expect(await deliverDueNotifications({ now: later, transport: failing.transport })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await db.notification.count({ where: { id: message!.id, status: "FAILED" } })).toBe(1);

    expect(await retryNotification({ id: message!.id, now: later })).toBe(true);
    expect(await retryNotification({ id: message!.id, now: later })).toBe(false);
    const working = recordingTransport();
    expect(await deliverDueNotifications({ now: later, transport: working.transport })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(working.sent.map((m) => m.id)).toEqual([message!.id]);
    expect(await db.notification.findUniqueOrThrow({ where: { id: message!.id } })).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("a real file-system failure is recorded on the row, not lost", async () => {
    const now = new Date("2019-03-01T09:00:00Z");
    const { id } = await fileRequest(now);
    const [message] = await notificationsOf(id);
    const notADirectory = path.join(outbox, "..", `not-a-dir-${process.pid}`);
    fs.writeFileSync(notADirectory, "");
    const report = await deliverDueNotifications({ now, transport: fileTransport(path.join(notADirectory, "outbox")) });
    expect(report).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const stored = await db.notification.findUniqueOrThrow({ where: { id: message!.id } });
    expect(stored).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(stored.lastError).toMatch(/ENOTDIR|EEXIST/);
    // Leave it sent, so the later years' tests start clean.
    await deliverDueNotifications({ now: stored.nextAttemptAt, transport: recordingTransport().transport });
  });

  it("two deliverers at once send each message exactly once", async () => {
    const now = new Date("2018-03-01T09:00:00Z");
    const first = await fileRequest(now);
    const second = await fileRequest(now);
    await act(first.id, "assign", coordinatorActor(), { clusterId: cluster.id }, now);
    await act(second.id, "assign", coordinatorActor(), { clusterId: cluster.id }, now);
    const due = await db.notification.findMany({ where: { requestId: { in: [first.id, second.id] } }, select: { id: true } });
    expect(due).toHaveLength(8);

    const shared = recordingTransport({ pauseMs: 5 });
    const reports = await Promise.all([
      deliverDueNotifications({ now, transport: shared.transport }),
      deliverDueNotifications({ now, transport: shared.transport }),
    ]);
    const ids = shared.sent.map((m) => m.id).sort();
    expect(ids).toEqual(due.map((d) => d.id).sort());
    expect(reports[0]!.sent + reports[1]!.sent).toBe(8);
    expect(await db.notification.count({ where: { id: { in: ids }, status: "SENT", attempts: 1 } })).toBe(8);
  });
});

describe("the admin's outbox page", () => {
  const page = async (userId: string, search = "") =>
    call(outboxLoader, new Request(`http://localhost/admin/outbox${search}`, { headers: { Cookie: await cookieFor(userId) } }));

  it("lists messages newest first, filters by status in the URL, and is for admins only", async () => {
    const all = await page(admin.id);
    expect(all.status).toBe(200);
    const total = await db.notification.count();
    expect(all.data.outbox.total).toBe(total);
    expect(all.data.outbox.rows.length).toBe(Math.min(total, 50));
    const created = all.data.outbox.rows.map((r: { createdAt: Date }) => new Date(r.createdAt).getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(JSON.stringify(all.data)).not.toContain("/s/"); // bodies (with private links) stay on the server

    const sent = await page(admin.id, "?status=SENT");
    expect(sent.data.outbox.rows.length).toBeGreaterThan(0);
    expect(sent.data.outbox.rows.every((r: { status: string }) => r.status === "SENT")).toBe(true);
    expect((await page(admin.id, "?status=nonsense&page=-3")).data.params).toMatchObject({ status: undefined, page: 1 });

    expect((await page(coordinatorUser.id)).status).toBe(403);
    const post = await call(
      outboxAction,
      formRequest(
        "/admin/outbox",
        { intent: "deliver" },
        { headers: { Cookie: await cookieFor(coordinatorUser.id), "Content-Type": "application/x-www-form-urlencoded" } },
      ),
    );
    expect(post.status).toBe(403);
  });

  it("retries a FAILED message and sends the due ones from plain forms", async () => {
    const { id } = await fileRequest();
    const [message] = await notificationsOf(id);
    await db.$transaction((tx) =>
      tx.notification.update({ where: { id: message!.id }, data: { status: "FAILED", attempts: MAX_ATTEMPTS, lastError: "boom" } }),
    );
    const headers = { Cookie: await cookieFor(admin.id), "Content-Type": "application/x-www-form-urlencoded" };

    const failedList = await page(admin.id, "?status=FAILED");
    expect(failedList.data.outbox.rows.map((r: { id: string }) => r.id)).toContain(message!.id);

    const retried = await call(outboxAction, formRequest("/admin/outbox?status=FAILED", { intent: "retry", id: message!.id }, { headers }));
    expect(retried.status).toBe(303);
    expect(retried.location).toBe("/admin/outbox?status=FAILED&retried=1");
    expect(await db.notification.findUniqueOrThrow({ where: { id: message!.id } })).toMatchObject({ status: "PENDING", attempts: 0 });

    const delivered = await call(outboxAction, formRequest("/admin/outbox", { intent: "deliver" }, { headers }));
    expect(delivered.status).toBe(303);
    expect(delivered.location).toMatch(/^\/admin\/outbox\?sent=\d+&retrying=0&failed=0$/);
    expect(await db.notification.findUniqueOrThrow({ where: { id: message!.id } })).toMatchObject({ status: "SENT" });
    expect(fs.existsSync(path.join(outbox, `${message!.id}.eml`))).toBe(true);

    expect((await call(outboxAction, formRequest("/admin/outbox", { intent: "nonsense" }, { headers }))).status).toBe(400);
  });
});
