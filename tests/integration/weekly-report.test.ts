// The weekly report's figures against a hand-built history whose answers are worked out below
// by hand. The week is 2026-W13: Monday 23 March 00:00 (+02:00) to Monday 30 March 00:00
// (+03:00) in Kyiv, 167 hours, because the clocks go forward on Sunday 29 March at 03:00.
// Times are written as hours after the week's start S (2026-03-22T22:00Z); the week ends at
// S+167h. SLA targets are the defaults: CRITICAL triage 4 h / resolve 3 d, HIGH 24 h / 10 d,
// NORMAL 3 d / 21 d, LOW 5 d / 45 d.
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { isoWeekRange } from "~/domain/sla/iso-week";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Action, Actor } from "~/domain/requests/state-machine";
import type { Category, Region, Urgency } from "~/domain/taxonomy";
import { weeklySlaByCluster } from "~/domain/report/dashboard.server";
import { type WeeklyReport, buildWeeklyReport } from "~/domain/report/index.server";
import { requestWeekFacts } from "~/domain/report/week-facts";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";

const HOUR = 3600_000;
const W13 = { year: 2026, week: 13 };
const S = new Date("2026-03-22T22:00:00.000Z").getTime();
const h = (hours: number) => new Date(S + hours * HOUR);
const random = seededRandom(2026);

let coordinator: Actor;
let memberA: Actor;
let memberB: Actor;
let clusterA: string;
let clusterB: string;
const ids: Record<string, string> = {};

async function file(name: string, hours: number, urgency: Urgency, category: Category = "SUPPLIES", region: Region = "UA-30") {
  const created = await createRequest({ input: buildIntake(random, { urgency, category, region }), now: h(hours) });
  ids[name] = created.id;
  return created.id;
}

async function act(name: string, action: Action, actor: Actor, hours: number, input: { clusterId?: string; message?: string } = {}) {
  const needsMessage = ["requestInfo", "provideInfo", "decline", "reject", "resolve"].includes(action);
  await db.$transaction((tx) =>
    transitionRequestInTx(tx, {
      requestId: ids[name]!,
      action,
      actor,
      input: { message: needsMessage ? "Повідомлення" : undefined, ...input },
      now: h(hours),
    }),
  );
}

const ENTERPRISE: Actor = { type: "ENTERPRISE" };

