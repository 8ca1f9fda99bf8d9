// What each engine's migrations hold beyond Prisma's schema, checked through the app's Prisma
// client on whichever engine DATABASE_URL names (SQLite in `npm run test:unit`, PostgreSQL in
// `npm run test:postgres`; decision 049): the backlog's counts follow every write of a request,
// the audit trail and issued reports cannot be rewritten, and the search index finds requests by
// any part of their search text (Cyrillic, EDRPOU, reference).
import { describe, expect, it } from "vitest";
import { env } from "~/config/env.server";
import { db } from "~/data/db.server";
import { requestSearchText } from "~/domain/queue/search";
import { OPEN_STATUSES } from "~/domain/requests/state-machine";
import type { Category, RequestStatus, Urgency } from "~/generated/prisma/client";
import { createCluster } from "../factories";

let serial = 0;

/** A request written with Prisma alone, as any writer could (the triggers must not depend on the app's own paths). */
async function writeRequest(fields: {
  status: RequestStatus;
  category: Category;
  urgency: Urgency;
  region: string;
  title: string;
  edrpou: string;
  name: string;
}) {
  serial += 1;
  const reference = `RRC-2026-${String(serial).padStart(6, "0")}`;
  const enterprise = await db.enterprise.upsert({
    where: { edrpou: fields.edrpou },
    create: {
      edrpou: fields.edrpou,
      name: fields.name,
      region: fields.region,
      contactName: "Олена Коваль",
      phone: "+380501234567",
      email: "olena@example.org",
    },
    update: {},
  });
  return db.request.create({
    data: {
      reference,
      statusTokenHash: `token-${serial}`,
      enterpriseId: enterprise.id,
      enterpriseName: fields.name,
      contactName: "Олена Коваль",
      phone: "+380501234567",
      email: "olena@example.org",
      category: fields.category,
      urgency: fields.urgency,
      title: fields.title,
      description: "Потрібна допомога з перевезенням обладнання",
      region: fields.region,
      city: "Київ",
      status: fields.status,
      searchText: requestSearchText({
        reference,
        edrpou: fields.edrpou,
        enterpriseName: fields.name,
        title: fields.title,
        description: "Потрібна допомога з перевезенням обладнання",
      }),
    },
  });
}

/**
 * The open requests counted by each dimension, straight from the rows: what BacklogCount must
 * hold. By cluster, their lines in work or waiting are counted (decision 055).
 */
async function countedFromRows() {
  const open = await db.request.findMany({
    where: { status: { in: [...OPEN_STATUSES] } },
    select: { status: true, category: true, urgency: true, region: true, sector: true, lines: { select: { status: true, clusterId: true } } },
  });
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const request of open) {
    for (const key of [
      `status:${request.status}`,
      `category:${request.category}`,
      `urgency:${request.urgency}`,
      `region:${request.region}`,
      `sector:${request.sector ?? ""}`,
    ]) {
      add(key);
    }
    for (const line of request.lines) if (["OPEN", "ASSIGNED", "IN_PROGRESS"].includes(line.status)) add(`cluster:${line.clusterId ?? ""}`);
  }
  return Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

/** A line of `requestId` written with Prisma alone. */
function writeLine(
  requestId: string,
  position: number,
  fields: { status: "OPEN" | "ASSIGNED" | "IN_PROGRESS" | "RESOLVED" | "CANCELLED"; clusterId?: string },
) {
  return db.requestLine.create({ data: { id: `${requestId}.${position}`, requestId, position, category: "LOGISTICS", ...fields } });
}

async function keptCounts() {
  const rows = await db.backlogCount.findMany({ where: { count: { not: 0 } } });
  return Object.fromEntries(rows.map((row) => [`${row.dimension}:${row.value}`, row.count] as const).sort(([a], [b]) => a.localeCompare(b)));
}

/** The requests whose search text holds `text` (already normalised), through the engine's search index. */
async function search(text: string) {
  const rows =
    env.database.engine === "postgresql"
      ? await db.$queryRawUnsafe<{ reference: string }[]>(`SELECT "reference" FROM "Request" WHERE "searchText" LIKE $1 ORDER BY 1`, `%${text}%`)
      : await db.$queryRawUnsafe<{ reference: string }[]>(
          `SELECT "reference" FROM "Request" WHERE "rowid" IN (SELECT "rowid" FROM "RequestSearch" WHERE "RequestSearch" MATCH ?) ORDER BY 1`,
          `"${text}"`,
        );
  return rows.map((row) => row.reference);
}

