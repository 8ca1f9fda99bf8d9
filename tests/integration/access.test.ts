// One rule for what a person may see (app/domain/auth/access.ts), applied three ways: as a
// Prisma `where`, as SQL, and to a request already read. They must agree, or a member would see
// a request in one place (a list) and be refused it in another (its page), or the reverse.
// And the one list of clusters: its order and who sees which clusters named.
import { beforeAll, describe, expect, it } from "vitest";
import { type Viewer, inScope, requestScope, scopeSql, scopeWhere, visibleTo } from "~/domain/auth/access";
import { listClusterChoices } from "~/domain/clusters/cluster-list.server";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { db, enginePlaceholders } from "~/data/db.server";
import { loader as reportsLoader } from "~/routes/reports";
import { loader as queueLoader } from "~/routes/queue";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(2026);
const clusters: Record<string, string> = {};
const viewers: Viewer[] = [];
let memberOfEvroId = "";
let coordinatorId = "";

const seed = (slug: string, nameUk: string, nameEn: string) => ({
  slug,
  nameUk,
  nameEn,
  kind: "CLUSTER" as const,
  homeRegion: "UA-30" as const,
  capabilities: ["OTHER" as const],
  regions: ["UA-30" as const],
});

beforeAll(async () => {
  // Slugs, Ukrainian names and English names in three different orders. By code point, Є (U+0404)
  // and І (U+0406) come before А (U+0410); in the Ukrainian alphabet they come after Д and И.
  for (const [slug, uk, en] of [
    ["a-cluster", "Євроштамп", "Eurostamp"],
    ["b-cluster", "Агротех", "Zaporizhzhia Agrotech"],
    ["c-cluster", "Іскра", "Beacon"],
    ["d-cluster", "Дніпромаш", "Dnipromash"],
  ] as const) {
    clusters[slug] = (await createCluster(seed(slug, uk, en))).id;
  }
  await db.cluster.update({ where: { slug: "d-cluster" }, data: { active: false } });
  const coordinator = await createUser({ email: "coord@access.example", name: "C", password: "pw-123456789", role: "COORDINATOR" });
  coordinatorId = coordinator.id;
  const member = await createUser({
    email: "evro@access.example",
    name: "M",
    password: "pw-123456789",
    role: "CLUSTER_MEMBER",
    clusterId: clusters["a-cluster"],
  });
  memberOfEvroId = member.id;
  const admin = await createUser({ email: "admin@access.example", name: "A", password: "pw-123456789", role: "ADMIN" });
  viewers.push(
    { id: coordinator.id, role: "COORDINATOR", clusterId: null },
    { id: admin.id, role: "ADMIN", clusterId: null },
    { id: member.id, role: "CLUSTER_MEMBER", clusterId: clusters["a-cluster"]! },
    { id: "m-b", role: "CLUSTER_MEMBER", clusterId: clusters["b-cluster"]! },
    { id: "m-none", role: "CLUSTER_MEMBER", clusterId: null },
  );
  // Requests unassigned and assigned to each cluster, in a random mix.
  for (let i = 0; i < 24; i++) {
    const filed = await createRequest({ input: buildIntake(random) });
    const slug = ["a-cluster", "b-cluster", "c-cluster", null][Math.floor(random() * 4)];
    if (!slug) continue;
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, {
        requestId: filed.id,
        action: "assign",
        actor: { type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null },
        input: { clusterId: clusters[slug] },
      }),
    );
  }
  // Requests of several lines: each line to its own cluster, or to none yet.
  const coordinatorActor = { type: "USER" as const, userId: coordinator.id, role: "COORDINATOR" as const, clusterId: null };
  for (let i = 0; i < 6; i++) {
    const filed = await createRequest({ input: buildIntake(random) });
    for (const category of ["LOGISTICS", "EQUIPMENT"] as const) {
      await db.$transaction((tx) =>
        transitionRequestInTx(tx, {
          requestId: filed.id,
          action: "splitLine",
          actor: coordinatorActor,
          input: { newLine: { category, summary: "Окрема потреба" } },
        }),
      );
    }
    const lines = await db.requestLine.findMany({ where: { requestId: filed.id }, orderBy: { position: "asc" } });
    for (const line of lines) {
      const slug = ["a-cluster", "b-cluster", "c-cluster", null][Math.floor(random() * 4)];
      if (!slug) continue;
      await db.$transaction((tx) =>
        transitionRequestInTx(tx, { requestId: filed.id, action: "assign", actor: coordinatorActor, lineId: line.id, input: { clusterId: clusters[slug] } }),
      );
    }
  }
});