beforeAll(async () => {
  const a = await createCluster({
    slug: "alpha",
    nameUk: "Альфа",
    nameEn: "Alpha",
    kind: "CLUSTER",
    homeRegion: "UA-30",
    capabilities: ["SUPPLIES"],
    regions: ["UA-30"],
  });
  const b = await createCluster({
    slug: "beta",
    nameUk: "Бета",
    nameEn: "Beta",
    kind: "CLUSTER",
    homeRegion: "UA-63",
    capabilities: ["SUPPLIES"],
    regions: ["UA-63"],
  });
  clusterA = a.id;
  clusterB = b.id;
  const c = await createUser({ email: "c@w13.example", name: "C", password: "pw-123456789", role: "COORDINATOR" });
  const ma = await createUser({ email: "ma@w13.example", name: "MA", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: clusterA });
  const mb = await createUser({ email: "mb@w13.example", name: "MB", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: clusterB });
  coordinator = { type: "USER", userId: c.id, role: "COORDINATOR", clusterId: null };
  memberA = { type: "USER", userId: ma.id, role: "CLUSTER_MEMBER", clusterId: clusterA };
  memberB = { type: "USER", userId: mb.id, role: "CLUSTER_MEMBER", clusterId: clusterB };

  // R1 CRITICAL, filed in the week; triaged 5 h later (target 4 h: late); resolved after 23 h
  // (target 72 h: in time). Ends RESOLVED with cluster A.
  await file("R1", 10, "CRITICAL");
  await act("R1", "triage", coordinator, 15);
  await act("R1", "assign", coordinator, 16, { clusterId: clusterA });
  await act("R1", "accept", memberA, 18);
  await act("R1", "resolve", memberA, 33);

  // R2 HIGH, filed at the very start of the week, then waits 40 h on the enterprise (NEEDS_INFO).
  // Triaged at S+50h: 50 h after filing, but only 10 h of SLA time, so within 24 h; without the
  // pause it would be 26 h late. Ends ASSIGNED to B.
  await file("R2", 0, "HIGH", "SUPPLIES", "UA-63");
  await act("R2", "requestInfo", coordinator, 2);
  await act("R2", "provideInfo", ENTERPRISE, 42);
  await act("R2", "triage", coordinator, 50);
  await act("R2", "assign", coordinator, 51, { clusterId: clusterB });

  // R3 NORMAL, filed two days before the week, never triaged: due S+24h, so not overdue at the
  // start but overdue at the end: newly overdue.
  await file("R3", -48, "NORMAL", "SUPPLIES", "UA-63");

  // R4 LOW, filed and handed to A before the week; A accepts during the week (105 h after filing).
  await file("R4", -100, "LOW", "ENERGY");
  await act("R4", "triage", coordinator, -90);
  await act("R4", "assign", coordinator, -80, { clusterId: clusterA });
  await act("R4", "accept", memberA, 5);

  // R5 CRITICAL, filed on Sunday 29 March at 01:00 (+02:00) = S+145h, triaged at 05:30 (+03:00)
  // = S+148.5h: the wall clock says 4.5 h (late), elapsed time is 3.5 h (in time).
  await file("R5", 145, "CRITICAL");
  await act("R5", "triage", coordinator, 148.5);

  // R6 NORMAL, filed and rejected during the week.
  await file("R6", 20, "NORMAL");
  await act("R6", "reject", coordinator, 22);

  // R7 HIGH, resolved by B long before; the enterprise confirms during the week: CLOSED.
  await file("R7", -200, "HIGH");
  await act("R7", "assign", coordinator, -199, { clusterId: clusterB });
  await act("R7", "accept", memberB, -190);
  await act("R7", "resolve", memberB, -150);
  await act("R7", "confirm", ENTERPRISE, 60);

  // R8 HIGH, with B before the week; B declines during the week and it goes to A.
  await file("R8", -30, "HIGH", "LOGISTICS");
  await act("R8", "triage", coordinator, -29);
  await act("R8", "assign", coordinator, -28, { clusterId: clusterB });
  await act("R8", "decline", memberB, 3);
  await act("R8", "assign", coordinator, 4, { clusterId: clusterA });

  // R9 CRITICAL, overdue since long before the week and still: overdue, but not newly.
  await file("R9", -200, "CRITICAL");

  // R10 is filed after the week: not in the report at all.
  await file("R10", 168, "NORMAL");

  // R11 NORMAL, filed in the week and triaged at exactly Monday 00:00: that is the next week.
  await file("R11", 100, "NORMAL");
  await act("R11", "triage", coordinator, 167);

  // R13 CRITICAL, handed to A straight from NEW before the week (that triages it too), resolved
  // during the week 80 h after filing: target 72 h, late.
  await file("R13", -70, "CRITICAL");
  await act("R13", "assign", coordinator, -69, { clusterId: clusterA });
  await act("R13", "accept", memberA, -60);
  await act("R13", "resolve", memberA, 10);

  // Later history must not leak into the week: R5 goes on to a cluster, R2 is accepted.
  await act("R5", "assign", coordinator, 170, { clusterId: clusterB });
  await act("R2", "accept", memberB, 180);
});

