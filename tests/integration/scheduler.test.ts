// The timed rules with a controlled clock: each fires at its deadline and not before, and
// running them twice, or twice at once, changes nothing twice.
import { beforeAll, describe, expect, it } from "vitest";
import { enterpriseAction } from "~/domain/requests/status-page.server";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { claimWindow, runScheduledJobs } from "~/domain/scheduler.server";
import type { Action, Actor } from "~/domain/requests/state-machine";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const random = seededRandom(31);
let coordinator: Actor;
let member: Actor;
let clusterId: string;

beforeAll(async () => {
  const cluster = await createCluster({
    slug: "s",
    nameUk: "С",
    nameEn: "S",
    kind: "CLUSTER",
    homeRegion: "UA-30",
    capabilities: ["OTHER"],
    regions: ["UA-30"],
  });
  clusterId = cluster.id;
  const c = await createUser({ email: "c@s.example", name: "C", password: "pw-123456789", role: "COORDINATOR" });
  const m = await createUser({ email: "m@s.example", name: "M", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId });
  coordinator = { type: "USER", userId: c.id, role: "COORDINATOR", clusterId: null };
  member = { type: "USER", userId: m.id, role: "CLUSTER_MEMBER", clusterId };
});

async function act(requestId: string, action: Action, actor: Actor, now: Date, input: Record<string, string> = {}) {
  await db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, now, input }));
}

async function file(now: Date, urgency: "CRITICAL" | "LOW" = "CRITICAL") {
  return createRequest({ input: buildIntake(random, { urgency }), now });
}

const state = (id: string) => db.request.findUniqueOrThrow({ where: { id } });
const events = (id: string) => db.requestEvent.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" } });

describe("an assignment not accepted in time", () => {
  it("goes back to the coordinators at the deadline, flagged, once", async () => {
    const t0 = new Date("2026-11-02T08:00:00Z");
    const { id } = await file(t0);
    await act(id, "assign", coordinator, t0, { clusterId });
    expect((await state(id)).acceptDueAt).toEqual(new Date(t0.getTime() + 12 * HOUR));

    await runScheduledJobs({ now: new Date(t0.getTime() + 12 * HOUR - 1000) });
    expect((await state(id)).status).toBe("ASSIGNED");

    const at = new Date(t0.getTime() + 12 * HOUR);
    const first = await runScheduledJobs({ now: at });
    expect(first.notAcceptedInTime).toBeGreaterThanOrEqual(1);
    const after = await state(id);
    expect(after).toMatchObject({ status: "TRIAGED", notAcceptedInTime: true, assignedClusterId: null, acceptDueAt: null });
    expect((await events(id)).at(-1)).toMatchObject({ action: "acceptTimeout", actorType: "SYSTEM", clusterId });

    const count = (await events(id)).length;
    await runScheduledJobs({ now: new Date(at.getTime() + HOUR) });
    expect(await events(id)).toHaveLength(count);
  });

  it("does not lapse while the cluster waits on the enterprise's answer: the deadline moves out by the wait", async () => {
    const t0 = new Date("2026-11-05T08:00:00Z");
    const { id } = await file(t0);
    await act(id, "assign", coordinator, t0, { clusterId });
    // Two hours in, the cluster asks the enterprise a question; the answer comes 20 hours later.
    await act(id, "requestInfo", member, new Date(t0.getTime() + 2 * HOUR), { message: "Яка маса обладнання?" });
    expect(await state(id)).toMatchObject({ status: "NEEDS_INFO", assignedClusterId: clusterId, infoAskedFrom: "ASSIGNED" });
    await runScheduledJobs({ now: new Date(t0.getTime() + 13 * HOUR) });
    expect((await state(id)).status).toBe("NEEDS_INFO");

    await act(id, "provideInfo", { type: "ENTERPRISE" }, new Date(t0.getTime() + 22 * HOUR), { message: "Близько 12 тонн." });
    const back = await state(id);
    expect(back).toMatchObject({ status: "ASSIGNED", assignedClusterId: clusterId, infoAskedFrom: null });
    // Ten hours of the twelve were left when the question was asked.
    expect(back.acceptDueAt).toEqual(new Date(t0.getTime() + 32 * HOUR));
    await runScheduledJobs({ now: new Date(t0.getTime() + 32 * HOUR - 1000) });
    expect((await state(id)).status).toBe("ASSIGNED");
    await runScheduledJobs({ now: new Date(t0.getTime() + 32 * HOUR) });
    expect(await state(id)).toMatchObject({ status: "TRIAGED", notAcceptedInTime: true });
  });

  it("does not lapse once the cluster accepted", async () => {
    const t0 = new Date("2026-11-03T08:00:00Z");
    const { id } = await file(t0);
    await act(id, "assign", coordinator, t0, { clusterId });
    await act(id, "accept", member, new Date(t0.getTime() + HOUR));
    await runScheduledJobs({ now: new Date(t0.getTime() + 2 * DAY) });
    expect((await state(id)).status).toBe("IN_PROGRESS");
  });
});

