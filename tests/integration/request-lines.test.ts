// Request lines as stored (decision 055): every request is filed with one line holding its
// category and details; the executor keeps the line's state, cluster, stamps, time to accept and
// lapse in step with the request through any history; each cluster action's event names its
// line; and the migration gives every request filed before lines existed the very line the
// executor would have kept for it.
import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "~/config/env.server";
import { db } from "~/data/db.server";
import { TransitionError } from "~/domain/errors";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { runScheduledJobs } from "~/domain/scheduler.server";
import { type Action, type Actor, availableActions } from "~/domain/requests/state-machine";
import { CATEGORIES, URGENCIES } from "~/domain/taxonomy";
import { action as requestAction, loader as requestLoader } from "~/routes/requests.$reference/route";
import { action as statusAction, loader as statusLoader } from "~/routes/s.$token";
import { loader as clusterLoader } from "~/routes/cluster";
import { loader as queueLoader } from "~/routes/queue";
import { buildWeeklyReport, writeWeeklyReportCsv } from "~/domain/report/index.server";
import { isoWeekOf } from "~/domain/sla/iso-week";
import { loadMatchingCandidates } from "~/domain/matching/cluster-matching.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(5505);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const clusters: { id: string; member: Actor; cookie: string }[] = [];
let coordinatorCookie = "";
let outsiderCookie = "";
let coordinator: Actor;