describe("2026-W13 for everyone", () => {
  let report: WeeklyReport;
  beforeAll(async () => {
    report = await buildWeeklyReport({ week: W13, scope: { kind: "all" }, now: h(200) });
  });

  it("covers Monday 00:00 to Monday 00:00 Kyiv time, 167 hours", () => {
    expect(report.week).toBe("2026-W13");
    expect(report.start).toEqual(h(0));
    expect(report.end).toEqual(h(167));
    expect(isoWeekRange(W13).end).toEqual(h(167));
    expect(report.complete).toBe(true);
  });

  it("counts the flow of the week", () => {
    expect(report.flow).toEqual({
      opened: 5, // R1, R2 (at S exactly), R5, R6, R11 — not R10
      triaged: 3, // R1, R2, R5 — R11's triage is at the next Monday 00:00
      assigned: 3, // R1 → A, R2 → B, R8 → A
      accepted: 2, // R1, R4
      resolved: 2, // R1, R13
      closed: 1, // R7
      rejected: 1, // R6
      duplicates: 0,
    });
  });

  it("gives the backlog at the week's end from the audit trail, not today's status", () => {
    const { backlog } = report;
    // Open at S+167h: R2 (ASSIGNED), R3 (NEW), R4 (IN_PROGRESS), R5 (TRIAGED), R8 (ASSIGNED),
    // R9 (NEW), R11 (NEW). R2 and R5 have moved on since; that does not count.
    expect(backlog.total).toBe(7);
    expect(backlog.byStatus).toMatchObject({ NEW: 3, TRIAGED: 1, NEEDS_INFO: 0, ASSIGNED: 2, IN_PROGRESS: 1, RESOLVED: 0, CLOSED: 0 });
    expect(backlog.byCluster).toEqual({ [clusterA]: 2, [clusterB]: 1, none: 4 }); // A: R4, R8; B: R2
    expect(backlog.byUrgency).toEqual({ CRITICAL: 2, HIGH: 2, NORMAL: 2, LOW: 1 });
    expect(backlog.byCategory).toMatchObject({ SUPPLIES: 5, ENERGY: 1, LOGISTICS: 1, RELOCATION: 0 });
    expect(backlog.byRegion).toEqual({ "UA-30": 5, "UA-63": 2 });
    // Ages at S+167h: R5 22 h; R11 67 h; R2 167 h; R8 197 h, R3 215 h, R4 267 h; R9 367 h.
    expect(backlog.byAge).toEqual({ lt1d: 1, "1to3d": 1, "3to7d": 1, "7to14d": 3, "14to30d": 1, "30dplus": 0 });
    expect(backlog.overdue).toBe(2); // R3, R9
  });

  it("measures speed from filing to the first event of each step (elapsed time)", () => {
    // to triage: R5 3.5 h, R1 5 h, R2 50 h. Median 5; 90th percentile at rank 0.9 × 2 = 1.8:
    // 5 + 0.8 × (50 − 5) = 41.
    expect(report.speed.toTriage.n).toBe(3);
    expect(report.speed.toTriage.medianHours).toBeCloseTo(5, 6);
    expect(report.speed.toTriage.p90Hours).toBeCloseTo(41, 6);
    // to assign: R1 6 h, R2 51 h (R8's first assignment was before the week). 28.5; 6 + 0.9 × 45.
    expect(report.speed.toAssign).toMatchObject({ n: 2 });
    expect(report.speed.toAssign.medianHours).toBeCloseTo(28.5, 6);
    expect(report.speed.toAssign.p90Hours).toBeCloseTo(46.5, 6);
    // to accept: R1 8 h, R4 105 h. 56.5; 8 + 0.9 × 97 = 95.3.
    expect(report.speed.toAccept.medianHours).toBeCloseTo(56.5, 6);
    expect(report.speed.toAccept.p90Hours).toBeCloseTo(95.3, 6);
    // to resolve: R1 23 h, R13 80 h. 51.5; 23 + 0.9 × 57 = 74.3.
    expect(report.speed.toResolve.medianHours).toBeCloseTo(51.5, 6);
    expect(report.speed.toResolve.p90Hours).toBeCloseTo(74.3, 6);
  });

  it("shares within SLA count the NEEDS_INFO pause and elapsed time across the clock change", () => {
    // Triaged this week: R1 late (5 h > 4 h), R2 in time (10 h of SLA time ≤ 24 h), R5 in time
    // (3.5 h ≤ 4 h).
    expect(report.sla.triage).toEqual({ n: 3, within: 2, share: 2 / 3 });
    // Resolved this week: R1 in time (23 h ≤ 72 h), R13 late (80 h > 72 h).
    expect(report.sla.resolve).toEqual({ n: 2, within: 1, share: 0.5 });
  });

  it("lists what changed during the week", () => {
    // State changes (filing aside): R1 4, R2 4, R4 1, R5 1, R6 1, R7 1, R8 2, R13 1 = 15.
    expect(report.changes).toEqual({ newRequests: 5, stateChanges: 15, newlyOverdue: 1, resolved: 2 });
  });

  it("breaks the week down per cluster", () => {
    const byKey = Object.fromEntries(report.clusters.map((c) => [c.slug ?? "none", c]));
    expect(report.clusters.map((c) => c.slug)).toEqual(["alpha", "beta", null]);
    expect(byKey.alpha).toMatchObject({
      backlog: 2, // R4, R8
      overdue: 0,
      newRequests: 1, // R1 ended the week with A
      assigned: 2, // R1, R8
      accepted: 2, // R1, R4
      resolved: 2, // R1, R13
      stateChanges: 6, // R1 assign, accept, resolve; R4 accept; R8 assign; R13 resolve
      newlyOverdue: 0,
      sla: { triage: { n: 1, within: 0, share: 0 }, resolve: { n: 2, within: 1, share: 0.5 } },
    });
    expect(byKey.beta).toMatchObject({
      backlog: 1, // R2
      newRequests: 1, // R2
      assigned: 1, // R2
      accepted: 0,
      resolved: 0,
      stateChanges: 3, // R2 assign, R7 confirm, R8 decline (counted for the cluster that declined)
      sla: { triage: { n: 1, within: 1, share: 1 }, resolve: { n: 0, within: 0, share: null } },
    });
    expect(byKey.none).toMatchObject({
      backlog: 4, // R3, R5, R9, R11
      overdue: 2, // R3, R9
      newRequests: 3, // R5, R6, R11
      stateChanges: 6, // R1 triage; R2 requestInfo, provideInfo, triage; R5 triage; R6 reject
      newlyOverdue: 1, // R3
      sla: { triage: { n: 1, within: 1, share: 1 }, resolve: { n: 0, within: 0, share: null } },
    });
  });
});