describe("what a person may see: one rule, three forms", () => {
  it("finds the same requests as a Prisma where, as SQL and when checked one by one", async () => {
    const all = await db.request.findMany({ select: { id: true, lines: { select: { clusterId: true, status: true } } } });
    expect(all.length).toBeGreaterThan(20);
    // Some requests' lines are held by two clusters or more.
    expect(all.filter((r) => new Set(r.lines.map((line) => line.clusterId).filter(Boolean)).size > 1).length).toBeGreaterThan(0);
    for (const viewer of viewers) {
      const scope = requestScope(viewer);
      const byWhere = (await db.request.findMany({ where: scopeWhere(scope), select: { id: true } })).map((r) => r.id).sort();
      const sql = scopeSql(scope);
      const text = `SELECT r."id" FROM "Request" r${sql ? ` WHERE ${sql.sql((name) => `r."${name}"`)}` : ""}`;
      const bySql = (await db.$queryRawUnsafe<Array<{ id: string }>>(enginePlaceholders(text), ...(sql?.params ?? []))).map((r) => r.id).sort();
      const oneByOne = all
        .filter((r) => inScope(scope, r))
        .map((r) => r.id)
        .sort();
      expect(bySql).toEqual(byWhere);
      expect(oneByOne).toEqual(byWhere);
      expect(await db.request.count({ where: visibleTo(viewer) })).toBe(byWhere.length);
    }
  });

  it("lets staff see every request, a member those one of whose lines is their cluster's, a member without a cluster nothing", async () => {
    const all = await db.request.count();
    const [coordinator, admin, memberA, , memberNone] = viewers;
    expect(await db.request.count({ where: visibleTo(coordinator!) })).toBe(all);
    expect(await db.request.count({ where: visibleTo(admin!) })).toBe(all);
    const own = await db.request.findMany({ where: visibleTo(memberA!), select: { assignedClusterId: true, lines: { select: { clusterId: true } } } });
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.lines.some((line) => line.clusterId === clusters["a-cluster"]))).toBe(true);
    // A request of several lines reaches the member of each line's cluster, not of one alone.
    expect(own.some((r) => r.lines.length > 1 && r.assignedClusterId === null)).toBe(true);
    const withA = await db.request.count({ where: { lines: { some: { clusterId: clusters["a-cluster"] } } } });
    expect(own.length).toBe(withA);
    expect(await db.request.count({ where: visibleTo(memberNone!) })).toBe(0);
  });
});

describe("the one list of clusters", () => {
  it("sorts by name as the page's language does: Ukrainian letters in alphabet order, English by English name", async () => {
    const uk = await listClusterChoices({ locale: "uk", which: "all" });
    expect(uk.map((c) => c.nameUk)).toEqual(["Агротех", "Дніпромаш", "Євроштамп", "Іскра"]);
    const en = await listClusterChoices({ locale: "en", which: "all" });
    expect(en.map((c) => c.nameEn)).toEqual(["Beacon", "Dnipromash", "Eurostamp", "Zaporizhzhia Agrotech"]);
  });

  it("offers only active clusters for new work, but keeps one a member is still in", async () => {
    expect((await listClusterChoices({ locale: "uk" })).map((c) => c.slug)).not.toContain("d-cluster");
    expect((await listClusterChoices({ locale: "uk", alsoSlug: "d-cluster" })).map((c) => c.slug)).toContain("d-cluster");
  });

  it("shows the queue's cluster filter in that order, and a member's report page only their own cluster", async () => {
    const queue = await call(queueLoader, new Request("http://localhost/queue", { headers: { Cookie: await cookieFor(coordinatorId) } }));
    expect(queue.status).toBe(200);
    expect(queue.data.clusters.map((c: { nameUk: string }) => c.nameUk)).toEqual(["Агротех", "Євроштамп", "Іскра"]);
    const staffReports = await call(reportsLoader, new Request("http://localhost/reports", { headers: { Cookie: await cookieFor(coordinatorId) } }));
    // A past week's report may be of a cluster since made inactive.
    expect(staffReports.data.clusters.map((c: { slug: string }) => c.slug)).toContain("d-cluster");
    const memberReports = await call(reportsLoader, new Request("http://localhost/reports", { headers: { Cookie: await cookieFor(memberOfEvroId) } }));
    expect(memberReports.data.clusters.map((c: { slug: string }) => c.slug)).toEqual(["a-cluster"]);
  });
});
