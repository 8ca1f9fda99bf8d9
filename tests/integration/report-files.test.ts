// The report files as a user gets them from /reports/download: read back with exceljs and a
// CSV parser and compared with what was put in; formulas neutralised; sensitive details only
// where allowed; cluster members scoped to their cluster; every download logged.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { formatIsoWeek, kyivWallClock, lastCompleteIsoWeek } from "~/domain/sla/iso-week";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Action, Actor } from "~/domain/requests/state-machine";
import { writeWeeklyReportCsv } from "~/domain/report/index.server";
import { loader as exportsLoader } from "~/routes/admin.exports";
import { loader as downloadLoader } from "~/routes/reports.download";
import { db } from "~/data/db.server";
import { completeEdrpou } from "~/domain/enterprises/identifiers";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call, respond } from "./route-helpers";
import { cookieFor } from "./sessions";

const HOUR = 3600_000;
// 2026-W13 in Kyiv: S = Monday 23 March 00:00 (+02:00); the week ends at S+167h.
const S = new Date("2026-03-22T22:00:00.000Z").getTime();
const h = (hours: number) => new Date(S + hours * HOUR);
const random = seededRandom(13);
const INJECTION_TITLE = '=HYPERLINK("http://evil.example","Натисніть")';
const INJECTION_NAME = "@SUM(1+1) ТОВ";
const INJECTION_CITY = "-2+3+cmd|' /C calc'!A0";

const users = {} as Record<"coordinator" | "admin" | "memberA" | "memberB", { id: string; cookie: string }>;
const refs = {} as Record<"D1" | "D2" | "D3" | "X1" | "OLD", string>;
let clusterA: string;
let clusterB: string;

async function act(requestId: string, action: Action, actor: Actor, hours: number, input: { clusterId?: string; message?: string } = {}) {
  await db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, input, now: h(hours) }));
}

beforeAll(async () => {
  clusterA = (
    await createCluster({
      slug: "alpha",
      nameUk: "Альфа",
      nameEn: "Alpha",
      kind: "CLUSTER",
      homeRegion: "UA-30",
      capabilities: ["DEFENCE_ORDER"],
      regions: ["UA-30"],
    })
  ).id;
  clusterB = (
    await createCluster({
      slug: "beta",
      nameUk: "Бета",
      nameEn: "Beta",
      kind: "CLUSTER",
      homeRegion: "UA-63",
      capabilities: ["DEFENCE_ORDER"],
      regions: ["UA-63"],
    })
  ).id;
  for (const [key, role, clusterId] of [
    ["coordinator", "COORDINATOR", null],
    ["admin", "ADMIN", null],
    ["memberA", "CLUSTER_MEMBER", clusterA],
    ["memberB", "CLUSTER_MEMBER", clusterB],
  ] as const) {
    const user = await createUser({ email: `${key}@files.example`, name: key, password: "pw-123456789", role, clusterId });
    users[key] = { id: user.id, cookie: await cookieFor(user.id) };
  }
  const coordinator: Actor = { type: "USER", userId: users.coordinator.id, role: "COORDINATOR", clusterId: null };

  const defence = async (hours: number, secret: string) =>
    createRequest({ input: buildIntake(random, { category: "DEFENCE_ORDER", urgency: "HIGH", defenceProductType: secret }), now: h(hours) });
  // D1: a defence order with A. D2: one with B. D3: with A at the week's end, moved to B later.
  const d1 = await defence(10, "Бронепластини секрет-А");
  await act(d1.id, "assign", coordinator, 12, { clusterId: clusterA });
  const d2 = await defence(20, "Корпуси секрет-Б");
  await act(d2.id, "assign", coordinator, 21, { clusterId: clusterB });
  const d3 = await defence(25, "Комплектуючі секрет-В");
  await act(d3.id, "assign", coordinator, 26, { clusterId: clusterA });
  await act(d3.id, "assign", coordinator, 200, { clusterId: clusterB });
  // X1: text that a spreadsheet would run as formulas, filed at 01:00 on the Sunday the clocks
  // change (S+145h) and handed to A at 05:00 summer time (S+148h).
  const x1 = await createRequest({
    input: buildIntake(random, { category: "SUPPLIES", title: INJECTION_TITLE, enterpriseName: INJECTION_NAME, city: INJECTION_CITY }),
    now: h(145),
  });
  await act(x1.id, "assign", coordinator, 148, { clusterId: clusterA });
  // OLD: filed the week before, still new.
  const old = await createRequest({ input: buildIntake(random, { category: "ENERGY", urgency: "LOW" }), now: h(-30) });
  Object.assign(refs, { D1: d1.reference, D2: d2.reference, D3: d3.reference, X1: x1.reference, OLD: old.reference });
  // Documents: two on D1, one on D3, three on X1 during the week and one more after it.
  const attach = (requestId: string, hours: number, n: number) =>
    db.requestFile.create({
      data: {
        requestId,
        addedByType: "ENTERPRISE",
        originalName: `креслення-${n}.pdf`,
        sha256: String(n).padStart(64, "0"),
        size: 1000,
        type: "pdf",
        visibility: "PUBLIC",
        createdAt: h(hours),
      },
    });
  for (const [id, hours] of [
    [d1.id, 11],
    [d1.id, 13],
    [d3.id, 27],
    [x1.id, 146],
    [x1.id, 147],
    [x1.id, 149],
    [x1.id, 170],
  ] as const)
    await attach(id, hours, hours);
});