describe("one cluster's week", () => {
  it("covers the requests the cluster held at the end or acted on during the week", async () => {
    // A: R1, R4, R8 and R13 end the week with A.
    const a = await buildWeeklyReport({ week: W13, scope: { kind: "cluster", clusterId: clusterA }, now: h(200) });
    expect(a.flow).toMatchObject({ opened: 1, assigned: 2, accepted: 2, resolved: 2, closed: 0, rejected: 0 });
    expect(a.backlog.total).toBe(2);
    expect(a.sla.resolve).toEqual({ n: 2, within: 1, share: 0.5 });
    // B: R2 and R7 end the week with B; B declined R8 during the week, which now sits with A.
    const b = await buildWeeklyReport({ week: W13, scope: { kind: "cluster", clusterId: clusterB }, now: h(200) });
    expect(b.flow).toMatchObject({ opened: 1, triaged: 1, assigned: 2, closed: 1 });
    expect(b.backlog.total).toBe(2);
    expect(b.backlog.byCluster).toEqual({ [clusterA]: 1, [clusterB]: 1 });
  });
});

describe("the week before and the week after", () => {
  it("2026-W12 sees R3 not yet overdue and R7 not yet closed", async () => {
    const w12 = await buildWeeklyReport({ week: { year: 2026, week: 12 }, scope: { kind: "all" }, now: h(200) });
    // Filed before S: R3, R4, R7, R8, R9, R13. Open at S: R3 and R9 (NEW), R4 and R8 (ASSIGNED),
    // R13 (IN_PROGRESS); R7 was RESOLVED.
    expect(w12.backlog.total).toBe(5);
    expect(w12.backlog.overdue).toBe(1); // R9 only: R3 is due at S+24h, R13 at S+2h
    expect(w12.backlog.byStatus).toMatchObject({ NEW: 2, ASSIGNED: 2, IN_PROGRESS: 1, RESOLVED: 0 });
  });

  it("2026-W14 counts R11's triage at Monday 00:00 and is marked incomplete while it runs", async () => {
    const w14 = await buildWeeklyReport({ week: { year: 2026, week: 14 }, scope: { kind: "all" }, now: h(200) });
    expect(w14.flow.triaged).toBe(1); // R11 at S+167h exactly
    expect(w14.flow.opened).toBe(1); // R10
    expect(w14.complete).toBe(false);
    // The week so far: backlog and ages as of now (S+200h), not as of the coming Monday.
    expect(w14.asOf).toEqual(h(200));
    // Open at S+200h: R10 (32 h old), R5 (55 h), R11 (100 h), R2 (200 h), R8 (230 h), R3 (248 h),
    // R4 (300 h), R9 (400 h). At the coming Monday they would all be 135 h older.
    expect(w14.backlog.total).toBe(8);
    expect(w14.backlog.byAge).toEqual({ lt1d: 0, "1to3d": 2, "3to7d": 1, "7to14d": 4, "14to30d": 1, "30dplus": 0 });
  });
});