describe("a resolved request the enterprise does not confirm", () => {
  it("closes by itself after 14 days, once", async () => {
    const t0 = new Date("2026-10-01T08:00:00Z");
    const { id } = await file(t0);
    await act(id, "assign", coordinator, t0, { clusterId });
    await act(id, "accept", member, t0);
    await act(id, "resolve", member, t0, { message: "Готово" });

    await runScheduledJobs({ now: new Date(t0.getTime() + 14 * DAY - 1000) });
    expect((await state(id)).status).toBe("RESOLVED");
    await runScheduledJobs({ now: new Date(t0.getTime() + 14 * DAY) });
    expect((await state(id)).status).toBe("CLOSED");
    const closes = (await events(id)).filter((e) => e.action === "autoClose");
    expect(closes).toHaveLength(1);
    await runScheduledJobs({ now: new Date(t0.getTime() + 20 * DAY) });
    expect((await events(id)).filter((e) => e.action === "autoClose")).toHaveLength(1);
  });
});

describe("still needed?", () => {
  it("asks after 30 quiet days, closes as stale 7 days later, and the enterprise can reopen", async () => {
    const t0 = new Date("2026-08-01T08:00:00Z");
    const { id, token } = await file(t0, "LOW");

    await runScheduledJobs({ now: new Date(t0.getTime() + 30 * DAY - 1000) });
    expect((await state(id)).stillNeededAskedAt).toBeNull();

    const asked = new Date(t0.getTime() + 30 * DAY);
    await runScheduledJobs({ now: asked });
    expect((await state(id)).stillNeededAskedAt).toEqual(asked);
    await runScheduledJobs({ now: new Date(asked.getTime() + HOUR) });
    expect((await events(id)).filter((e) => e.action === "askStillNeeded")).toHaveLength(1);
    // Asking is not activity.
    expect((await state(id)).lastActivityAt).toEqual(t0);

    await runScheduledJobs({ now: new Date(asked.getTime() + 7 * DAY - 1000) });
    expect((await state(id)).status).toBe("NEW");
    await runScheduledJobs({ now: new Date(asked.getTime() + 7 * DAY) });
    expect((await state(id)).status).toBe("CLOSED");
    expect((await events(id)).at(-1)).toMatchObject({ action: "closeStale", visibility: "PUBLIC" });

    await enterpriseAction({ token, action: "reopen", message: "Ще потрібно, вибачте за мовчання." });
    expect((await state(id)).status).toBe("NEW");
  });

  it("an answer keeps the request open", async () => {
    const t0 = new Date("2026-07-01T08:00:00Z");
    const { id, token } = await file(t0, "LOW");
    const asked = new Date(t0.getTime() + 30 * DAY);
    await runScheduledJobs({ now: asked });
    await enterpriseAction({ token, action: "confirmStillNeeded", now: new Date(asked.getTime() + DAY) });
    expect((await state(id)).stillNeededAskedAt).toBeNull();
    await runScheduledJobs({ now: new Date(asked.getTime() + 8 * DAY) });
    expect((await state(id)).status).toBe("NEW");
  });
});