const download = (who: keyof typeof users, query: string) =>
  respond(downloadLoader, new Request(`http://localhost/reports/download?${query}`, { headers: { Cookie: users[who].cookie } }));

async function xlsx(who: keyof typeof users, query: string) {
  const response = await download(who, query);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return { workbook, response };
}

async function csv(who: keyof typeof users, query: string) {
  const response = await download(who, query);
  expect(response.status).toBe(200);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { bytes, response, text: bytes.toString("utf8") };
}

/** A sheet as arrays of cell values, header first. */
function rowsOf(sheet: ExcelJS.Worksheet) {
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row) => rows.push((row.values as ExcelJS.CellValue[]).slice(1)));
  return rows;
}

function allText(workbook: ExcelJS.Workbook) {
  const parts: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => parts.push(String(cell.value)))));
  return parts.join("\n");
}

describe("XLSX", () => {
  it("has the four sheets with Ukrainian headers, real dates in Kyiv time, frozen headers and filters", async () => {
    const { workbook, response } = await xlsx("coordinator", "week=2026-W13&format=xlsx&scope=all");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="rrc-weekly-2026-W13-all.xlsx"');
    // A closed week's stored file: never re-encoded on the way either (decision 042).
    expect(response.headers.get("Cache-Control")).toBe("private, no-store, no-transform");
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Зведення", "Запити", "Зміни", "Кластери"]);

    const requests = workbook.getWorksheet("Запити")!;
    const rows = rowsOf(requests);
    const header = rows[0] as string[];
    expect(header.slice(0, 4)).toEqual(["Номер", "Подано", "Підприємство", "ЄДРПОУ / РНОКПП"]);
    expect(header).toContain("Чутливі дані (оборонне замовлення)");
    const col = (name: string) => header.indexOf(name);
    const byRef = new Map(rows.slice(1).map((r) => [r[0] as string, r]));
    expect([...byRef.keys()].sort()).toEqual([refs.D1, refs.D2, refs.D3, refs.X1, refs.OLD].sort());

    // Filed Sunday 01:00 (+02:00), handed over at 05:00 (+03:00): the cells show Kyiv time.
    const x1 = byRef.get(refs.X1)!;
    expect(x1[col("Подано")]).toEqual(new Date("2026-03-29T01:00:00.000Z"));
    expect(x1[col("Передано кластеру")]).toEqual(new Date("2026-03-29T05:00:00.000Z"));
    expect(x1[col("Подано")]).toEqual(kyivWallClock(h(145)));
    expect(requests.getRow(2).getCell(col("Подано") + 1).numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(x1[col("Стан на кінець тижня")]).toBe("Передано кластеру");
    expect(x1[col("Кластер на кінець тижня")]).toBe("Альфа");
    expect(x1[col("Вік на кінець тижня, дн")]).toBeCloseTo(22 / 24, 1);

    // D3 ended the week with A although it is with B now.
    expect(byRef.get(refs.D3)![col("Кластер на кінець тижня")]).toBe("Альфа");
    expect(byRef.get(refs.D1)![col("Чутливі дані (оборонне замовлення)")]).toContain("секрет-А");

    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
    }
    expect(String(requests.autoFilter)).toMatch(/^A1:AA6$/);
    // The enterprise's industry, after the columns that were there before it.
    expect(col("Галузь підприємства (КВЕД)")).toBe(col("Документів на кінець тижня") + 1);
    for (const ref of [refs.D1, refs.X1]) expect(byRef.get(ref)![col("Галузь підприємства (КВЕД)")]).toMatch(/^[A-U] — \S/);

    // Documents per request, as they stood at the week's end (X1's fourth came later).
    const files = col("Документів на кінець тижня");
    expect(files).toBeGreaterThan(0);
    expect([refs.D1, refs.D2, refs.D3, refs.X1, refs.OLD].map((ref) => byRef.get(ref)![files])).toEqual([2, 0, 1, 3, 0]);

    const summary = rowsOf(workbook.getWorksheet("Зведення")!);
    const value = (measure: string) => summary.find((r) => r[1] === measure)?.[2];
    expect(value("Тиждень")).toBe("2026-W13");
    expect(value("Початок (київський час)")).toEqual(new Date("2026-03-23T00:00:00.000Z"));
    expect(value("Кінець (київський час, не включно)")).toEqual(new Date("2026-03-30T00:00:00.000Z"));
    expect(value("Подано нових запитів")).toBe(4);
    expect(value("Передано кластерам")).toBe(4);
    expect(value("Відкритих запитів")).toBe(5);

    const changes = rowsOf(workbook.getWorksheet("Зміни")!);
    expect(changes[0]).toEqual(["Коли", "Що сталося", "Номер", "Дія", "Був стан", "Новий стан", "Кластер", "Категорія", "Терміновість"]);
    // Four filings and four hand-overs in the week (D3's second hand-over is later) and OLD
    // running out of triage time at S+90h (LOW: 5 days from S−30h), in time order.
    expect(changes.slice(1).map((r) => [r[1], r[2]])).toEqual([
      ["Новий запит", refs.D1],
      ["Зміна стану", refs.D1],
      ["Новий запит", refs.D2],
      ["Зміна стану", refs.D2],
      ["Новий запит", refs.D3],
      ["Зміна стану", refs.D3],
      ["Прострочено", refs.OLD],
      ["Новий запит", refs.X1],
      ["Зміна стану", refs.X1],
    ]);
    // S+90h = Thursday 26 March 16:00 UTC, 18:00 in Kyiv.
    expect(changes[7]).toEqual([
      new Date("2026-03-26T18:00:00.000Z"),
      "Прострочено",
      refs.OLD,
      "Минув строк розгляду",
      undefined,
      undefined,
      "без кластера",
      "Енергозабезпечення",
      "Низька",
    ]);
    const times = changes.slice(1).map((r) => (r[0] as Date).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const clusters = rowsOf(workbook.getWorksheet("Кластери")!);
    expect(clusters.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ["Альфа", "alpha", 3], // D1, D3, X1 open with A at the week's end
      ["Бета", "beta", 1],
      ["без кластера", undefined, 1], // OLD
    ]);
  });

  it("speaks English on request", async () => {
    const { workbook } = await xlsx("coordinator", "week=2026-W13&format=xlsx&lang=en");
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Requests", "Changes", "Clusters"]);
    expect(rowsOf(workbook.getWorksheet("Requests")!)[0]!.slice(0, 2)).toEqual(["Reference", "Filed"]);
    expect(rowsOf(workbook.getWorksheet("Requests")!)[0]).toContain("Documents at week end");
  });

  it("neutralises cells that a spreadsheet would run as formulas", async () => {
    const { workbook } = await xlsx("coordinator", "week=2026-W13&format=xlsx");
    const sheet = workbook.getWorksheet("Запити")!;
    let found = 0;
    sheet.eachRow((row) => {
      if (row.getCell(1).value !== refs.X1) return;
      found += 1;
      const cells = (row.values as ExcelJS.CellValue[]).slice(1);
      expect(cells).toContain(`'${INJECTION_TITLE}`);
      expect(cells).toContain(`'${INJECTION_NAME}`);
      expect(cells).toContain(`'${INJECTION_CITY}`);
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    });
    expect(found).toBe(1);
  });
});