describe("a question asked after triage (2026-W20)", () => {
  // 2026-W20: Monday 11 May 00:00 Kyiv (+03:00) = 2026-05-10T21:00Z. RP CRITICAL: filed at +1 h,
  // triaged at +3 h (target 4 h: in time), handed to A and accepted; at +6 h the cluster asks the
  // enterprise, which answers at +106 h; resolved at +110 h: 109 h after filing, 9 h of SLA time
  // (target 72 h).
  const S20 = new Date("2026-05-10T21:00:00.000Z").getTime();
  const w = (hours: number) => new Date(S20 + hours * HOUR);
  const W20 = { year: 2026, week: 20 };

  beforeAll(async () => {
    const created = await createRequest({ input: buildIntake(random, { urgency: "CRITICAL", category: "SUPPLIES", region: "UA-30" }), now: w(1) });
    ids.RP = created.id;
    const step = (action: Action, actor: Actor, hours: number, input: { clusterId?: string; message?: string } = {}) =>
      db.$transaction((tx) => transitionRequestInTx(tx, { requestId: created.id, action, actor, input, now: w(hours) }));
    await step("triage", coordinator, 3);
    await step("assign", coordinator, 4, { clusterId: clusterA });
    await step("accept", memberA, 5);
    await step("requestInfo", memberA, 6, { message: "Яка товщина листа?" });
  });

  it("while the cluster waits, the request stays the cluster's, paused, not overdue", async () => {
    // Before the question (+5.5 h) and long after the resolution target would have passed (+80 h).
    const before = await buildWeeklyReport({ week: W20, scope: { kind: "cluster", clusterId: clusterA }, now: new Date(w(5).getTime() + HOUR / 2) });
    const waiting = await buildWeeklyReport({ week: W20, scope: { kind: "cluster", clusterId: clusterA }, now: w(80) });
    expect(waiting.backlog.byStatus.NEEDS_INFO).toBe(before.backlog.byStatus.NEEDS_INFO + 1);
    expect(waiting.backlog.byStatus.IN_PROGRESS).toBe(before.backlog.byStatus.IN_PROGRESS - 1);
    expect(waiting.backlog.byCluster).toEqual(before.backlog.byCluster);
    const events = await db.requestEvent.findMany({ where: { requestId: ids.RP!, toStatus: { not: null } }, orderBy: { createdAt: "asc" } });
    const facts = requestWeekFacts({ id: ids.RP!, createdAt: w(1), urgency: "CRITICAL" }, events, { start: w(0), end: w(80) });
    expect(facts).toMatchObject({ statusAtEnd: "NEEDS_INFO", clusterAtEnd: clusterA, overdueAtEnd: false, pausedMsAtEnd: 74 * HOUR });
    expect(await db.request.findUniqueOrThrow({ where: { id: ids.RP! } })).toMatchObject({ nextDueAt: null, assignedClusterId: clusterA });
  });

  it("the pause after triage counts for the resolution only: triaged and resolved in time, the triage due time unmoved", async () => {
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, { requestId: ids.RP!, action: "provideInfo", actor: ENTERPRISE, input: { message: "3 мм." }, now: w(106) }),
    );
    expect((await db.request.findUniqueOrThrow({ where: { id: ids.RP! } })).status).toBe("IN_PROGRESS");
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, { requestId: ids.RP!, action: "resolve", actor: memberA, input: { message: "Поставлено." }, now: w(110) }),
    );
    const report = await buildWeeklyReport({ week: W20, scope: { kind: "all" }, now: w(200) });
    const alpha = report.clusters.find((c) => c.clusterId === clusterA)!;
    expect(alpha.sla).toEqual({ triage: { n: 1, within: 1, share: 1 }, resolve: { n: 1, within: 1, share: 1 } });
    expect(report.sla.resolve).toEqual({ n: 1, within: 1, share: 1 });
    const quick = await weeklySlaByCluster({ week: W20, now: w(200) });
    expect(quick.find((c) => c.clusterId === clusterA)!.sla).toEqual(alpha.sla);

    // The row of the file: the triage due time as it stood when triaged (filed + 4 h), the
    // resolution's pushed out by the 100 hours waited.
    const stored = await db.request.findUniqueOrThrow({ where: { id: ids.RP! } });
    expect(stored.triageDueAt).toEqual(w(5));
    expect(stored.resolveDueAt).toEqual(w(1 + 72 + 100));
    const events = await db.requestEvent.findMany({ where: { requestId: ids.RP!, toStatus: { not: null } }, orderBy: { createdAt: "asc" } });
    const facts = requestWeekFacts({ id: ids.RP!, createdAt: w(1), urgency: "CRITICAL" }, events, { start: w(0), end: w(167) });
    expect(facts).toMatchObject({ triagedInTime: true, resolvedInTime: true, triageDueAt: w(5), resolveDueAt: w(173), pausedMsAtEnd: 100 * HOUR });
  });
});
