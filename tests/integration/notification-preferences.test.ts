// Each person chooses per kind of e-mail: at once, in the daily digest, or off; only for
// themselves. The digest goes out once per Kyiv day after 08:00, listing what happened before
// it with links, also when the server was down at 08:00, when the scheduler ticks again, and
// when two runner processes run at the same moment.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { sendDueDigests } from "~/domain/notifications/digest.server";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { runScheduledJobs } from "~/domain/scheduler.server";
import type { Actor } from "~/domain/requests/state-machine";
import { addEnterpriseMessage, enterpriseAction } from "~/domain/requests/status-page.server";
import { action as settingsAction, loader as settingsLoader } from "~/routes/account_.notifications";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(888);
const DAY = 24 * 3_600_000;
let clusterId: string;
let owner: { id: string; email: string };
let colleague: { id: string; email: string };
let member: { id: string; email: string; clusterId: string | null };

beforeAll(async () => {
  clusterId = (await createCluster({ slug: "p", nameUk: "П", nameEn: "P", kind: "CLUSTER", homeRegion: "UA-30", capabilities: ["OTHER"], regions: ["UA-30"] }))
    .id;
  owner = await createUser({ email: "owner@p.example", name: "Owner", password: "pw-123456789", role: "COORDINATOR" });
  colleague = await createUser({ email: "colleague@p.example", name: "Colleague", password: "pw-123456789", role: "COORDINATOR" });
  member = await createUser({ email: "member@p.example", name: "Member", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId });
});

const as = (user: { id: string; clusterId?: string | null }, role: "COORDINATOR" | "CLUSTER_MEMBER" = "COORDINATOR"): Actor => ({
  type: "USER",
  userId: user.id,
  role,
  clusterId: user.clusterId ?? null,
});