describe("CSV", () => {
  it("is UTF-8 with a BOM, one row per request, Ukrainian with semicolons and decimal commas", async () => {
    const { bytes, response, text } = await csv("coordinator", "week=2026-W13&format=csv");
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="rrc-weekly-2026-W13-all.csv"');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(text, { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    expect(records.map((r) => r["Номер"]).sort()).toEqual([refs.D1, refs.D2, refs.D3, refs.X1, refs.OLD].sort());
    const x1 = records.find((r) => r["Номер"] === refs.X1)!;
    expect(x1).toMatchObject({
      Подано: "2026-03-29 01:00",
      "Передано кластеру": "2026-03-29 05:00",
      "Стан на кінець тижня": "Передано кластеру",
      "Кластер на кінець тижня": "Альфа",
      "Вік на кінець тижня, дн": "0,9",
      "Суть запиту": `'${INJECTION_TITLE}`,
      Підприємство: `'${INJECTION_NAME}`,
      "Населений пункт": `'${INJECTION_CITY}`,
      "Прострочено на кінець тижня": "ні",
      "Документів на кінець тижня": "3",
    });
    expect(records.find((r) => r["Номер"] === refs.OLD)!["Документів на кінець тижня"]).toBe("0");
    // Sensitive details are named as the intake form names them, in the file's language.
    const sensitive = records.find((r) => r["Номер"] === refs.D1)!["Чутливі дані (оборонне замовлення)"];
    expect(sensitive).toContain("Тип продукції: Бронепластини секрет-А");
    expect(sensitive).not.toContain("productType");
  });

  it("keeps an EDRPOU's leading zeros for people who open it in a spreadsheet, and for programs that read it", async () => {
    const edrpou = completeEdrpou("0003212");
    expect(edrpou).toMatch(/^000/);
    const filed = await createRequest({ input: buildIntake(random, { edrpou, category: "ENERGY" }), now: new Date("2026-05-12T09:00:00Z") });
    const { text } = await csv("coordinator", "week=2026-W20&format=csv");
    // Written as ="0003212…" (RFC 4180-quoted): Excel and LibreOffice show the text with its zeros.
    expect(text).toContain(`;"=""${edrpou}""";`);
    const record = (parse(text, { bom: true, delimiter: ";", columns: true }) as Record<string, string>[]).find((r) => r["Номер"] === filed.reference)!;
    expect(record["ЄДРПОУ / РНОКПП"]).toBe(`="${edrpou}"`);
    expect(/^="(\d+)"$/.exec(record["ЄДРПОУ / РНОКПП"]!)![1]).toBe(edrpou);
    // The XLSX holds it as a text cell, formatted as text.
    const { workbook } = await xlsx("coordinator", "week=2026-W20&format=xlsx");
    const sheet = workbook.getWorksheet("Запити")!;
    const header = rowsOf(sheet)[0]!;
    const row = rowsOf(sheet).find((r) => r[0] === filed.reference)!;
    expect(row[header.indexOf("ЄДРПОУ / РНОКПП")]).toBe(edrpou);
  });

  it("in English uses commas and decimal points", async () => {
    const { text } = await csv("coordinator", "week=2026-W13&format=csv&lang=en");
    const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    // The title holds a comma and quotes: quoted, quotes doubled, read back whole.
    expect(records.find((r) => r.Reference === refs.X1)).toMatchObject({
      Filed: "2026-03-29 01:00",
      "Age at week end, days": "0.9",
      "Overdue at week end": "no",
      Request: `'${INJECTION_TITLE}`,
    });
  });

  it("comes out the same whatever the page size (the rows are streamed page by page)", async () => {
    const write = async (pageSize: number) => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on("data", (c: Buffer) => chunks.push(c));
      const progress: number[] = [];
      await writeWeeklyReportCsv(
        { week: { year: 2026, week: 13 }, scope: { kind: "all" }, sensitive: "all", pageSize, onProgress: (p) => progress.push(p.rows) },
        out,
      );
      return { text: Buffer.concat(chunks).toString("utf8"), progress };
    };
    const one = await write(1000);
    const two = await write(2);
    expect(two.text).toBe(one.text);
    expect(two.progress).toEqual([2, 4, 5]);
  });
});