describe(`the ${env.database.engine} database beyond Prisma's schema`, () => {
  it("keeps the backlog's counts equal to a count of the open requests (by cluster, of their lines) through inserts, changes and removals", async () => {
    const cluster = await createCluster({
      slug: "engine-counts",
      nameUk: "Кластер підрахунку",
      nameEn: "Counting cluster",
      kind: "CLUSTER",
      homeRegion: "UA-30",
      capabilities: ["LOGISTICS"],
      regions: ["UA-30"],
    });
    const first = await writeRequest({
      status: "NEW",
      category: "LOGISTICS",
      urgency: "HIGH",
      region: "UA-30",
      title: "Генератор",
      edrpou: "10000001",
      name: "ТОВ Перше",
    });
    const second = await writeRequest({
      status: "TRIAGED",
      category: "ENERGY",
      urgency: "CRITICAL",
      region: "UA-46",
      title: "Трансформатор",
      edrpou: "10000002",
      name: "ТОВ Друге",
    });
    const third = await writeRequest({
      status: "CLOSED",
      category: "ENERGY",
      urgency: "LOW",
      region: "UA-46",
      title: "Кабель",
      edrpou: "10000003",
      name: "ТОВ Третє",
    });
    await writeLine(first.id, 1, { status: "OPEN" });
    await writeLine(second.id, 1, { status: "OPEN" });
    await writeLine(third.id, 1, { status: "RESOLVED", clusterId: cluster.id });
    expect(await keptCounts()).toEqual(await countedFromRows());
    expect(await keptCounts()).toMatchObject({ "cluster:": 2 });

    // Lines written before or after their request, in either order.
    await db.requestLine.update({ where: { id: `${first.id}.1` }, data: { status: "ASSIGNED", clusterId: cluster.id } });
    await db.request.update({ where: { id: first.id }, data: { status: "ASSIGNED", assignedClusterId: cluster.id, category: "EQUIPMENT" } });
    expect(await keptCounts()).toEqual(await countedFromRows());
    // A second line, waiting; then handed to the same cluster: two lines of one request count twice.
    await writeLine(first.id, 2, { status: "OPEN" });
    expect(await keptCounts()).toEqual(await countedFromRows());
    await db.requestLine.update({ where: { id: `${first.id}.2` }, data: { status: "ASSIGNED", clusterId: cluster.id } });
    expect(await keptCounts()).toEqual(await countedFromRows());
    expect(await keptCounts()).toMatchObject({ [`cluster:${cluster.id}`]: 2 });
    // A finished request takes its lines out of the count; reopened, they come back.
    await db.request.update({ where: { id: first.id }, data: { status: "CLOSED" } });
    expect(await keptCounts()).toEqual(await countedFromRows());
    await db.request.update({ where: { id: first.id }, data: { status: "ASSIGNED" } });
    expect(await keptCounts()).toEqual(await countedFromRows());
    await db.requestLine.update({ where: { id: `${first.id}.2` }, data: { status: "CANCELLED", clusterId: null } });
    expect(await keptCounts()).toEqual(await countedFromRows());
    // A correction of the industry alone (decision 054).
    await db.request.update({ where: { id: second.id }, data: { sector: "C" } });
    expect(await keptCounts()).toEqual(await countedFromRows());
    expect(await keptCounts()).toMatchObject({ "sector:C": 1, "sector:": 1 });
    await db.request.update({ where: { id: second.id }, data: { status: "RESOLVED" } });
    expect(await keptCounts()).toEqual(await countedFromRows());
    await db.request.update({ where: { id: second.id }, data: { status: "IN_PROGRESS", region: "UA-30" } });
    expect(await keptCounts()).toEqual(await countedFromRows());
    await db.requestLine.deleteMany({ where: { requestId: first.id } });
    expect(await keptCounts()).toEqual(await countedFromRows());
    await db.request.delete({ where: { id: first.id } });
    expect(await keptCounts()).toEqual(await countedFromRows());
    expect(await keptCounts()).toMatchObject({ "status:IN_PROGRESS": 1, "region:UA-30": 1, "cluster:": 1 });
  });

  it("refuses to change or remove a request's event or an admin's record", async () => {
    const request = await writeRequest({
      status: "NEW",
      category: "SUPPLIES",
      urgency: "NORMAL",
      region: "UA-32",
      title: "Пальне",
      edrpou: "20000001",
      name: "ПП Подія",
    });
    const event = await db.requestEvent.create({
      data: { requestId: request.id, action: "create", actorType: "ENTERPRISE", toStatus: "NEW", visibility: "PUBLIC" },
    });
    await expect(db.requestEvent.update({ where: { id: event.id }, data: { message: "змінено" } })).rejects.toThrow();
    await expect(db.requestEvent.delete({ where: { id: event.id } })).rejects.toThrow();
    const entry = await db.adminAuditEntry.create({ data: { action: "user.create", subjectType: "User", subjectId: "u1", subjectLabel: "Олена" } });
    await expect(db.adminAuditEntry.update({ where: { id: entry.id }, data: { subjectLabel: "Інша" } })).rejects.toThrow();
    await expect(db.adminAuditEntry.delete({ where: { id: entry.id } })).rejects.toThrow();
    // SQLite's adapter reports the trigger's refusal as a constraint failure, PostgreSQL's with its text: the rows tell.
    expect(await db.requestEvent.count({ where: { id: event.id, message: null } })).toBe(1);
    expect(await db.adminAuditEntry.count({ where: { id: entry.id, subjectLabel: "Олена" } })).toBe(1);
  });

  it("lets an issued report be marked superseded once, and nothing else", async () => {
    const report = await db.issuedReport.create({
      data: {
        week: "2026-W47",
        edition: "all",
        scope: "all",
        sensitive: "none",
        locale: "uk",
        format: "csv",
        version: 1,
        sha256: "a".repeat(64),
        size: 10,
        issuedBy: "SCHEDULED",
      },
    });
    await expect(db.issuedReport.update({ where: { id: report.id }, data: { size: 11 } })).rejects.toThrow();
    await expect(db.issuedReport.update({ where: { id: report.id }, data: { supersededAt: new Date(), sha256: "b".repeat(64) } })).rejects.toThrow();
    const marked = new Date("2026-11-30T08:00:00.000Z");
    await db.issuedReport.update({ where: { id: report.id }, data: { supersededAt: marked } });
    await expect(db.issuedReport.update({ where: { id: report.id }, data: { supersededAt: new Date() } })).rejects.toThrow();
    await expect(db.issuedReport.delete({ where: { id: report.id } })).rejects.toThrow();
    expect(await db.issuedReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ size: 10, sha256: "a".repeat(64), supersededAt: marked });
  });

  it("finds requests by any part of their search text: Cyrillic words and parts of words, an EDRPOU's digits, a reference", async () => {
    const mill = await writeRequest({
      status: "NEW",
      category: "EQUIPMENT",
      urgency: "HIGH",
      region: "UA-05",
      title: "Ремонт млина",
      edrpou: "31234567",
      name: "ТОВ Вінницький Млин",
    });
    const forge = await writeRequest({
      status: "NEW",
      category: "EQUIPMENT",
      urgency: "HIGH",
      region: "UA-05",
      title: "Кування деталей",
      edrpou: "41234568",
      name: "ПАТ Кузня Поділля",
    });
    expect(await search("вінницьк")).toEqual([mill.reference]);
    expect(await search("млин")).toEqual([mill.reference]);
    expect(await search("кування дет")).toEqual([forge.reference]);
    expect(await search("1234")).toEqual([mill.reference, forge.reference].sort());
    expect(await search(forge.reference.toLowerCase())).toEqual([forge.reference]);
    expect(await search("їжак")).toEqual([]);
    if (env.database.engine === "postgresql") {
      // The substring search is served by the pg_trgm index, not by reading every row.
      const plan = await db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT "reference" FROM "Request" WHERE "searchText" LIKE $1`, "%млин%");
      });
      expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("Request_searchText_trgm_idx");
    }
  });
});
