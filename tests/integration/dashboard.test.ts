// The dashboard's figures for a hand-built week: what a coordinator reads off the charts. Then,
// on random histories, that its quicker reads (the backlog from the requests' own columns, last
// week's SLA from the week's changed requests only) give exactly the weekly report's figures.
import { beforeAll, describe, expect, it } from "vitest";
import { buildDashboard, currentBacklog, weeklySlaByCluster } from "~/domain/report/dashboard.server";
import { createRequest } from "~/domain/requests/intake.server";
import { isoWeekOf, lastCompleteIsoWeek, shiftIsoWeek } from "~/domain/sla/iso-week";
import { correctedRequest } from "~/domain/requests/request-corrections";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { type Action, type Actor, availableActions } from "~/domain/requests/state-machine";
import { LINE_ACTIONS, availableLinedActions, linedRequest } from "~/domain/requests/lines";
import { TransitionError } from "~/domain/errors";
import { CATEGORIES, URGENCIES } from "~/domain/taxonomy";
import { buildWeeklyReport } from "~/domain/report/index.server";
import { NO_SECTOR } from "~/domain/report/tally";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";

const random = seededRandom(404);
// Thursday of ISO week 2026-W48 (23–29 November 2026, Kyiv time).
const NOW = new Date("2026-11-26T10:00:00Z");
const DAY = 86_400_000;

beforeAll(async () => {
  const cluster = await createCluster({
    slug: "d",
    nameUk: "Д",
    nameEn: "D",
    kind: "CLUSTER",
    homeRegion: "UA-63",
    capabilities: ["ENERGY"],
    regions: ["UA-63"],
  });
  const c = await createUser({ email: "c@d.example", name: "C", password: "pw-123456789", role: "COORDINATOR" });
  const m = await createUser({ email: "m@d.example", name: "M", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
  const coordinator: Actor = { type: "USER", userId: c.id, role: "COORDINATOR", clusterId: null };
  const member: Actor = { type: "USER", userId: m.id, role: "CLUSTER_MEMBER", clusterId: cluster.id };
  const step = (requestId: string, action: "assign" | "accept" | "resolve", actor: Actor, now: Date, input = {}) =>
    db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, now, input }));

  // This week: two ENERGY requests in Kharkiv (one handed to the cluster), one SUPPLIES in Lviv.
  const a = await createRequest({ input: buildIntake(random, { category: "ENERGY", region: "UA-63" }), now: new Date(NOW.getTime() - 2 * DAY) });
  await createRequest({ input: buildIntake(random, { category: "ENERGY", region: "UA-63" }), now: new Date(NOW.getTime() - DAY) });
  await createRequest({ input: buildIntake(random, { category: "SUPPLIES", region: "UA-46" }), now: new Date(NOW.getTime() - 3600_000) });
  await step(a.id, "assign", coordinator, new Date(NOW.getTime() - DAY), { clusterId: cluster.id });
  // Two weeks ago (W46): one filed and resolved the same week.
  const old = await createRequest({ input: buildIntake(random, { category: "ENERGY", region: "UA-63" }), now: new Date("2026-11-10T09:00:00Z") });
  await step(old.id, "assign", coordinator, new Date("2026-11-10T10:00:00Z"), { clusterId: cluster.id });
  await step(old.id, "accept", member, new Date("2026-11-10T11:00:00Z"));
  await step(old.id, "resolve", member, new Date("2026-11-12T11:00:00Z"), { message: "Готово" });
});

describe("dashboard", () => {
  it("counts twelve weeks of opened and resolved, and the open backlog by category, region, cluster and age", async () => {
    const dashboard = await buildDashboard({ now: NOW });
    expect(dashboard.flow).toHaveLength(12);
    expect(dashboard.flow.at(-1)).toEqual({ week: "2026-W48", opened: 3, resolved: 0 });
    expect(dashboard.flow.find((w) => w.week === "2026-W46")).toEqual({ week: "2026-W46", opened: 1, resolved: 1 });
    expect(dashboard.flow.find((w) => w.week === "2026-W47")).toEqual({ week: "2026-W47", opened: 0, resolved: 0 });
    expect(dashboard.flow[0]!.week).toBe("2026-W37");

    // Open now: the three of this week (the resolved one is not open).
    expect(dashboard.backlog.total).toBe(3);
    expect(dashboard.backlog.byCategory.ENERGY).toBe(2);
    expect(dashboard.backlog.byCategory.SUPPLIES).toBe(1);
    expect(dashboard.backlog.byRegion).toEqual({ "UA-63": 2, "UA-46": 1 });
    const byCluster = Object.values(dashboard.backlog.byCluster).sort();
    expect(byCluster).toEqual([1, 2]);
    expect(dashboard.backlog.byAge.lt1d).toBe(1);
    expect(dashboard.backlog.byAge["1to3d"]).toBe(2);
  });
});

