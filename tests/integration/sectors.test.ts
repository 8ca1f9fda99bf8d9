// Industries (NACE Rev. 2 / КВЕД-2010) from end to end through the real actions and loaders: the
// enterprise gives its section and class at intake, staff correct them, an admin says which a
// cluster serves, the recommendation, the queue and the weekly report use them.
import { beforeAll, describe, expect, it } from "vitest";
import { recommendClusters } from "~/domain/matching/cluster-matching.server";
import { buildWeeklyReport } from "~/domain/report/index.server";
import { NO_SECTOR } from "~/domain/report/tally";
import { OPEN_STATUSES } from "~/domain/requests/state-machine";
import { isoWeekOf } from "~/domain/sla/iso-week";
import * as clusterPage from "~/routes/admin.clusters.$slug";
import * as clustersPage from "~/routes/admin.clusters._index";
import { loader as queueLoader } from "~/routes/queue";
import { action as requestAction, loader as requestLoader } from "~/routes/requests.$reference/route";
import { action as intakeAction } from "~/routes/requests.new";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createRequestInStatus, createUser, intakeFormFields, seededRandom } from "../factories";
import { call, correctionForm, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(1362);
let addressCounter = 0;
let admin: { id: string };
let coordinator: { id: string };
let adminCookie: string;
let coordinatorCookie: string;

beforeAll(async () => {
  admin = await createUser({ email: "admin@sectors.example", name: "Адмін", password: "pw-sectors-123456", role: "ADMIN" });
  coordinator = await createUser({ email: "coordinator@sectors.example", name: "Координатор", password: "pw-sectors-123456", role: "COORDINATOR" });
  adminCookie = await cookieFor(admin.id);
  coordinatorCookie = await cookieFor(coordinator.id);
});

function file(fields: Record<string, string | string[]>) {
  return call(intakeAction, formRequest("/requests/new", fields), {}, { clientAddress: `198.51.100.${++addressCounter}` });
}

const staff = (path: string, cookie: string, fields?: Record<string, string | string[]>) =>
  fields ? formRequest(path, fields, { headers: { Cookie: cookie } }) : new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });

describe("the intake asks for the enterprise's industry", () => {
  it("stores the section and the class code in one form, however the code was typed", async () => {
    const input = buildIntake(random, { sector: undefined, naceClass: undefined });
    const answer = await file({ ...intakeFormFields(input), sector: "C", naceClass: " 31,01 " });
    expect(answer.status).toBe(303);
    expect(await db.request.findFirstOrThrow({ where: { enterprise: { edrpou: input.edrpou } } })).toMatchObject({ sector: "C", naceClass: "31.01" });
  });

  it("takes the section from the class code when none was chosen", async () => {
    const input = buildIntake(random, { sector: undefined, naceClass: undefined });
    const answer = await file({ ...intakeFormFields(input), naceClass: "55.10" });
    expect(answer.status).toBe(303);
    expect(await db.request.findFirstOrThrow({ where: { enterprise: { edrpou: input.edrpou } } })).toMatchObject({ sector: "I", naceClass: "55.10" });
  });

  it("refuses a code of another section, or no industry at all, beside the field, keeping what was typed and writing nothing", async () => {
    const before = await db.request.count();
    const input = buildIntake(random, { sector: undefined, naceClass: undefined });
    const wrong = await file({ ...intakeFormFields(input), sector: "A", naceClass: "31.01" });
    expect(wrong.status).toBe(400);
    expect(wrong.data.error).toEqual({ naceClass: ["naceOtherSector:C"] });
    expect(wrong.data.initialValue).toMatchObject({ sector: "A", naceClass: "31.01", title: input.title });

    const none = await file(intakeFormFields(input));
    expect(none.status).toBe(400);
    expect(none.data.error).toEqual({ sector: ["choose"] });

    const junk = await file({ ...intakeFormFields(input), sector: "Z", naceClass: "99.99.99" });
    expect(junk.status).toBe(400);
    expect(junk.data.error).toEqual({ sector: ["choose"], naceClass: ["naceClass"] });
    expect(await db.request.count()).toBe(before);
  });
});

describe("staff correct the industry", () => {
  it("records the change in the timeline, and refuses a class code of another section", async () => {
    const created = await createRequestInStatus({
      input: buildIntake(random, { sector: "C", naceClass: "25.62" }),
      status: "NEW",
      createdAt: new Date(Date.now() - 60_000),
      coordinator,
    });
    const { reference } = await db.request.findUniqueOrThrow({ where: { id: created.id }, select: { reference: true } });
    const page = await call(requestLoader, staff(`/requests/${reference}`, coordinatorCookie), { reference });
    const r = page.data.request;
    expect(r).toMatchObject({ sector: "C", naceClass: "25.62" });
    const form = correctionForm(r);

    const refused = await call(requestAction, staff(`/requests/${reference}`, coordinatorCookie, { ...form, sector: "A", naceClass: "25.62" }), { reference });
    expect(refused.status).toBe(400);
    expect(refused.data.result.error).toEqual({ naceClass: ["naceOtherSector:C"] });
    expect(await db.request.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ sector: "C", naceClass: "25.62", version: r.version });

    const done = await call(requestAction, staff(`/requests/${reference}`, coordinatorCookie, { ...form, sector: "A", naceClass: "" }), { reference });
    expect(done.status).toBe(303);
    expect(await db.request.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ sector: "A", naceClass: null });
    const event = await db.requestEvent.findFirstOrThrow({ where: { requestId: created.id, action: "edit" } });
    expect(JSON.parse(event.changes!)).toEqual([
      { field: "sector", from: "C", to: "A" },
      { field: "naceClass", from: "25.62", to: null },
    ]);
  });
});