beforeAll(async () => {
  for (const [slug, capability] of [
    ["lines-a", "OTHER"],
    ["lines-b", "LOGISTICS"],
    ["lines-c", "EQUIPMENT"],
  ] as const) {
    const cluster = await createCluster({
      slug,
      nameUk: `Кластер ${slug}`,
      nameEn: `Cluster ${slug}`,
      kind: "CLUSTER",
      homeRegion: "UA-30",
      capabilities: [capability],
      regions: ["UA-30"],
    });
    const member = await createUser({ email: `${slug}@lines.example`, name: slug, password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
    clusters.push({
      id: cluster.id,
      member: { type: "USER", userId: member.id, role: "CLUSTER_MEMBER", clusterId: cluster.id },
      cookie: await cookieFor(member.id),
    });
  }
  const c = await createUser({ email: "c@lines.example", name: "Олена", password: "pw-123456789", role: "COORDINATOR" });
  coordinator = { type: "USER", userId: c.id, role: "COORDINATOR", clusterId: null };
  coordinatorCookie = await cookieFor(c.id);
  const outsiderCluster = await createCluster({
    slug: "lines-x",
    nameUk: "Кластер X",
    nameEn: "Cluster X",
    kind: "CLUSTER",
    homeRegion: "UA-30",
    capabilities: ["OTHER"],
    regions: ["UA-30"],
  });
  const outsider = await createUser({ email: "x@lines.example", name: "X", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: outsiderCluster.id });
  outsiderCookie = await cookieFor(outsider.id);
});

const linesOf = (requestId: string) => db.requestLine.findMany({ where: { requestId }, orderBy: { position: "asc" } });
const lastEvent = (requestId: string) => db.requestEvent.findFirstOrThrow({ where: { requestId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });

describe("a request's one line", () => {
  it("is filed with the request, waiting for the coordinators, holding its category and its details (a defence order's kept sensitive)", async () => {
    const filed = await createRequest({
      input: buildIntake(random, { category: "DEFENCE_ORDER", defenceProductType: "Корпуси дронів", monthlyCapacity: "200 од." }),
    });
    const request = await db.request.findUniqueOrThrow({ where: { id: filed.id } });
    const lines = await linesOf(filed.id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ position: 1, status: "OPEN", clusterId: null, category: "DEFENCE_ORDER", details: request.details });
    expect(lines[0]!.sensitiveDetails).toBe(request.sensitiveDetails);
    expect(JSON.parse(lines[0]!.sensitiveDetails!)).toMatchObject({ productType: "Корпуси дронів", monthlyCapacity: "200 од." });
  });

  it("moves with the request: assigned, accepted, resolved by its cluster, each such event naming the line, the request's own events none", async () => {
    const { id } = await createRequest({ input: buildIntake(random, { category: "SUPPLIES" }) });
    const lineId = (await linesOf(id))[0]!.id;
    const cluster = clusters[0]!;
    const steps: [Action, Actor, string | null, string][] = [
      ["triage", coordinator, null, "OPEN"],
      ["assign", coordinator, lineId!, "ASSIGNED"],
      ["accept", cluster.member, lineId!, "IN_PROGRESS"],
      ["requestInfo", cluster.member, null, "IN_PROGRESS"],
      ["provideInfo", { type: "ENTERPRISE" }, null, "IN_PROGRESS"],
      ["resolve", cluster.member, lineId!, "RESOLVED"],
    ];
    for (const [action, actor, eventLine, lineStatus] of steps) {
      await db.$transaction((tx) =>
        transitionRequestInTx(tx, {
          requestId: id,
          action,
          actor,
          input: { message: "Крок.", clusterId: cluster.id, triage: { category: "RELOCATION", urgency: "HIGH", ownerId: null } },
        }),
      );
      const [line] = await linesOf(id);
      expect(line!.status, action).toBe(lineStatus);
      expect((await lastEvent(id)).lineId, action).toBe(eventLine);
    }
    const [line] = await linesOf(id);
    const request = await db.request.findUniqueOrThrow({ where: { id } });
    // Triage changed the category: the line's is the request's.
    expect(line).toMatchObject({
      category: "RELOCATION",
      clusterId: cluster.id,
      assignedAt: request.assignedAt,
      acceptedAt: request.acceptedAt,
      resolvedAt: request.resolvedAt,
    });
    expect(request.resolvedAt).not.toBeNull();
  });

  it("refuses a cluster action on another request's line, and writes nothing", async () => {
    const one = await createRequest({ input: buildIntake(random) });
    const other = await createRequest({ input: buildIntake(random) });
    const [otherLine] = await linesOf(other.id);
    const before = { request: await db.request.findUniqueOrThrow({ where: { id: one.id } }), lines: await linesOf(one.id) };
    const attempt = db.$transaction((tx) =>
      transitionRequestInTx(tx, { requestId: one.id, action: "assign", actor: coordinator, lineId: otherLine!.id, input: { clusterId: clusters[0]!.id } }),
    );
    await expect(attempt).rejects.toMatchObject({ reason: "NO_SUCH_LINE" });
    expect(await db.request.findUniqueOrThrow({ where: { id: one.id } })).toEqual(before.request);
    expect(await linesOf(one.id)).toEqual(before.lines);
  });
});

/** The engine's migration that stored the lines: its backfill statement, run into another table. */
function backfillInto(table: string) {
  const folder = env.database.engine === "postgresql" ? "prisma/postgres/migrations" : "prisma/migrations";
  const sql = fs.readFileSync(path.join(folder, "20261203150000_request_lines", "migration.sql"), "utf8");
  const start = sql.indexOf(`INSERT INTO "RequestLine"`);
  const statement = sql.slice(start, sql.indexOf(";", start) + 1);
  expect(statement).toMatch(/FROM "Request";$/);
  return statement.replace(`INSERT INTO "RequestLine"`, `INSERT INTO "${table}"`);
}

const COMPARED = [
  "status",
  "clusterId",
  "category",
  "details",
  "sensitiveDetails",
  "assignedAt",
  "acceptedAt",
  "resolvedAt",
  "acceptDueAt",
  "notAcceptedInTime",
];

describe("the migration to lines", () => {
  it(
    "gives every request, through random histories, the line the executor keeps: same state, cluster, stamps, time to accept and lapse",
    { timeout: 120_000 },
    async () => {
      // Histories as people make them: anyone (the cluster holding the request more often than
      // not) takes one of the actions their page offers, with every input given: finished,
      // reopened, merged, lapsed and reassigned requests, questions asked from every state.
      const excluded: Action[] = ["edit", "adoptEnterpriseDetails", "submit"];
      const ids: string[] = [];
      let at = Date.parse("2026-11-02T08:00:00Z");
      for (let n = 0; n < 60; n++) {
        const { id } = await createRequest({ input: buildIntake(random), now: new Date(at) });
        ids.push(id);
        for (let step = 0; step < 14; step++) {
          at += Math.floor(random() * 20 * 3_600_000);
          const state = await db.request.findUniqueOrThrow({ where: { id } });
          const holder = clusters.find((cluster) => cluster.id === state.assignedClusterId);
          const cluster = pick(clusters);
          const member = holder?.member ?? cluster.member;
          const actor = random() < 0.05 ? { type: "SYSTEM" as const } : pick<Actor>([coordinator, coordinator, member, member, member, { type: "ENTERPRISE" }]);
          const offered = availableActions(actor, state).filter((action) => !excluded.includes(action));
          if (!offered.length) continue;
          const action = pick(offered);
          try {
            await db.$transaction((tx) =>
              transitionRequestInTx(tx, {
                requestId: id,
                action,
                actor,
                input: {
                  message: "Крок.",
                  clusterId: cluster.id,
                  duplicateOfId: ids.length > 1 ? ids[0] : null,
                  triage: { category: pick(CATEGORIES), urgency: pick(URGENCIES), ownerId: null },
                  ownerId: coordinator.type === "USER" ? coordinator.userId : null,
                },
                now: new Date(at),
              }),
            );
          } catch (error) {
            if (!(error instanceof TransitionError)) throw error;
          }
        }
      }
      // And the histories that leave a finished request's line where its cluster had got, a
      // question waiting on the enterprise from each state of work, a lapse and its reassignment.
      const [first] = clusters;
      const system: Actor = { type: "SYSTEM" };
      const enterprise: Actor = { type: "ENTERPRISE" };
      const by: Partial<Record<Action, Actor>> = {
        accept: first!.member,
        resolve: first!.member,
        closeStale: system,
        acceptTimeout: system,
        confirm: enterprise,
        reopen: enterprise,
      };
      for (const path of [
        ["triage", "assign", "accept", "resolve", "confirm"],
        ["triage", "assign", "accept", "closeStale"],
        ["triage", "assign", "closeStale"],
        ["triage", "assign", "acceptTimeout"],
        ["triage", "assign", "acceptTimeout", "assign"],
        ["triage", "assign", "accept", "requestInfo"],
        ["triage", "assign", "requestInfo"],
        ["triage", "assign", "accept", "resolve", "reopen"],
      ] satisfies Action[][]) {
        const { id } = await createRequest({ input: buildIntake(random), now: new Date(at) });
        ids.push(id);
        for (const action of path) {
          at += 3_600_000;
          const input = { message: "Крок.", clusterId: first!.id };
          await db.$transaction((tx) => transitionRequestInTx(tx, { requestId: id, action, actor: by[action] ?? coordinator, input, now: new Date(at) }));
        }
      }
      const reached = await db.requestLine.findMany({
        where: { requestId: { in: ids } },
        select: { status: true, notAcceptedInTime: true, request: { select: { status: true } } },
      });
      const pairs = reached.map((line) => `${line.request.status}/${line.status}`).join();
      for (const pair of [
        "CLOSED/RESOLVED",
        "CLOSED/IN_PROGRESS",
        "CLOSED/ASSIGNED",
        "NEEDS_INFO/IN_PROGRESS",
        "NEEDS_INFO/ASSIGNED",
        "RESOLVED/RESOLVED",
        "TRIAGED/OPEN",
      ]) {
        expect(pairs, pair).toContain(pair);
      }
      expect(reached.some((line) => line.notAcceptedInTime)).toBe(true);

      await db.$executeRawUnsafe(`CREATE TABLE "LineBackfill" AS SELECT * FROM "RequestLine" WHERE 1 = 0`);
      try {
        await db.$executeRawUnsafe(backfillInto("LineBackfill"));
        const same = env.database.engine === "postgresql" ? "IS NOT DISTINCT FROM" : "IS";
        const differing = await db.$queryRawUnsafe<{ requestId: string }[]>(
          `SELECT l."requestId" FROM "RequestLine" l JOIN "LineBackfill" b ON b."requestId" = l."requestId"
         WHERE l."requestId" IN (${ids.map((id) => `'${id}'`).join(", ")})
           AND NOT (${COMPARED.map((column) => `l."${column}" ${same} b."${column}"`).join(" AND ")})`,
        );
        const rows = async (table: string) =>
          db.$queryRawUnsafe(`SELECT ${COMPARED.map((c) => `"${c}"`).join(", ")} FROM "${table}" WHERE "requestId" = '${differing[0]?.requestId}'`);
        expect(differing, differing.length ? JSON.stringify({ kept: await rows("RequestLine"), migrated: await rows("LineBackfill") }) : "").toEqual([]);
        const [{ count }] = await db.$queryRawUnsafe<[{ count: number | bigint }]>(
          `SELECT COUNT(*) AS count FROM "LineBackfill" WHERE "requestId" IN (${ids.map((id) => `'${id}'`).join(", ")})`,
        );
        expect(Number(count)).toBe(ids.length);
      } finally {
        await db.$executeRawUnsafe(`DROP TABLE "LineBackfill"`);
      }
    },
  );
});

// --- Several lines, through the pages ------------------------------------------------------------

async function post(reference: string, fields: Record<string, string>, cookie = coordinatorCookie) {
  const version = String((await db.request.findFirstOrThrow({ where: { reference } })).version);
  return call(requestAction, formRequest(`/requests/${reference}`, { ...fields, version }, { headers: { Cookie: cookie } }), { reference });
}
const staffPage = (reference: string, cookie = coordinatorCookie) =>
  call(requestLoader, new Request(`http://localhost/requests/${reference}`, { headers: { Cookie: cookie } }), { reference });
const statusPage = (token: string) => call(statusLoader, new Request(`http://localhost/s/${token}`), { token });
const snapshot = async (id: string) => ({
  request: await db.request.findUniqueOrThrow({ where: { id } }),
  lines: await linesOf(id),
  events: await db.requestEvent.count({ where: { requestId: id } }),
});

describe("a relocation of three needs, each handled by its own cluster", () => {
  it("is split at triage, each line handed to its cluster, each cluster acting on its own line only, the enterprise following all three on one page", async () => {
    const filed = await createRequest({
      input: buildIntake(random, { category: "DEFENCE_ORDER", defenceProductType: "Корпуси дронів", monthlyCapacity: "200 од.", title: "Переїзд виробництва" }),
    });
    const { id, reference, token } = filed;
    expect((await post(reference, { intent: "triage", category: "DEFENCE_ORDER", urgency: "HIGH" })).status).toBe(303);
    expect((await post(reference, { intent: "splitLine", category: "LOGISTICS", summary: "Перевезення 12 верстатів до Львова" })).status).toBe(303);
    expect((await post(reference, { intent: "splitLine", category: "EQUIPMENT", summary: "Монтаж ліній на новому місці" })).status).toBe(303);

    // A split without what is needed is refused beside the field, and writes nothing.
    const before = await snapshot(id);
    const refused = await post(reference, { intent: "splitLine", category: "LOGISTICS", summary: "   " });
    expect(refused.status).toBe(400);
    expect(refused.data.result.error.summary).toEqual(["required"]);
    expect(await snapshot(id)).toEqual(before);

    const page = await staffPage(reference);
    const lines = page.data.request.lines as Array<{ id: string; position: number; category: string; status: string; summary: string | null }>;
    expect(lines.map((line) => [line.position, line.category, line.status])).toEqual([
      [1, "DEFENCE_ORDER", "OPEN"],
      [2, "LOGISTICS", "OPEN"],
      [3, "EQUIPMENT", "OPEN"],
    ]);
    // The timeline names each line split off; the enterprise sees it too.
    expect(page.data.request.events.filter((e: { action: string }) => e.action === "splitLine").map((e: { changes: unknown }) => e.changes)).toEqual([
      [{ field: "line", from: null, to: "2" }],
      [{ field: "line", from: null, to: "3" }],
    ]);

    // Each line waiting for a cluster has its own recommendations, for its own need.
    const recommended = page.data.lineRecommendations as Array<{
      position: number;
      category: string;
      ranked: Array<{ cluster: { slug: string }; reasons: Array<{ kind: string }> }>;
    }>;
    expect(recommended.map((line) => [line.position, line.category])).toEqual([
      [1, "DEFENCE_ORDER"],
      [2, "LOGISTICS"],
      [3, "EQUIPMENT"],
    ]);
    for (const line of recommended.slice(1)) expect(line.ranked[0]!.reasons.map((reason) => reason.kind)).toContain("handlesCategory");
    expect(page.data.recommendations).toEqual([]);

    // An assignment on a request of several lines names its line.
    const unnamed = await post(reference, { intent: "assign", clusterId: clusters[0]!.id });
    expect([unnamed.status, unnamed.data.result.error[""]]).toEqual([422, ["NO_SUCH_LINE"]]);
    expect(await snapshot(id)).toEqual(before);
    for (const [index, line] of lines.entries()) {
      expect((await post(reference, { intent: "assign", lineId: line.id, clusterId: clusters[index]!.id })).status).toBe(303);
    }
    expect((await db.request.findUniqueOrThrow({ where: { id } })).status).toBe("ASSIGNED");

    // Each cluster sees the request, its own line in full and the others' category and state only;
    // the defence order's details reach the first line's cluster alone.
    const [a, b] = clusters;
    const seenByB = (await staffPage(reference, b!.cookie)).data.request;
    expect(seenByB.lines.map((line: { cluster: unknown; summary: unknown }) => [line.cluster === "OTHER" ? "OTHER" : "OWN", line.summary])).toEqual([
      ["OTHER", null],
      ["OWN", "Перевезення 12 верстатів до Львова"],
      ["OTHER", null],
    ]);
    expect(seenByB.sensitiveDetails).toBeNull();
    expect(seenByB.lines[1].actions).toEqual(expect.arrayContaining(["accept", "decline"]));
    expect(seenByB.lines[0].actions).toEqual([]);
    const seenByA = (await staffPage(reference, a!.cookie)).data.request;
    expect(seenByA.sensitiveDetails).toMatchObject({ productType: "Корпуси дронів" });
    // On B's portal, the request's row says how B's own line stands.
    const portal = await call(clusterLoader, new Request("http://localhost/cluster", { headers: { Cookie: b!.cookie } }));
    const row = portal.data.queue.rows.find((r: { reference: string }) => r.reference === reference);
    expect([row.status, row.ownLines]).toEqual(["ASSIGNED", [{ position: 2, status: "ASSIGNED" }]]);
    // The coordinators' queue names each line's cluster.
    const queue = await call(queueLoader, new Request(`http://localhost/queue?q=${reference}`, { headers: { Cookie: coordinatorCookie } }));
    const queued = queue.data.queue.rows.find((r: { reference: string }) => r.reference === reference);
    expect(queued.lineClusters.map((line: { position: number; cluster: { nameUk: string } }) => [line.position, line.cluster.nameUk])).toEqual([
      [1, "Кластер lines-a"],
      [2, "Кластер lines-b"],
      [3, "Кластер lines-c"],
    ]);
    // A cluster holding no line of it does not find it at all.
    expect((await staffPage(reference, outsiderCookie)).status).toBe(404);

    // B cannot act on A's line; nothing is written.
    const settled = await snapshot(id);
    const notHers = await post(reference, { intent: "accept", lineId: lines[0]!.id }, b!.cookie);
    expect([notHers.status, notHers.data.result.error[""]]).toEqual([422, ["NOT_PERMITTED"]]);
    expect(await snapshot(id)).toEqual(settled);

    // Each cluster accepts and resolves its own line; the request is in progress while any line is,
    // resolved when all are.
    for (const [index, line] of lines.entries()) {
      expect((await post(reference, { intent: "accept", lineId: line.id }, clusters[index]!.cookie)).status).toBe(303);
      expect((await db.request.findUniqueOrThrow({ where: { id } })).status).toBe("IN_PROGRESS");
    }
    for (const [index, line] of lines.entries()) {
      expect((await db.request.findUniqueOrThrow({ where: { id } })).status).toBe("IN_PROGRESS");
      expect((await post(reference, { intent: "resolve", lineId: line.id, message: "Зроблено." }, clusters[index]!.cookie)).status).toBe(303);
    }
    expect((await db.request.findUniqueOrThrow({ where: { id } })).status).toBe("RESOLVED");

    // The enterprise's one link shows each need and its progress, and asks it to confirm.
    const status = await statusPage(token);
    expect(status.data.request.status).toBe("RESOLVED");
    expect(status.data.request.lines).toEqual([
      { position: 1, category: "DEFENCE_ORDER", summary: "", status: "RESOLVED" },
      { position: 2, category: "LOGISTICS", summary: "Перевезення 12 верстатів до Львова", status: "RESOLVED" },
      { position: 3, category: "EQUIPMENT", summary: "Монтаж ліній на новому місці", status: "RESOLVED" },
    ]);
    expect(status.data.request.canConfirm).toBe(true);
    const confirmed = await call(statusAction, formRequest(`/s/${token}`, { intent: "confirm" }), { token });
    expect(confirmed.status).toBe(303);
    expect((await db.request.findUniqueOrThrow({ where: { id } })).status).toBe("CLOSED");
  });

  it("joins a line still waiting for a cluster into another, leaving the status as it was; never an assigned line", async () => {
    const { id, reference, token } = await createRequest({ input: buildIntake(random, { category: "RELOCATION" }) });
    await post(reference, { intent: "splitLine", category: "LOGISTICS", summary: "Перевезення" });
    await post(reference, { intent: "splitLine", category: "LOGISTICS", summary: "Ще одне перевезення" });
    const [first, second, third] = await linesOf(id);
    expect((await post(reference, { intent: "assign", lineId: first!.id, clusterId: clusters[0]!.id })).status).toBe(303);

    const before = await snapshot(id);
    const refused = await post(reference, { intent: "joinLines", lineId: first!.id, intoLineId: second!.id });
    expect([refused.status, refused.data.result.error[""]]).toEqual([422, ["CANNOT_JOIN"]]);
    expect(await snapshot(id)).toEqual(before);

    expect((await post(reference, { intent: "joinLines", lineId: third!.id, intoLineId: second!.id })).status).toBe(303);
    expect((await linesOf(id)).map((line) => line.status)).toEqual(["ASSIGNED", "OPEN", "CANCELLED"]);
    expect((await db.request.findUniqueOrThrow({ where: { id } })).status).toBe("ASSIGNED");
    const event = await lastEvent(id);
    expect([event.action, event.lineId, event.changes]).toEqual(["joinLines", third!.id, JSON.stringify([{ field: "line", from: "3", to: "2" }])]);
    // The enterprise sees the two needs left.
    expect((await statusPage(token)).data.request.lines.map((line: { position: number }) => line.position)).toEqual([1, 2]);
  });
});

describe("a line's cluster that does not accept in time", () => {
  it("lapses that line alone, back to the coordinators and flagged, while the other line's work goes on", async () => {
    const at = new Date("2026-11-10T09:00:00Z");
    const { id } = await createRequest({ input: buildIntake(random, { urgency: "HIGH" }), now: at });
    const act = (action: Action, actor: Actor, input: object, lineId?: string, now = at) =>
      db.$transaction((tx) => transitionRequestInTx(tx, { requestId: id, action, actor, lineId, input, now }));
    await act("splitLine", coordinator, { newLine: { category: "LOGISTICS", summary: "Перевезення" } });
    const [first, second] = await linesOf(id);
    await act("assign", coordinator, { clusterId: clusters[0]!.id }, first!.id);
    await act("assign", coordinator, { clusterId: clusters[1]!.id }, second!.id);
    await act("accept", clusters[1]!.member, {}, second!.id, new Date(at.getTime() + 3_600_000));

    const result = await runScheduledJobs({ now: new Date(at.getTime() + 7 * 24 * 3_600_000) });
    expect(result.notAcceptedInTime).toBeGreaterThanOrEqual(1);
    const lines = await linesOf(id);
    expect(lines.map((line) => [line.status, line.clusterId, line.notAcceptedInTime])).toEqual([
      ["OPEN", null, true],
      ["IN_PROGRESS", clusters[1]!.id, false],
    ]);
    const request = await db.request.findUniqueOrThrow({ where: { id } });
    expect([request.status, request.notAcceptedInTime]).toEqual(["IN_PROGRESS", true]);
    expect(await lastEvent(id)).toMatchObject({ action: "acceptTimeout", lineId: first!.id, clusterId: clusters[0]!.id });
  });
});

describe("the enterprise's message on a request of several lines", () => {
  it("reaches the members of every line's cluster, by e-mail and as unread, and no other cluster's", async () => {
    const { id, reference, token } = await createRequest({ input: buildIntake(random) });
    await post(reference, { intent: "splitLine", category: "LOGISTICS", summary: "Перевезення" });
    const [first, second] = await linesOf(id);
    await post(reference, { intent: "assign", lineId: first!.id, clusterId: clusters[0]!.id });
    await post(reference, { intent: "assign", lineId: second!.id, clusterId: clusters[1]!.id });

    const sent = await call(statusAction, formRequest(`/s/${token}`, { intent: "message", message: "Коли приїде машина?" }), { token });
    expect(sent.status).toBe(303);
    const members = clusters.map((cluster) => (cluster.member.type === "USER" ? cluster.member.userId : ""));
    const marked = (await db.requestUnread.findMany({ where: { requestId: id }, select: { userId: true } })).map((mark) => mark.userId);
    expect(marked).toEqual(expect.arrayContaining([members[0], members[1]]));
    expect(marked).not.toContain(members[2]);
    const mailed = (await db.notification.findMany({ where: { requestId: id, kind: "enterpriseReplied" }, select: { recipient: true } })).map(
      (n) => n.recipient,
    );
    expect(mailed).toEqual(expect.arrayContaining(["lines-a@lines.example", "lines-b@lines.example"]));
    expect(mailed).not.toContain("lines-c@lines.example");
  });
});

describe("counting lines where the question is about clusters", () => {
  it("the weekly report counts each cluster's lines, the requests' figures stay requests, and the report's backlog is the dashboard's", async () => {
    // A relocation filed on Thursday 1 October 2026 (ISO week 2026-W40) with two needs on the
    // form, a third split off; line 1 to A, line 2 to B, which accepts and resolves it; line 3 waits.
    const at = new Date("2026-10-01T07:00:00Z");
    const hours = (n: number) => new Date(at.getTime() + n * 3_600_000);
    const { id } = await createRequest({
      input: buildIntake(random, { category: "RELOCATION", urgency: "NORMAL", need2Category: "LOGISTICS", need2Summary: "Перевезення" }),
      now: at,
    });
    const act = (action: Action, actor: Actor, input: object, lineId: string | undefined, now: Date) =>
      db.$transaction((tx) => transitionRequestInTx(tx, { requestId: id, action, actor, lineId, input, now }));
    await act("splitLine", coordinator, { newLine: { category: "EQUIPMENT", summary: "Монтаж" } }, undefined, hours(1));
    const [first, second, third] = await linesOf(id);
    const [a, b] = clusters;
    await act("assign", coordinator, { clusterId: a!.id }, first!.id, hours(2));
    await act("assign", coordinator, { clusterId: b!.id }, second!.id, hours(2));
    await act("accept", b!.member, {}, second!.id, hours(3));
    await act("resolve", b!.member, { message: "Перевезли." }, second!.id, hours(20));

    const week = isoWeekOf(at);
    const report = await buildWeeklyReport({ week, scope: { kind: "all" }, now: hours(24 * 30) });
    const ofCluster = (clusterId: string | null) => report.clusters.find((row) => row.clusterId === clusterId)!;
    // The request is one request in the flow and the backlog…
    expect(report.flow.opened).toBe(1);
    expect([report.backlog.total, report.backlog.byStatus.ASSIGNED]).toEqual([1, 1]);
    expect(report.changes.resolved).toBe(0);
    expect(report.sla.resolve.n).toBe(0);
    // …and three lines per cluster: A holds one in work, B resolved its own in time, one waits.
    expect(report.backlog.byCluster).toEqual({ [a!.id]: 1, none: 1 });
    expect(ofCluster(a!.id)).toMatchObject({ backlog: 1, newRequests: 1, assigned: 1, accepted: 0, resolved: 0 });
    expect(ofCluster(b!.id)).toMatchObject({ backlog: 0, newRequests: 1, assigned: 1, accepted: 1, resolved: 1 });
    expect(ofCluster(b!.id).sla.resolve).toEqual({ n: 1, within: 1, share: 1 });
    expect(ofCluster(a!.id).sla.resolve.n).toBe(0);
    expect(ofCluster(null)).toMatchObject({ backlog: 1, newRequests: 1 });
    expect(third!.status).toBe("OPEN");

    // B's own export lists the request, though B's line is done and the request is not B's alone.
    const forB = await buildWeeklyReport({ week, scope: { kind: "cluster", clusterId: b!.id }, now: hours(24 * 30) });
    expect(forB.flow.opened).toBe(1);

    // Its backlog counts the same lines.
    expect(forB.backlog.byCluster).toEqual({ [a!.id]: 1, none: 1 });
  });

  it("a cluster's own weekly file carries a defence order's sensitive details when the cluster holds its first line, as the request's page does", async () => {
    // A defence order filed on Thursday 8 October 2026 (2026-W41) with a second need on the form;
    // line 1 (the defence order, whose the sensitive details are) to A, line 2 to B.
    const at = new Date("2026-10-08T07:00:00Z");
    const { id } = await createRequest({
      input: buildIntake(random, {
        category: "DEFENCE_ORDER",
        defenceProductType: "Корпуси для БпЛА",
        urgency: "HIGH",
        need2Category: "LOGISTICS",
        need2Summary: "Доставка корпусів",
      }),
      now: at,
    });
    const [first, second] = await linesOf(id);
    const [a, b] = clusters;
    for (const [line, cluster] of [
      [first!, a!],
      [second!, b!],
    ] as const) {
      await db.$transaction((tx) =>
        transitionRequestInTx(tx, { requestId: id, action: "assign", actor: coordinator, lineId: line.id, input: { clusterId: cluster.id }, now: at }),
      );
    }
    const fileOf = async (clusterId: string) => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on("data", (chunk: Buffer) => chunks.push(chunk));
      const options = {
        week: isoWeekOf(at),
        scope: { kind: "cluster", clusterId },
        sensitive: { currentClusterId: clusterId },
        locale: "uk",
        now: new Date(at.getTime() + 30 * 24 * 3_600_000),
      } as const;
      await writeWeeklyReportCsv(options, out);
      return Buffer.concat(chunks).toString("utf8");
    };
    const [forA, forB] = [await fileOf(a!.id), await fileOf(b!.id)];
    const reference = (await db.request.findUniqueOrThrow({ where: { id } })).reference;
    // Both files list the request; only A's carries what the defence order makes.
    expect(forA).toContain(reference);
    expect(forB).toContain(reference);
    expect(forA).toContain("Корпуси для БпЛА");
    expect(forB).not.toContain("Корпуси для БпЛА");
    // The request's page draws the same line.
    expect((await staffPage(reference, a!.cookie)).data.request.sensitiveDetails).toMatchObject({ productType: "Корпуси для БпЛА" });
    expect((await staffPage(reference, b!.cookie)).data.request.sensitiveDetails).toBeNull();
  });

  it("a cluster's load in the recommendation counts the lines it holds on open requests, each request of several lines once per line", async () => {
    const loadOf = async (requestId: string) =>
      Object.fromEntries((await loadMatchingCandidates({ requestId }))!.candidates.map((candidate) => [candidate.id, candidate.openCount]));
    const { id } = await createRequest({ input: buildIntake(random, { need2Category: "LOGISTICS", need2Summary: "Перевезення" }) });
    const before = await loadOf(id);
    const [first, second] = await linesOf(id);
    const [, b, c] = clusters;
    await post((await db.request.findUniqueOrThrow({ where: { id } })).reference, { intent: "assign", lineId: first!.id, clusterId: b!.id });
    await post((await db.request.findUniqueOrThrow({ where: { id } })).reference, { intent: "assign", lineId: second!.id, clusterId: c!.id });
    const after = await loadOf(id);
    // The request has no cluster of its own (it has two), yet each cluster's load went up by its line.
    expect((await db.request.findUniqueOrThrow({ where: { id } })).assignedClusterId).toBeNull();
    expect([after[b!.id]! - before[b!.id]!, after[c!.id]! - before[c!.id]!]).toEqual([1, 1]);
  });

  it("the queue finds a request of several lines under each cluster holding a line, and among those with no cluster yet only while a line waits for one", async () => {
    const { id, reference } = await createRequest({ input: buildIntake(random, { need2Category: "LOGISTICS", need2Summary: "Перевезення" }) });
    const [first, second] = await linesOf(id);
    const [a, b] = clusters;
    const found = async (query: string) => {
      const queue = await call(queueLoader, new Request(`http://localhost/queue?${query}&q=${reference}`, { headers: { Cookie: coordinatorCookie } }));
      return queue.data.queue.rows.map((row: { reference: string }) => row.reference);
    };
    expect(await found("unassigned=1")).toEqual([reference]);
    await post(reference, { intent: "assign", lineId: first!.id, clusterId: a!.id });
    // Line 2 still waits: the request is still to be placed, and it is A's.
    expect(await found("unassigned=1")).toEqual([reference]);
    expect(await found("cluster=lines-a")).toEqual([reference]);
    expect(await found("cluster=lines-b")).toEqual([]);
    await post(reference, { intent: "assign", lineId: second!.id, clusterId: b!.id });
    expect(await found("unassigned=1")).toEqual([]);
    expect(await found("cluster=lines-a")).toEqual([reference]);
    expect(await found("cluster=lines-b")).toEqual([reference]);
  });
});

describe("two clusters acting on their own lines at once", () => {
  it("do not refuse each other; a line changed meanwhile is still refused as a conflict, and nothing is written", async () => {
    const { id, reference } = await createRequest({ input: buildIntake(random, { need2Category: "LOGISTICS", need2Summary: "Перевезення" }) });
    const [first, second] = await linesOf(id);
    const [a, b] = clusters;
    await post(reference, { intent: "assign", lineId: first!.id, clusterId: a!.id });
    await post(reference, { intent: "assign", lineId: second!.id, clusterId: b!.id });
    // Both members open the page at the same moment; each posts the form as the page gave it.
    const formOf = async (cookie: string) => {
      const page = (await staffPage(reference, cookie)).data.request;
      return {
        version: String(page.version),
        lineVersions: page.lines.map((line: { id: string; version: number }) => `${line.id}:${line.version}`).join(" "),
      };
    };
    const seenByA = await formOf(a!.cookie);
    const seenByB = await formOf(b!.cookie);
    const send = (fields: Record<string, string>, cookie: string) =>
      call(requestAction, formRequest(`/requests/${reference}`, fields, { headers: { Cookie: cookie } }), { reference });
    expect((await send({ intent: "accept", lineId: first!.id, ...seenByA }, a!.cookie)).status).toBe(303);
    expect((await send({ intent: "accept", lineId: second!.id, ...seenByB }, b!.cookie)).status).toBe(303);
    expect((await linesOf(id)).map((line) => line.status)).toEqual(["IN_PROGRESS", "IN_PROGRESS"]);

    // Without the lines' versions (a form of the request as a whole), a stale page is a conflict.
    const stale = await send({ intent: "resolve", lineId: second!.id, message: "Готово.", version: seenByB.version }, b!.cookie);
    expect(stale.status).toBe(409);
    // A's line changes meanwhile (taken back by the coordinators): A's form from before is refused.
    const before = await formOf(a!.cookie);
    await post(reference, { intent: "unassign", lineId: first!.id, message: "Передамо іншому кластеру." });
    await post(reference, { intent: "assign", lineId: first!.id, clusterId: a!.id });
    const settled = await snapshot(id);
    const refused = await send({ intent: "accept", lineId: first!.id, ...before }, a!.cookie);
    expect(refused.status).toBe(409);
    expect(await snapshot(id)).toEqual(settled);
  });
});

describe("the count of lines waiting for a cluster", () => {
  it("is what the migration that added it computes, for every request filed, split, joined and assigned above", async () => {
    const migration = fs.readFileSync(path.join("prisma", "migrations", "20261203170000_lines_in_counts", "migration.sql"), "utf8");
    const start = migration.indexOf(`UPDATE "Request" SET "waitingLines"`);
    await createRequest({
      input: buildIntake(random, { need2Category: "LOGISTICS", need2Summary: "Перевезення", need3Category: "EQUIPMENT", need3Summary: "Монтаж" }),
    });
    const kept = await db.request.findMany({ select: { id: true, waitingLines: true }, orderBy: { id: "asc" } });
    expect(kept.some((request) => request.waitingLines > 1)).toBe(true);
    expect(kept.some((request) => request.waitingLines === 0)).toBe(true);
    // The migration added the column at 0 and counted the lines waiting.
    await db.$executeRawUnsafe(`UPDATE "Request" SET "waitingLines" = 0`);
    await db.$executeRawUnsafe(migration.slice(start, migration.indexOf(";", start)));
    expect(await db.request.findMany({ select: { id: true, waitingLines: true }, orderBy: { id: "asc" } })).toEqual(kept);
  });
});
