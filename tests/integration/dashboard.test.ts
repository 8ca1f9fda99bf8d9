// The dashboard's figures for a hand-built week: what a coordinator reads off the charts.
import { beforeAll, describe, expect, it } from "vitest";
import { buildDashboard } from "~/domain/dashboard.server";
import { createRequest } from "~/domain/intake.server";
import { transitionRequestInTx } from "~/domain/request-transition.server";
import type { Actor } from "~/domain/state-machine";
import { db } from "~/utils/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";

const random = seededRandom(404);
// Thursday of ISO week 2026-W48 (23–29 November 2026, Kyiv time).
const NOW = new Date("2026-11-26T10:00:00Z");
const DAY = 86_400_000;

beforeAll(async () => {
  const cluster = await createCluster({ slug: "d", nameUk: "Д", nameEn: "D", kind: "CLUSTER", homeRegion: "UA-63", capabilities: ["ENERGY"], regions: ["UA-63"] });
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