describe("an admin says which industries a cluster serves", () => {
  const cluster = {
    slug: "furniture-west",
    nameUk: "Західний меблевий кластер",
    nameEn: "Western Furniture Cluster",
    kind: "CLUSTER",
    homeRegion: "UA-46",
    capabilities: ["SUPPLIES"],
    regions: ["UA-46"],
  };

  it("stores sections and divisions once each, in the classification's order, refuses unknown codes, and keeps a record", async () => {
    const refused = await call(clustersPage.action, staff("/admin/clusters", adminCookie, { ...cluster, sectors: ["31", "V", "04"] }));
    expect(refused.status).toBe(400);
    expect(refused.data.error).toMatchObject({ "sectors[1]": ["choose"], "sectors[2]": ["choose"] });
    expect(await db.cluster.count({ where: { slug: cluster.slug } })).toBe(0);

    const created = await call(clustersPage.action, staff("/admin/clusters", adminCookie, { ...cluster, sectors: ["31", "C", "16", "31"] }));
    expect(created.status).toBe(303);
    const stored = await db.cluster.findUniqueOrThrow({ where: { slug: cluster.slug }, include: { sectors: true } });
    expect(stored.sectors.map((s) => s.sector).sort()).toEqual(["16", "31", "C"]);
    const list = await call(clustersPage.loader, staff("/admin/clusters", adminCookie));
    expect(list.data.clusters.find((c: { slug: string }) => c.slug === cluster.slug).sectors).toEqual(["C", "16", "31"]);

    const updated = await call(clusterPage.action, staff(`/admin/clusters/${cluster.slug}`, adminCookie, { ...cluster, active: "on", sectors: ["31"] }), {
      slug: cluster.slug,
    });
    expect(updated.status).toBe(303);
    const entry = await db.adminAuditEntry.findFirstOrThrow({ where: { subjectId: stored.id, action: "cluster.update" } });
    expect(JSON.parse(entry.before!).sectors).toEqual(["C", "16", "31"]);
    expect(JSON.parse(entry.after!).sectors).toEqual(["31"]);
  });
});

describe("the recommendation, the queue and the weekly report", () => {
  it("prefers the enterprise's industry, filters the queue by it, and counts the backlog by it", async () => {
    const furniture = await createCluster({
      slug: "furniture-east",
      nameUk: "Східні меблі",
      nameEn: "Eastern Furniture",
      kind: "CLUSTER",
      homeRegion: "UA-63",
      capabilities: ["SUPPLIES"],
      regions: ["UA-63"],
      sectors: ["31"],
    });
    await createCluster({
      slug: "agro-east",
      nameUk: "Східний агрокластер",
      nameEn: "Eastern Agro",
      kind: "CLUSTER",
      homeRegion: "UA-63",
      capabilities: ["SUPPLIES"],
      regions: ["UA-63"],
      sectors: ["A"],
    });
    const maker = await createRequestInStatus({
      input: buildIntake(random, { category: "SUPPLIES", region: "UA-63", sector: "C", naceClass: "31.09" }),
      status: "TRIAGED",
      createdAt: new Date(Date.now() - 120_000),
      coordinator,
    });
    const ranked = (await recommendClusters({ requestId: maker.id }))!.filter((entry) => ["furniture-east", "agro-east"].includes(entry.cluster.slug));
    expect(ranked.map((entry) => entry.cluster.slug)).toEqual(["furniture-east", "agro-east"]);
    expect(ranked[0]!.reasons).toContainEqual({ kind: "sameDivision", division: "31", points: 8 });
    expect(ranked[1]!.reasons).toContainEqual({ kind: "otherSector", points: 0 });
    expect(ranked[0]!.cluster.id).toBe(furniture.id);

    // A farm's request, and one filed before the intake asked for an industry.
    await createRequestInStatus({
      input: buildIntake(random, { sector: "A", naceClass: "01.11" }),
      status: "NEW",
      createdAt: new Date(Date.now() - 90_000),
      coordinator,
    });
    const older = await createRequestInStatus({ input: buildIntake(random), status: "NEW", createdAt: new Date(Date.now() - 80_000), coordinator });
    await db.request.update({ where: { id: older.id }, data: { sector: null, naceClass: null } });

    const queue = await call(queueLoader, staff("/queue?owner=any&sector=A&size=100", coordinatorCookie));
    expect(queue.status).toBe(200);
    const farms = await db.request.findMany({ where: { sector: "A" }, select: { reference: true } });
    expect(queue.data.params.sector).toBe("A");
    expect(queue.data.queue.total).toBe(farms.length);
    expect(queue.data.queue.rows.map((row: { reference: string }) => row.reference).sort()).toEqual(farms.map((r) => r.reference).sort());
    // An unknown section is no filter at all, never an error.
    const junk = await call(queueLoader, staff("/queue?owner=any&sector=ZZ", coordinatorCookie));
    expect(junk.status).toBe(200);
    expect(junk.data.queue.total).toBe(await db.request.count());

    const now = new Date();
    const report = await buildWeeklyReport({ week: isoWeekOf(now), scope: { kind: "all" }, now });
    const open = await db.request.groupBy({ by: ["sector"], where: { status: { in: [...OPEN_STATUSES] } }, _count: { _all: true } });
    expect(report.backlog.bySector).toEqual(Object.fromEntries(open.map((row) => [row.sector ?? NO_SECTOR, row._count._all])));
    expect(report.backlog.bySector[NO_SECTOR]).toBe(1);
  });
});