describe("the dashboard's quicker reads give the weekly report's figures", () => {
  // 70 requests filed over the four weeks before NOW, each taken through up to ten random steps
  // the state machine allows, by whoever may take them (coordinators, the assigned cluster's
  // members, the enterprise, the timed rules), a few hours to two days apart, never after NOW.
  const history = seededRandom(4848);
  const pick = <T>(items: readonly T[]) => items[Math.floor(history() * items.length)]!;

  beforeAll(async () => {
    const clusters = await Promise.all(
      ["p", "q", "r"].map((slug) =>
        createCluster({ slug, nameUk: slug, nameEn: slug, kind: "CLUSTER", homeRegion: "UA-30", capabilities: ["SUPPLIES"], regions: ["UA-30"] }),
      ),
    );
    const coordinatorUser = await createUser({ email: "walk@d.example", name: "W", password: "pw-123456789", role: "COORDINATOR" });
    const coordinator: Actor = { type: "USER", userId: coordinatorUser.id, role: "COORDINATOR", clusterId: null };
    const members: Actor[] = [];
    for (const cluster of clusters) {
      const user = await createUser({
        email: `walk-${cluster.slug}@d.example`,
        name: cluster.slug,
        password: "pw-123456789",
        role: "CLUSTER_MEMBER",
        clusterId: cluster.id,
      });
      members.push({ type: "USER", userId: user.id, role: "CLUSTER_MEMBER", clusterId: cluster.id });
    }
    const actors: Actor[] = [coordinator, ...members, { type: "ENTERPRISE" }, { type: "SYSTEM" }];
    const ids: string[] = [];
    for (let i = 0; i < 70; i++) {
      let at = NOW.getTime() - history() * 28 * DAY;
      const input = buildIntake(history, { urgency: pick(URGENCIES), category: pick(CATEGORIES) });
      // Every seventh as filed before the intake asked for the industry.
      if (i % 7 === 0) Object.assign(input, { sector: undefined, naceClass: undefined });
      // Every fifth is a relocation of two or three needs, filed on the one form.
      if (i % 5 === 1)
        Object.assign(input, {
          need2Category: "LOGISTICS",
          need2Summary: "Перевезення",
          ...(i % 10 === 1 ? { need3Category: "EQUIPMENT", need3Summary: "Монтаж" } : {}),
        });
      const filed = await createRequest({ input, now: new Date(at) });
      ids.push(filed.id);
      for (let step = 0; step < 12; step++) {
        at += (2 + history() * 46) * 3600_000;
        if (at >= NOW.getTime()) break;
        const state = await db.request.findUniqueOrThrow({
          where: { id: filed.id },
          select: { status: true, triagedAt: true, assignedClusterId: true, ownerId: true, infoAskedFrom: true, lines: { orderBy: { position: "asc" } } },
        });
        // Taking a filing's enterprise details into the registry and passing ownership touch no
        // figure of the report; corrections come after the walk (below), so they do not hold the
        // walk back. Lines are split off and joined (decision 055), and each line's cluster
        // actions taken on their line.
        const choices = actors.flatMap((actor) => {
          const available = availableLinedActions(actor, linedRequest(state, state.lines));
          return [
            ...available.request
              .filter((action) => !LINE_ACTIONS.includes(action) && !["adoptEnterpriseDetails", "edit", "take", "handOver"].includes(action))
              .map((action) => ({ actor, action, line: -1 })),
            ...available.lines.flatMap((actions, line) => actions.map((action) => ({ actor, action, line }))),
          ];
        });
        if (choices.length === 0) break;
        // Often a line still waiting for a cluster gets one, so that requests are held by several
        // clusters at once.
        const waiting = choices.filter((choice) => choice.action === "assign" && choice.line >= 0 && state.lines[choice.line]!.status === "OPEN");
        // Now and then a join.
        const joins = choices.filter((choice) => choice.action === "joinLines");
        const roll = history();
        const chosen = waiting.length && roll < 0.4 ? pick(waiting) : joins.length && roll < 0.55 ? pick(joins) : pick(choices);
        const { actor, action, line } = chosen as { actor: Actor; action: Action; line: number };
        const acted = line >= 0 ? state.lines[line]! : null;
        const others = clusters.filter((c) => c.id !== (acted ? acted.clusterId : state.assignedClusterId));
        // A merge goes into a request that is not itself merged.
        const original = await db.request.findFirst({
          where: { id: { in: ids.filter((id) => id !== filed.id) }, status: { not: "DUPLICATE" } },
          select: { id: true },
        });
        const duplicateOf = original?.id;
        if (action === "markDuplicate" && !duplicateOf) continue;
        // A join takes a line waiting for a cluster, mostly into one the machine allows.
        const joined = pick(state.lines.filter((each) => each.status === "OPEN").concat(state.lines[0]!));
        const into = pick(state.lines.filter((each) => each.id !== joined.id && each.status !== "CANCELLED").concat(state.lines[0]!));
        try {
          await db.$transaction((tx) =>
            transitionRequestInTx(tx, {
              requestId: filed.id,
              action,
              actor,
              now: new Date(at),
              lineId: acted?.id ?? (action === "joinLines" ? joined.id : undefined),
              intoLineId: action === "joinLines" ? into.id : undefined,
              input: {
                message: "Крок",
                clusterId: pick(others).id,
                duplicateOfId: duplicateOf,
                triage: { category: pick(CATEGORIES), urgency: pick(URGENCIES), ownerId: null },
                newLine: { category: pick(CATEGORIES), summary: "Ще одна потреба" },
              },
            }),
          );
        } catch (error) {
          // A join the line machine refuses (an assigned line, or into a resolved one) writes nothing.
          if (!(error instanceof TransitionError && action === "joinLines")) throw error;
        }
      }
    }
    // Then staff correct every third request still open, an hour before NOW: another category,
    // urgency and region, and due times moved with the urgency.
    const corrections = seededRandom(4949);
    for (const id of ids.filter((_, i) => i % 3 === 0)) {
      const state = await db.request.findUniqueOrThrow({
        where: { id },
        select: { status: true, triagedAt: true, assignedClusterId: true, infoAskedFrom: true },
      });
      if (!availableActions(coordinator, state).includes("edit")) continue;
      const intake = buildIntake(corrections, { urgency: URGENCIES[Math.floor(corrections() * 4)], category: CATEGORIES[Math.floor(corrections() * 10)] });
      await db.$transaction((tx) =>
        transitionRequestInTx(tx, {
          requestId: id,
          action: "edit",
          actor: coordinator,
          now: new Date(NOW.getTime() - 3600_000),
          input: { correction: correctedRequest({ ...intake, intent: "edit", version: 0 }) },
        }),
      );
    }
  }, 60_000);

  it("the backlog now, counted from the requests' own columns, is the report's backlog replayed from their changes", async () => {
    const report = await buildWeeklyReport({ week: isoWeekOf(NOW), scope: { kind: "all" }, now: NOW });
    // The walk leaves requests in every open status, with and without a cluster, some overdue.
    for (const status of ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"] as const) expect(report.backlog.byStatus[status]).toBeGreaterThan(0);
    expect(Object.keys(report.backlog.byCluster).length).toBeGreaterThan(2);
    expect(report.backlog.overdue).toBeGreaterThan(0);
    // Industries too, those of requests filed before the intake asked included (decision 054).
    expect(Object.keys(report.backlog.bySector).length).toBeGreaterThan(2);
    expect(report.backlog.bySector[NO_SECTOR]).toBeGreaterThan(0);
    expect(await currentBacklog(NOW)).toEqual(report.backlog);
    // By cluster, lines are counted (decision 055): open requests of several lines, some held by
    // two clusters at once, make it add up to more than the requests; it is the lines' own count.
    const openLines = await db.requestLine.findMany({
      where: { status: { in: ["OPEN", "ASSIGNED", "IN_PROGRESS"] }, request: { status: { in: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"] } } },
      select: { requestId: true, clusterId: true },
    });
    const counted: Record<string, number> = {};
    for (const line of openLines) counted[line.clusterId ?? "none"] = (counted[line.clusterId ?? "none"] ?? 0) + 1;
    expect(report.backlog.byCluster).toEqual(counted);
    const holders = new Map<string, Set<string>>();
    for (const line of openLines) if (line.clusterId) holders.set(line.requestId, (holders.get(line.requestId) ?? new Set()).add(line.clusterId));
    expect([...holders.values()].filter((held) => held.size > 1).length).toBeGreaterThan(0);
    expect(await db.requestLine.count({ where: { status: "CANCELLED", request: { status: { in: ["TRIAGED", "ASSIGNED", "IN_PROGRESS"] } } } })).toBeGreaterThan(
      0,
    );
    expect(Object.values(report.backlog.byCluster).reduce((a, b) => a + b, 0)).toBeGreaterThan(report.backlog.total);
  });

  it("last week's SLA per cluster, from the week's triaged and resolved requests only, is the full report's", async () => {
    for (const week of [lastCompleteIsoWeek(NOW), shiftIsoWeek(lastCompleteIsoWeek(NOW), -1), shiftIsoWeek(lastCompleteIsoWeek(NOW), -2)]) {
      const full = await buildWeeklyReport({ week, scope: { kind: "all" }, now: NOW });
      const quick = await weeklySlaByCluster({ week, now: NOW });
      expect(full.sla.triage.n + full.sla.resolve.n).toBeGreaterThan(0);
      expect(quick).toEqual(full.clusters.map(({ clusterId, slug, nameUk, nameEn, sla }) => ({ clusterId, slug, nameUk, nameEn, sla })));
    }
  });
});