describe("who gets what", () => {
  const SECRETS = ["секрет-А", "секрет-Б", "секрет-В"];

  /** Each listed request's documents cell, by reference. */
  function fileCounts(rows: ExcelJS.CellValue[][], refsWanted: string[]) {
    const header = rows[0] as string[];
    const files = header.indexOf("Документів на кінець тижня");
    expect(files).toBeGreaterThan(0);
    return refsWanted.map((ref) => rows.find((r) => r[0] === ref)?.[files] ?? null);
  }

  it("a partners export carries no sensitive details anywhere, not even how many documents a defence order has", async () => {
    const { workbook } = await xlsx("coordinator", "week=2026-W13&format=xlsx&scope=partners");
    const text = allText(workbook);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain("креслення");
    const rows = rowsOf(workbook.getWorksheet("Запити")!);
    expect(rows[0]).not.toContain("Чутливі дані (оборонне замовлення)");
    // D1 and D3 have documents; a partner sees an empty cell. X1 (supplies) shows its count.
    expect(fileCounts(rows, [refs.D1, refs.D2, refs.D3, refs.X1, refs.OLD])).toEqual([null, null, null, 3, 0]);
    const { text: csvText } = await csv("admin", "week=2026-W13&format=csv&scope=partners");
    for (const secret of SECRETS) expect(csvText).not.toContain(secret);
    const records = parse(csvText, { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    expect([refs.D1, refs.D3, refs.X1].map((ref) => records.find((r) => r["Номер"] === ref)!["Документів на кінець тижня"])).toEqual(["", "", "3"]);
  });

  it("a cluster member gets only their cluster's requests, and only their own current sensitive details", async () => {
    const { workbook, response } = await xlsx("memberA", "week=2026-W13&format=xlsx");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="rrc-weekly-2026-W13-cluster-alpha.xlsx"');
    const rows = rowsOf(workbook.getWorksheet("Запити")!);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([refs.D1, refs.D3, refs.X1].sort());
    const text = allText(workbook);
    expect(text).toContain("секрет-А");
    expect(text).not.toContain("секрет-Б"); // B's request is not there at all
    expect(text).not.toContain("секрет-В"); // D3 was A's that week, but is B's now
    expect(text).not.toContain(refs.D2);
    expect(text).not.toContain(refs.OLD);
    // The documents of A's own defence order are counted; D3's are B's business now.
    expect(fileCounts(rows, [refs.D1, refs.D3, refs.X1])).toEqual([2, null, 3]);

    const { text: csvText } = await csv("memberB", "week=2026-W13&format=csv");
    const records = parse(csvText, { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
    expect(records.map((r) => r["Номер"])).toEqual([refs.D2]);
    expect(csvText).toContain("секрет-Б");
    expect(csvText).not.toContain("секрет-А");
  });

  it("a cluster member cannot ask for more", async () => {
    expect((await download("memberA", "week=2026-W13&scope=all")).status).toBe(403);
    expect((await download("memberA", "week=2026-W13&scope=partners")).status).toBe(403);
    expect((await download("memberA", "week=2026-W13&scope=cluster&cluster=beta")).status).toBe(403);
  });

  it("staff export one cluster without sensitive details", async () => {
    const { workbook, response } = await xlsx("coordinator", "week=2026-W13&format=xlsx&scope=cluster&cluster=beta");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="rrc-weekly-2026-W13-cluster-beta.xlsx"');
    expect(
      rowsOf(workbook.getWorksheet("Запити")!)
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([refs.D2]);
    for (const secret of SECRETS) expect(allText(workbook)).not.toContain(secret);
    // A staff export of alpha, without sensitive details: its defence orders' documents are not counted.
    const alpha = await xlsx("coordinator", "week=2026-W13&format=xlsx&scope=cluster&cluster=alpha");
    expect(fileCounts(rowsOf(alpha.workbook.getWorksheet("Запити")!), [refs.D1, refs.D3, refs.X1])).toEqual([null, null, 3]);
  });

  it("refuses a bad week, a week not begun and an unknown cluster with a message", async () => {
    for (const week of ["2026-W54", "next", "2099-W01"]) {
      const response = await download("coordinator", `week=${week}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("2026-W13");
    }
    const unknown = await download("coordinator", "week=2026-W13&scope=cluster&cluster=no-such");
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toBe("Невідомий кластер.");
  });

  it("defaults to the last complete week", async () => {
    const response = await download("coordinator", "format=csv");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="rrc-weekly-${formatIsoWeek(lastCompleteIsoWeek(new Date()))}-all.csv"`);
    await response.arrayBuffer();
  });
});

describe("the export log", () => {
  it("records every download and lists them for admins, newest first", async () => {
    await db.$transaction((tx) => tx.exportLog.deleteMany());
    await (await download("coordinator", "week=2026-W13&format=csv&scope=partners")).arrayBuffer();
    await (await download("memberA", "week=2026-W12&format=xlsx")).arrayBuffer();
    // A refused download is not a download.
    await download("memberA", "week=2026-W12&scope=all");
    const logged = await db.exportLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(logged).toMatchObject([
      { userId: users.coordinator.id, week: "2026-W13", format: "csv", scope: "partners", clusterId: null },
      { userId: users.memberA.id, week: "2026-W12", format: "xlsx", scope: "cluster", clusterId: clusterA },
    ]);

    const answer = await call(exportsLoader, new Request("http://localhost/admin/exports", { headers: { Cookie: users.admin.cookie } }));
    expect(answer.status).toBe(200);
    expect(answer.data.total).toBe(2);
    expect(answer.data.rows.map((r: { week: string; user: { email: string } }) => [r.week, r.user.email])).toEqual([
      ["2026-W12", "memberA@files.example"],
      ["2026-W13", "coordinator@files.example"],
    ]);
    const refused = await call(exportsLoader, new Request("http://localhost/admin/exports", { headers: { Cookie: users.coordinator.cookie } }));
    expect(refused.status).toBe(403);
  });
});

describe("npm run report:weekly", () => {
  const run = async (args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(path.resolve("node_modules/.bin/tsx"), ["scripts/report-weekly.ts", ...args], {
        env: { ...process.env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it("writes the file, says where on stdout, shows progress on stderr and logs the export", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rrc-report-"));
    try {
      await db.$transaction((tx) => tx.exportLog.deleteMany());
      const done = await run(["--week", "2026-W13", "--format", "csv", "--cluster", "alpha", "--out", dir]);
      expect(done.code).toBe(0);
      const file = path.join(dir, "rrc-weekly-2026-W13-cluster-alpha.csv");
      expect(done.stdout.trim()).toBe(file);
      expect(done.stderr).toContain("Weekly report 2026-W13 (2026-03-23 00:00 — 2026-03-30 00:00 Kyiv time)");
      const records = parse(fs.readFileSync(file, "utf8"), { bom: true, delimiter: ";", columns: true }) as Record<string, string>[];
      expect(records.map((r) => r["Номер"]).sort()).toEqual([refs.D1, refs.D3, refs.X1].sort());
      expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
      expect(await db.exportLog.findMany()).toMatchObject([{ userId: null, week: "2026-W13", format: "csv", scope: "cluster", clusterId: clusterA }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("stops with exit code 2 and a clear message on a bad week or an unknown cluster", async () => {
    const badWeek = await run(["--week", "2026-W60"]);
    expect(badWeek.code).toBe(2);
    expect(badWeek.stderr).toContain('bad week "2026-W60"');
    const unknown = await run(["--week", "2026-W13", "--cluster", "no-such"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown cluster "no-such"');
  }, 60_000);
});
