// The dashboard keeps the finished weeks' figures between loads (dashboard-history.server.ts).
// After each kind of change that alters them — a new urgency for a request last week's SLA
// counted, a request filed in an earlier week, a status change dated in one — the next load
// must give the figures worked out afresh; and the open requests counted by the triggers
// (BacklogCount) must equal a count of the requests themselves.
import { beforeAll, describe, expect, it } from "vitest";
import { buildDashboard, weeklySlaByCluster } from "~/domain/report/dashboard.server";
import { weekFlow } from "~/domain/report/dashboard-history.server";
import { createRequest } from "~/domain/requests/intake.server";
import { correctedRequest } from "~/domain/requests/request-corrections";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Actor } from "~/domain/requests/state-machine";
import { isoWeekOf, lastCompleteIsoWeek, shiftIsoWeek } from "~/domain/sla/iso-week";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";

const random = seededRandom(4343);
// Thursday of 2026-W48; last week is W47 (16–22 November 2026, Kyiv time).
const NOW = new Date("2026-11-26T10:00:00Z");
const HOUR = 3_600_000;
const LAST_WEEK_TUESDAY = new Date("2026-11-17T09:00:00Z");

let coordinator: Actor;
let clusterId: string;
let lateIfCritical: string;

const step = (requestId: string, action: "triage" | "assign" | "resolve" | "accept", actor: Actor, now: Date, input = {}) =>
  db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, now, input }));

/** The dashboard's figures of finished weeks worked out afresh, without what it keeps. */
async function fresh() {
  const current = isoWeekOf(NOW);
  return {
    flow: await Promise.all(Array.from({ length: 12 }, (_, i) => weekFlow(shiftIsoWeek(current, i - 11)))),
    slaLastWeek: await weeklySlaByCluster({ week: lastCompleteIsoWeek(NOW), now: NOW }),
  };
}

async function expectFresh() {
  const dashboard = await buildDashboard({ now: NOW });
  const expected = await fresh();
  expect(dashboard.flow).toEqual(expected.flow);
  expect(dashboard.slaLastWeek).toEqual(expected.slaLastWeek);
  return dashboard;
}

beforeAll(async () => {
  const cluster = await createCluster({
    slug: "h",
    nameUk: "Х",
    nameEn: "H",
    kind: "CLUSTER",
    homeRegion: "UA-46",
    capabilities: ["SUPPLIES"],
    regions: ["UA-46"],
  });
  clusterId = cluster.id;
  const user = await createUser({ email: "h@d.example", name: "H", password: "pw-123456789", role: "COORDINATOR" });
  coordinator = { type: "USER", userId: user.id, role: "COORDINATOR", clusterId: null };
  // Last week: a NORMAL request triaged 10 hours after filing (in time; late had it been
  // CRITICAL), and one handed to the cluster straight away.
  const late = await createRequest({ input: buildIntake(random, { category: "SUPPLIES", region: "UA-46", urgency: "NORMAL" }), now: LAST_WEEK_TUESDAY });
  lateIfCritical = late.id;
  await step(late.id, "triage", coordinator, new Date(LAST_WEEK_TUESDAY.getTime() + 10 * HOUR), {
    triage: { category: "SUPPLIES", urgency: "NORMAL", ownerId: null },
  });
  const handed = await createRequest({ input: buildIntake(random, { category: "SUPPLIES", region: "UA-46" }), now: LAST_WEEK_TUESDAY });
  await step(handed.id, "assign", coordinator, new Date(LAST_WEEK_TUESDAY.getTime() + HOUR), { clusterId });
  // This week: one more, still new.
  await createRequest({ input: buildIntake(random, { category: "ENERGY", region: "UA-63" }), now: new Date(NOW.getTime() - HOUR) });
});

describe("the dashboard's finished weeks", () => {
  it("are the fresh figures after each change that alters them", async () => {
    const first = await expectFresh();
    expect(first.slaLastWeek.find((c) => c.clusterId === null)?.sla.triage).toEqual({ n: 1, within: 1, share: 1 });

    // A correction makes the request triaged last week CRITICAL: its triage came too late.
    const state = await db.request.findUniqueOrThrow({ where: { id: lateIfCritical }, select: { version: true } });
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, {
        requestId: lateIfCritical,
        action: "edit",
        actor: coordinator,
        now: NOW,
        input: {
          correction: correctedRequest({
            ...buildIntake(random, { category: "SUPPLIES", region: "UA-46", urgency: "CRITICAL" }),
            intent: "edit",
            version: state.version,
          }),
        },
      }),
    );
    const corrected = await expectFresh();
    expect(corrected.slaLastWeek.find((c) => c.clusterId === null)?.sla.triage).toEqual({ n: 1, within: 0, share: 0 });

    // A request filed (as the tests and the scheduler may) with a time in an earlier week.
    const filedBefore = await createRequest({ input: buildIntake(random, { category: "SUPPLIES", region: "UA-46" }), now: LAST_WEEK_TUESDAY });
    const filed = await expectFresh();
    expect(filed.flow.find((w) => w.week === "2026-W47")!.opened).toBe(corrected.flow.find((w) => w.week === "2026-W47")!.opened + 1);

    // A status change dated last week: one more request triaged in it.
    await step(filedBefore.id, "triage", coordinator, new Date(LAST_WEEK_TUESDAY.getTime() + 2 * HOUR), {
      triage: { category: "SUPPLIES", urgency: "LOW", ownerId: null },
    });
    const triaged = await expectFresh();
    expect(triaged.slaLastWeek.find((c) => c.clusterId === null)?.sla.triage.n).toBe(2);

    // Work this week changes nothing finished, and the load still gives the fresh figures.
    await step(filedBefore.id, "assign", coordinator, NOW, { clusterId });
    expect((await expectFresh()).slaLastWeek).toEqual(triaged.slaLastWeek);
  });

  it("count the open requests as the requests themselves do (BacklogCount, kept by triggers)", async () => {
    const kept = await db.backlogCount.findMany({ where: { count: { gt: 0 } }, orderBy: [{ dimension: "asc" }, { value: "asc" }] });
    const open = await db.request.findMany({
      where: { status: { in: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"] } },
      select: { status: true, category: true, urgency: true, region: true, assignedClusterId: true, sector: true },
    });
    const counted = new Map<string, number>();
    for (const r of open) {
      for (const [dimension, value] of [
        ["status", r.status],
        ["category", r.category],
        ["urgency", r.urgency],
        ["region", r.region],
        ["cluster", r.assignedClusterId ?? ""],
        ["sector", r.sector ?? ""],
      ]) {
        counted.set(`${dimension}:${value}`, (counted.get(`${dimension}:${value}`) ?? 0) + 1);
      }
    }
    expect(open.length).toBeGreaterThan(2);
    expect(Object.fromEntries(kept.map((row) => [`${row.dimension}:${row.value}`, row.count]))).toEqual(Object.fromEntries(counted));
  });
});