describe("two runners at once", () => {
  it("change each request once", async () => {
    const t0 = new Date("2026-11-10T08:00:00Z");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { id } = await file(t0);
      await act(id, "assign", coordinator, t0, { clusterId });
      ids.push(id);
    }
    const at = new Date(t0.getTime() + 13 * HOUR);
    await Promise.all([runScheduledJobs({ now: at }), runScheduledJobs({ now: at })]);
    for (const id of ids) {
      expect((await state(id)).status).toBe("TRIAGED");
      expect((await events(id)).filter((e) => e.action === "acceptTimeout")).toHaveLength(1);
    }
  });
});

describe("housekeeping", () => {
  it("deletes ended sessions, sign-in failures past their window and ended rate-limit windows, and keeps the rest", async () => {
    const now = new Date();
    const user = await db.user.findFirstOrThrow({ where: { email: "c@s.example" }, select: { id: true } });
    await db.$transaction(async (tx) => {
      await tx.session.create({ data: { id: "ended", userId: user.id, expiresAt: new Date(now.getTime() - 1000) } });
      await tx.session.create({ data: { id: "live", userId: user.id, expiresAt: new Date(now.getTime() + HOUR) } });
      await tx.loginAttempt.create({ data: { email: "x@s.example", ipAddress: "203.0.113.9", createdAt: new Date(now.getTime() - 25 * HOUR) } });
      await tx.loginAttempt.create({ data: { email: "x@s.example", ipAddress: "203.0.113.9", createdAt: new Date(now.getTime() - 23 * HOUR) } });
      await tx.rateLimitWindow.create({ data: { key: "intake:203.0.113.9", count: 20, resetAt: new Date(now.getTime() - 1000) } });
      await tx.rateLimitWindow.create({ data: { key: "intake:203.0.113.10", count: 3, resetAt: new Date(now.getTime() + HOUR) } });
    });
    const result = await runScheduledJobs({ now });
    expect(result.pruned).toEqual({ sessions: 1, loginAttempts: 1, rateLimitWindows: 1 });
    expect((await db.rateLimitWindow.findMany({ select: { key: true } })).map((w) => w.key)).toEqual(["intake:203.0.113.10"]);
    expect((await db.session.findMany({ where: { id: { in: ["ended", "live"] } }, select: { id: true } })).map((s) => s.id)).toEqual(["live"]);
    // The recent failure still counts towards the sign-in limit.
    expect(await db.loginAttempt.count({ where: { email: "x@s.example" } })).toBe(1);
  });
});

describe("several server processes on one database", () => {
  it("run each window's jobs once: the first claim of a window holds, later ones skip it", async () => {
    const minute = 60_000;
    const at = (iso: string) => new Date(iso);
    expect(await claimWindow(at("2026-05-01T10:00:30Z"), minute)).toBe(true);
    expect(await claimWindow(at("2026-05-01T10:00:59.999Z"), minute)).toBe(false);
    expect(await claimWindow(at("2026-05-01T10:01:00Z"), minute)).toBe(true);
    const windows = await db.schedulerTick.findMany({ where: { tick: { lt: at("2026-05-02T00:00:00Z") } }, orderBy: { tick: "asc" }, select: { tick: true } });
    expect(windows.map((w) => w.tick.toISOString())).toEqual(["2026-05-01T10:00:00.000Z", "2026-05-01T10:01:00.000Z"]);
    // A week later the old claims are gone.
    expect(await claimWindow(at("2026-05-09T10:00:00Z"), minute)).toBe(true);
    expect(await db.schedulerTick.count({ where: { tick: { lt: at("2026-05-02T00:00:00Z") } } })).toBe(0);
  });
});