async function settings(userId: string, form?: Record<string, string>) {
  const headers = { Cookie: await cookieFor(userId) };
  if (!form) return call(settingsLoader, new Request("http://localhost/account/notifications", { headers }));
  return call(settingsAction, formRequest("/account/notifications", form, { headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" } }));
}

/** A request owned by `by`, in progress with the cluster, filed and worked on at `at`. */
async function ownedRequest(at: Date, by = owner) {
  const created = await createRequest({ input: buildIntake(random), now: at });
  const act = (action: "triage" | "assign" | "accept", actor: Actor, input = {}) =>
    db.$transaction((tx) => transitionRequestInTx(tx, { requestId: created.id, action, actor, input, now: at }));
  await act("triage", as(by), { triage: { category: "OTHER", urgency: "NORMAL", ownerId: by.id } });
  await act("assign", as(by), { clusterId });
  await act("accept", as(member, "CLUSTER_MEMBER"));
  return created;
}

const mailsTo = (email: string, kind: string, requestId?: string) =>
  db.notification.findMany({ where: { recipient: email, kind, ...(requestId ? { requestId } : {}) } });

const digestsTo = (email: string) => db.notification.findMany({ where: { recipient: email, kind: "digest" }, orderBy: { createdAt: "asc" } });

describe("the settings page", () => {
  it("offers each role its own kinds, at once by default, and saves a person's own choices only", async () => {
    const page = await settings(owner.id);
    expect(page.status).toBe(200);
    expect(page.data.preferences).toEqual([
      { topic: "declined", delivery: "NOW" },
      { topic: "notAcceptedInTime", delivery: "NOW" },
      { topic: "enterpriseReplied", delivery: "NOW" },
      { topic: "infoProvided", delivery: "NOW" },
      { topic: "enterpriseReopened", delivery: "NOW" },
    ]);
    expect((await settings(member.id)).data.preferences.map((p: { topic: string }) => p.topic)).toEqual([
      "assigned",
      "enterpriseReplied",
      "infoProvided",
      "enterpriseReopened",
    ]);

    // A member cannot choose a coordinators' kind; a userId in the form changes nothing.
    const saved = await settings(member.id, { enterpriseReplied: "DIGEST", declined: "OFF", userId: owner.id });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/account/notifications?saved=1");
    expect(await db.notificationPreference.findMany({ where: { userId: member.id }, select: { topic: true, delivery: true } })).toEqual([
      { topic: "enterpriseReplied", delivery: "DIGEST" },
    ]);
    expect(await db.notificationPreference.count({ where: { userId: owner.id } })).toBe(0);
    expect((await settings(member.id)).data.preferences).toContainEqual({ topic: "enterpriseReplied", delivery: "DIGEST" });
    expect((await settings(owner.id)).data.preferences).toContainEqual({ topic: "enterpriseReplied", delivery: "NOW" });
    // Put back for the tests below.
    await settings(member.id, { enterpriseReplied: "NOW" });
  });

  it("refuses an unknown choice with the form's values and saves nothing", async () => {
    const refused = await settings(owner.id, { enterpriseReplied: "SOMETIMES", declined: "OFF" });
    expect(refused.status).toBe(400);
    expect(refused.data.error.enterpriseReplied).toEqual(["choose"]);
    expect(refused.data.initialValue).toMatchObject({ enterpriseReplied: "SOMETIMES", declined: "OFF" });
    expect(await db.notificationPreference.count({ where: { userId: owner.id } })).toBe(0);
  });

  it("is for signed-in people only", async () => {
    const anonymous = await call(settingsLoader, new Request("http://localhost/account/notifications"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/);
    const before = await db.notificationPreference.findMany({ orderBy: [{ userId: "asc" }, { topic: "asc" }] });
    const post = await call(settingsAction, formRequest("/account/notifications", { enterpriseReplied: "OFF" }));
    expect([302, 303]).toContain(post.status);
    expect(post.location).toMatch(/^\/login\?redirectTo=/);
    expect(await db.notificationPreference.findMany({ orderBy: [{ userId: "asc" }, { topic: "asc" }] })).toEqual(before);
  });
});

describe("at once, in the digest, or off", () => {
  it("“off” sends that person nothing, “digest” holds it for the digest, other kinds and other people still come at once", async () => {
    const at = new Date("2025-06-02T09:00:00Z");
    const request = await ownedRequest(at);
    await settings(owner.id, { enterpriseReplied: "OFF" });
    await settings(member.id, { enterpriseReplied: "DIGEST" });
    await addEnterpriseMessage({ token: request.token, message: "Вантаж готовий до відправки.", now: at });
    expect(await mailsTo(owner.email, "enterpriseReplied", request.id)).toEqual([]);
    expect(await mailsTo(member.email, "enterpriseReplied", request.id)).toEqual([]);
    const [held, ...more] = await db.digestEntry.findMany({ where: { userId: member.id, requestId: request.id } });
    expect(more).toEqual([]);
    expect(held).toMatchObject({ kind: "enterpriseReplied", excerpt: "Вантаж готовий до відправки.", digestId: null });
    expect(await db.digestEntry.count({ where: { userId: owner.id, requestId: request.id } })).toBe(0);
    // The enterprise itself is told of the Centre's acts whatever anyone chose.
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, { requestId: request.id, action: "resolve", actor: as(member, "CLUSTER_MEMBER"), input: { message: "Готово" }, now: at }),
    );
    const { email: enterpriseEmail } = await db.request.findUniqueOrThrow({ where: { id: request.id }, select: { email: true } });
    expect(await mailsTo(enterpriseEmail, "resolved", request.id)).toHaveLength(1);
    // Another kind, not changed, still comes at once to both.
    await enterpriseAction({ token: request.token, action: "reopen", message: "Не отримали", now: at });
    expect(await mailsTo(owner.email, "enterpriseReopened", request.id)).toHaveLength(1);
    expect(await mailsTo(member.email, "enterpriseReopened", request.id)).toHaveLength(1);
    await settings(owner.id, { enterpriseReplied: "NOW" });
    await settings(member.id, { enterpriseReplied: "NOW" });
  });
});

describe("the daily digest at 08:00 Kyiv time", () => {
  it("lists what happened before 08:00, with links and no private link, once, however often the scheduler ticks", async () => {
    await settings(colleague.id, { enterpriseReplied: "DIGEST" });
    // Winter: 08:00 in Kyiv is 06:00 UTC. Two of the colleague's requests, written to in the night.
    const evening = new Date("2026-01-14T18:00:00Z");
    const first = await ownedRequest(evening, colleague);
    const second = await ownedRequest(evening, colleague);
    await addEnterpriseMessage({ token: first.token, message: "Перше повідомлення вночі.", now: new Date("2026-01-14T22:00:00Z") });
    await addEnterpriseMessage({ token: second.token, message: "Друге, о 07:59 за Києвом.", now: new Date("2026-01-15T05:59:00Z") });
    // After 08:00: waits for tomorrow's digest.
    await addEnterpriseMessage({ token: first.token, message: "Після восьмої.", now: new Date("2026-01-15T06:00:01Z") });
    expect(await digestsTo(colleague.email)).toEqual([]);

    await runScheduledJobs({ now: new Date("2026-01-15T05:59:59Z") });
    expect(await digestsTo(colleague.email)).toEqual([]);

    await Promise.all([sendDueDigests({ now: new Date("2026-01-15T06:00:00Z") }), sendDueDigests({ now: new Date("2026-01-15T06:00:00Z") })]);
    await runScheduledJobs({ now: new Date("2026-01-15T06:01:00Z") });
    const [digest, ...others] = await digestsTo(colleague.email);
    expect(others).toEqual([]);
    expect(digest!.subject).toContain("Щоденний підсумок за 15 січня 2026");
    expect(digest!.subject).toContain("Daily digest for 15 January 2026");
    expect(digest!.body).toContain(`${first.reference} «`);
    expect(digest!.body).toContain(`/requests/${first.reference}`);
    expect(digest!.body).toContain(`/requests/${second.reference}`);
    expect(digest!.body).toContain("Підприємство написало: «Перше повідомлення вночі.»");
    expect(digest!.body).toContain("The enterprise wrote: “Друге, о 07:59 за Києвом.”");
    expect(digest!.body).not.toContain("Після восьмої.");
    expect(digest!.body).toContain("/account/notifications");
    expect(digest!.body).not.toContain(first.token);
    expect(digest!.body).not.toContain("/s/");
    expect(digest!.status).toBe("SENT");
    expect(await db.digestEntry.count({ where: { userId: colleague.id, digestId: digest!.id } })).toBe(2);

    // An act stamped just before 08:00 but committed after the digest went: still one digest that
    // day; tomorrow's lists it.
    await addEnterpriseMessage({ token: second.token, message: "Запізнилося до підсумку.", now: new Date("2026-01-15T05:59:59Z") });
    // The rest of the day sends nothing more; the next morning's digest has the later messages only.
    for (const hour of [7, 12, 20, 23]) await runScheduledJobs({ now: new Date(`2026-01-15T${String(hour).padStart(2, "0")}:00:00Z`) });
    expect(await digestsTo(colleague.email)).toHaveLength(1);
    await runScheduledJobs({ now: new Date("2026-01-16T06:00:00Z") });
    const next = (await digestsTo(colleague.email))[1]!;
    expect(next.body).toContain("Після восьмої.");
    expect(next.body).toContain("Запізнилося до підсумку.");
    expect(next.body).not.toContain("Перше повідомлення вночі.");
    await settings(colleague.id, { enterpriseReplied: "NOW" });
  });

  it("in summer time comes at 05:00 UTC, and after a server that was down at 08:00 comes back", async () => {
    await settings(owner.id, { enterpriseReplied: "DIGEST" });
    const request = await ownedRequest(new Date("2026-07-01T10:00:00Z"));
    await addEnterpriseMessage({ token: request.token, message: "Літнє повідомлення.", now: new Date("2026-07-01T12:00:00Z") });
    await runScheduledJobs({ now: new Date("2026-07-02T04:59:00Z") });
    expect(await digestsTo(owner.email)).toEqual([]);
    // Down from 07:30 to 15:00 Kyiv time: the first run afterwards sends that morning's digest.
    await runScheduledJobs({ now: new Date("2026-07-02T12:00:00Z") });
    const [digest, ...more] = await digestsTo(owner.email);
    expect(more).toEqual([]);
    expect(digest!.subject).toContain("2 липня 2026");
    expect(digest!.body).toContain("Літнє повідомлення.");
    await settings(owner.id, { enterpriseReplied: "NOW" });
  });

  it("sends nothing to a person with nothing waiting, or whose account was switched off", async () => {
    const before = await db.notification.count({ where: { kind: "digest" } });
    await settings(member.id, { assigned: "DIGEST" });
    const at = new Date("2026-09-01T10:00:00Z");
    const created = await createRequest({ input: buildIntake(random), now: at });
    await db.$transaction((tx) => transitionRequestInTx(tx, { requestId: created.id, action: "assign", actor: as(owner), input: { clusterId }, now: at }));
    expect(await db.digestEntry.count({ where: { userId: member.id, requestId: created.id, kind: "assigned" } })).toBe(1);
    expect(await mailsTo(member.email, "assigned", created.id)).toEqual([]);
    await db.$transaction((tx) => tx.user.update({ where: { id: member.id }, data: { active: false } }));
    await runScheduledJobs({ now: new Date("2026-09-02T06:00:00Z") });
    expect(await db.notification.count({ where: { kind: "digest" } })).toBe(before);
    await db.$transaction((tx) => tx.user.update({ where: { id: member.id }, data: { active: true } }));
    // Back at work: the next morning's digest lists it.
    await runScheduledJobs({ now: new Date("2026-09-03T06:00:00Z") });
    const digests = await digestsTo(member.email);
    expect(digests.at(-1)!.body).toContain(created.reference);
    await settings(member.id, { assigned: "NOW" });
  });
});

// Two runner processes at the same moment (two connections to the database), then a third as
// after a restart: one digest. Each starts a fresh tsx process: give it room.
describe("runner processes", { timeout: 90_000 }, () => {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const jobsRun = () => promisify(execFile)(tsx, ["tests/setup/run-digests.ts"], { env: { ...process.env }, encoding: "utf8" });

  it("two at once and one after a restart send one digest per person and day", async () => {
    await settings(colleague.id, { enterpriseReplied: "DIGEST" });
    // Written two days ago (real time): due in today's digest whatever the hour now.
    const twoDaysAgo = new Date(Date.now() - 2 * DAY);
    const request = await ownedRequest(twoDaysAgo, colleague);
    await addEnterpriseMessage({ token: request.token, message: "Для двох процесів.", now: twoDaysAgo });
    const before = (await digestsTo(colleague.email)).length;

    const runs = await Promise.all([jobsRun(), jobsRun()]);
    const digestsSent = runs.map((run) => JSON.parse(run.stdout.trim().split("\n").at(-1)!).digests as number);
    expect(digestsSent.sort()).toEqual([0, 1]);
    await jobsRun();

    const digests = await digestsTo(colleague.email);
    expect(digests).toHaveLength(before + 1);
    expect(digests.at(-1)!.body).toContain("Для двох процесів.");
    await settings(colleague.id, { enterpriseReplied: "NOW" });
  });
});
