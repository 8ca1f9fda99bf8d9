// Request lines as stored (decision 055): every request is filed with one line holding its
// category and details; the executor keeps the line's state, cluster, stamps, time to accept and
// lapse in step with the request through any history; each cluster action's event names its
// line; and the migration gives every request filed before lines existed the very line the
// executor would have kept for it.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "~/config/env.server";
import { db } from "~/data/db.server";
import { TransitionError } from "~/domain/errors";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { type Action, type Actor, availableActions } from "~/domain/requests/state-machine";
import { CATEGORIES, URGENCIES } from "~/domain/taxonomy";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";

const random = seededRandom(5505);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const clusters: { id: string; member: Actor }[] = [];
let coordinator: Actor;

beforeAll(async () => {
  for (const slug of ["lines-a", "lines-b"]) {
    const cluster = await createCluster({
      slug,
      nameUk: `Кластер ${slug}`,
      nameEn: `Cluster ${slug}`,
      kind: "CLUSTER",
      homeRegion: "UA-30",
      capabilities: ["OTHER"],
      regions: ["UA-30"],
    });
    const member = await createUser({ email: `${slug}@lines.example`, name: slug, password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
    clusters.push({ id: cluster.id, member: { type: "USER", userId: member.id, role: "CLUSTER_MEMBER", clusterId: cluster.id } });
  }
  const c = await createUser({ email: "c@lines.example", name: "Олена", password: "pw-123456789", role: "COORDINATOR" });
  coordinator = { type: "USER", userId: c.id, role: "COORDINATOR", clusterId: null };
});

const linesOf = (requestId: string) => db.requestLine.findMany({ where: { requestId }, orderBy: { position: "asc" } });
const lastEvent = (requestId: string) => db.requestEvent.findFirstOrThrow({ where: { requestId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });

describe("a request's one line", () => {
  it("is filed with the request, waiting for the coordinators, holding its category and its details (a defence order's kept sensitive)", async () => {
    const filed = await createRequest({ input: buildIntake(random, { category: "DEFENCE_ORDER", defenceProductType: "Корпуси дронів", monthlyCapacity: "200 од." }) });
    const request = await db.request.findUniqueOrThrow({ where: { id: filed.id } });
    const lines = await linesOf(filed.id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ position: 1, status: "OPEN", clusterId: null, category: "DEFENCE_ORDER", details: request.details });
    expect(lines[0]!.sensitiveDetails).toBe(request.sensitiveDetails);
    expect(JSON.parse(lines[0]!.sensitiveDetails!)).toMatchObject({ productType: "Корпуси дронів", monthlyCapacity: "200 од." });
  });

  it("moves with the request: assigned, accepted, resolved by its cluster, each such event naming the line, the request's own events none", async () => {
    const { id } = await createRequest({ input: buildIntake(random, { category: "SUPPLIES" }) });
    const [{ id: lineId }] = await linesOf(id);
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
    expect(line).toMatchObject({ category: "RELOCATION", clusterId: cluster.id, assignedAt: request.assignedAt, acceptedAt: request.acceptedAt, resolvedAt: request.resolvedAt });
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

const COMPARED = ["status", "clusterId", "category", "details", "sensitiveDetails", "assignedAt", "acceptedAt", "resolvedAt", "acceptDueAt", "notAcceptedInTime"];

describe("the migration to lines", () => {
  it("gives every request, through random histories, the line the executor keeps: same state, cluster, stamps, time to accept and lapse", { timeout: 120_000 }, async () => {
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
    const by: Partial<Record<Action, Actor>> = { accept: first!.member, resolve: first!.member, closeStale: system, acceptTimeout: system, confirm: enterprise, reopen: enterprise };
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
    for (const pair of ["CLOSED/RESOLVED", "CLOSED/IN_PROGRESS", "CLOSED/ASSIGNED", "NEEDS_INFO/IN_PROGRESS", "NEEDS_INFO/ASSIGNED", "RESOLVED/RESOLVED", "TRIAGED/OPEN"]) {
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
      const [{ count }] = await db.$queryRawUnsafe<{ count: number | bigint }[]>(
        `SELECT COUNT(*) AS count FROM "LineBackfill" WHERE "requestId" IN (${ids.map((id) => `'${id}'`).join(", ")})`,
      );
      expect(Number(count)).toBe(ids.length);
    } finally {
      await db.$executeRawUnsafe(`DROP TABLE "LineBackfill"`);
    }
  });
});
