// A closed week's report as issued (decision 042): written once, stored with its SHA-256, and
// every later download gets the same bytes whatever happens to the data; the week still running
// is written from the data; an admin's regeneration adds version 2 and keeps version 1; members
// get only their own cluster's stored file; the scheduled job writes each edition once.
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Actor } from "~/domain/requests/state-machine";
import { fileStore } from "~/domain/files/storage.server";
import { sweepFiles } from "~/domain/files/sweep.server";
import { scheduledEditions } from "~/domain/report/issued";
import { issueClosedWeekReports } from "~/domain/report/issued.server";
import { runScheduledJobs } from "~/domain/scheduler.server";
import { formatIsoWeek, isoWeekOf, isoWeekRange } from "~/domain/sla/iso-week";
import { action as exportsAction, loader as exportsLoader } from "~/routes/admin.exports";
import { loader as downloadLoader } from "~/routes/reports.download";
import { loader as issuedLoader } from "~/routes/reports.issued.$id";
import type { Region } from "~/domain/taxonomy";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call, formRequest, respond } from "./route-helpers";
import { cookieFor } from "./sessions";

const HOUR = 3600_000;
// 2026-W13 in Kyiv: Monday 23 March 00:00 (+02:00) = S.
const S = new Date("2026-03-22T22:00:00.000Z").getTime();
const h = (hours: number) => new Date(S + hours * HOUR);
const random = seededRandom(42);

const users = {} as Record<"coordinator" | "admin" | "memberA" | "memberB", { id: string; cookie: string }>;
let clusterA: string;
let titled: { id: string; reference: string };

beforeAll(async () => {
  const cluster = (slug: string, nameUk: string, nameEn: string, region: Region) =>
    createCluster({ slug, nameUk, nameEn, kind: "CLUSTER", homeRegion: region, capabilities: ["DEFENCE_ORDER", "SUPPLIES"], regions: [region] });
  clusterA = (await cluster("alpha", "Альфа", "Alpha", "UA-30")).id;
  const clusterB = (await cluster("beta", "Бета", "Beta", "UA-63")).id;
  for (const [key, role, clusterId] of [
    ["coordinator", "COORDINATOR", null],
    ["admin", "ADMIN", null],
    ["memberA", "CLUSTER_MEMBER", clusterA],
    ["memberB", "CLUSTER_MEMBER", clusterB],
  ] as const) {
    const user = await createUser({ email: `${key}@issued.example`, name: key, password: "pw-123456789", role, clusterId });
    users[key] = { id: user.id, cookie: await cookieFor(user.id) };
  }
  const coordinator: Actor = { type: "USER", userId: users.coordinator.id, role: "COORDINATOR", clusterId: null };
  const assign = (requestId: string, clusterId: string, hours: number) =>
    db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action: "assign", actor: coordinator, input: { clusterId }, now: h(hours) }));
  const a = await createRequest({ input: buildIntake(random, { category: "DEFENCE_ORDER", defenceProductType: "Бронепластини секрет-А" }), now: h(10) });
  await assign(a.id, clusterA, 12);
  const b = await createRequest({ input: buildIntake(random, { category: "SUPPLIES", title: "Сталь для цеху" }), now: h(20) });
  await assign(b.id, clusterB, 22);
  titled = { id: b.id, reference: b.reference };
});

const download = (who: keyof typeof users, query: string, acceptEncoding?: string) =>
  respond(
    downloadLoader,
    new Request(`http://localhost/reports/download?${query}`, {
      headers: { Cookie: users[who].cookie, ...(acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {}) },
    }),
  );

async function bytesOf(who: keyof typeof users, query: string, acceptEncoding?: string) {
  const response = await download(who, query, acceptEncoding);
  expect(response.status).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), response };
}

const issuedFile = (who: keyof typeof users, id: string, acceptEncoding?: string) =>
  respond(
    issuedLoader,
    new Request(`http://localhost/reports/issued/${id}`, {
      headers: { Cookie: users[who].cookie, ...(acceptEncoding ? { "Accept-Encoding": acceptEncoding } : {}) },
    }),
    { id },
  );

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const retitle = (title: string) => db.$transaction((tx) => tx.request.update({ where: { id: titled.id }, data: { title } }));

describe("a closed week's download", () => {
  it("is the stored file, byte for byte, at every download, even after the data changed", async () => {
    const first = await bytesOf("coordinator", "week=2026-W13&format=xlsx&scope=all");
    expect(first.response.headers.get("ETag")).toBe(`"${sha256(first.bytes)}"`);
    expect(first.response.headers.get("Content-Length")).toBe(String(first.bytes.length));
    expect(first.response.headers.get("Cache-Control")).toBe("private, no-store, no-transform");
    expect(first.response.headers.get("Content-Disposition")).toBe('attachment; filename="rrc-weekly-2026-W13-all.xlsx"');
    const csvBefore = await bytesOf("coordinator", "week=2026-W13&format=csv&scope=partners");
    expect(csvBefore.bytes.toString("utf8")).toContain("Сталь для цеху");

    await retitle("Сталь для цеху (уточнено після тижня)");
    for (let i = 0; i < 3; i++) {
      const again = await bytesOf("coordinator", "week=2026-W13&format=xlsx&scope=all");
      expect(again.bytes.equals(first.bytes)).toBe(true);
      expect(again.response.headers.get("ETag")).toBe(first.response.headers.get("ETag"));
    }
    const csvAfter = await bytesOf("admin", "week=2026-W13&format=csv&scope=partners");
    expect(csvAfter.bytes.equals(csvBefore.bytes)).toBe(true);
    expect(csvAfter.bytes.toString("utf8")).not.toContain("уточнено");
    // One row per edition, version 1, written by the first download; every download logged with it.
    const rows = await db.issuedReport.findMany({ where: { week: "2026-W13" }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.edition.split(":")[0], r.format, r.version, r.issuedBy, r.createdById])).toEqual([
      ["all", "xlsx", 1, "FIRST_DOWNLOAD", users.coordinator.id],
      ["partners", "csv", 1, "FIRST_DOWNLOAD", users.coordinator.id],
    ]);
    expect(rows[0]!.sha256).toBe(sha256(first.bytes));
    expect(await db.exportLog.count({ where: { issuedReportId: rows[0]!.id } })).toBe(4);
    await retitle("Сталь для цеху");
  });

  it("is a separate file per language and per whose sensitive details it carries", async () => {
    const uk = await bytesOf("coordinator", "week=2026-W13&format=csv&scope=all&lang=uk");
    const en = await bytesOf("coordinator", "week=2026-W13&format=csv&scope=all&lang=en");
    expect(parse(uk.bytes.toString("utf8"), { bom: true, delimiter: ";", columns: true })[0]).toHaveProperty("Номер");
    expect(parse(en.bytes.toString("utf8"), { bom: true, columns: true })[0]).toHaveProperty("Reference");
    const member = await bytesOf("memberA", "week=2026-W13&format=csv");
    const staff = await bytesOf("coordinator", "week=2026-W13&format=csv&scope=cluster&cluster=alpha");
    expect(member.response.headers.get("Content-Disposition")).toBe(staff.response.headers.get("Content-Disposition"));
    expect(member.bytes.toString("utf8")).toContain("секрет-А");
    expect(staff.bytes.toString("utf8")).not.toContain("секрет-А");
  });

  it("of the week still running is written from the data at each download", async () => {
    const now = new Date();
    const current = formatIsoWeek(isoWeekOf(now));
    const filed = await createRequest({
      input: buildIntake(random, { category: "SUPPLIES", title: "Поточний тиждень" }),
      now: isoWeekRange(isoWeekOf(now)).start,
    });
    const before = await bytesOf("coordinator", `week=${current}&format=csv&scope=partners`);
    expect(before.response.headers.get("ETag")).toBeNull();
    await db.$transaction((tx) => tx.request.update({ where: { id: filed.id }, data: { title: "Поточний тиждень, змінено" } }));
    const after = await bytesOf("coordinator", `week=${current}&format=csv&scope=partners`);
    expect(after.bytes.toString("utf8")).toContain("Поточний тиждень, змінено");
    expect(await db.issuedReport.count({ where: { week: current } })).toBe(0);
  });
});

describe("a closed week's CSV to a browser, which accepts gzip", () => {
  const BROWSER = "gzip, deflate, br, zstd";

  it("is the stored gzip copy: fewer bytes on the wire, the same file once unpacked", async () => {
    const query = "week=2026-W13&format=csv&scope=all&lang=en";
    const plain = await bytesOf("coordinator", query);
    expect(plain.response.headers.get("Content-Encoding")).toBeNull();
    const packed = await bytesOf("coordinator", query, BROWSER);
    expect(packed.response.headers.get("Content-Encoding")).toBe("gzip");
    expect(packed.response.headers.get("Content-Length")).toBe(String(packed.bytes.length));
    expect(packed.response.headers.get("Vary")).toBe("Accept-Encoding");
    expect(packed.response.headers.get("Cache-Control")).toBe("private, no-store, no-transform");
    expect(packed.response.headers.get("Content-Disposition")).toBe(plain.response.headers.get("Content-Disposition"));
    const unpacked = gunzipSync(packed.bytes);
    expect(unpacked.equals(plain.bytes)).toBe(true);
    expect(packed.bytes.length).toBeLessThan(plain.bytes.length);
    // Another representation, its own tag; the file saved is the one issued, by its SHA-256.
    const row = await db.issuedReport.findFirstOrThrow({ where: { week: "2026-W13", edition: { startsWith: "all:" }, format: "csv", locale: "en" } });
    expect(sha256(unpacked)).toBe(row.sha256);
    expect(packed.response.headers.get("ETag")).toBe(`"${row.sha256}.gz"`);
    expect(row.gzipSize).toBe(packed.bytes.length);
    // The admin's download of that version by its id is the same copy.
    const byId = await issuedFile("admin", row.id, BROWSER);
    expect(byId.headers.get("Content-Encoding")).toBe("gzip");
    expect(Buffer.from(await byId.arrayBuffer()).equals(packed.bytes)).toBe(true);
  });

  it("is the file as it is to a client that refuses gzip or does not name it, and for an XLSX", async () => {
    const query = "week=2026-W13&format=csv&scope=all&lang=en";
    for (const refused of ["gzip;q=0, br", "identity", "br", "*;q=0", "gzip;q=0.000"]) {
      const answer = await bytesOf("coordinator", query, refused);
      expect(answer.response.headers.get("Content-Encoding"), refused).toBeNull();
    }
    for (const accepted of ["*", "GZIP;q=0.5", "x-gzip", "br;q=1, gzip;q=0.1"]) {
      const answer = await bytesOf("coordinator", query, accepted);
      expect(answer.response.headers.get("Content-Encoding"), accepted).toBe("gzip");
    }
    const xlsx = await bytesOf("coordinator", "week=2026-W13&format=xlsx&scope=all", BROWSER);
    expect(xlsx.response.headers.get("Content-Encoding")).toBeNull();
    expect(xlsx.response.headers.get("Vary")).toBeNull();
    expect(xlsx.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("falls back to the file itself when its copy is gone from the store", async () => {
    const query = "week=2026-W13&format=csv&scope=partners";
    const plain = await bytesOf("coordinator", query);
    const row = await db.issuedReport.findFirstOrThrow({ where: { week: "2026-W13", edition: { startsWith: "partners:" }, format: "csv" } });
    await fileStore().delete(row.gzipSha256!);
    const answer = await bytesOf("coordinator", query, BROWSER);
    expect(answer.response.headers.get("Content-Encoding")).toBeNull();
    expect(answer.bytes.equals(plain.bytes)).toBe(true);
  });
});

describe("who gets which stored file", () => {
  it("a member cannot fetch another cluster's stored file, by the download or by its id", async () => {
    await bytesOf("memberA", "week=2026-W13&format=xlsx");
    const alpha = await db.issuedReport.findFirstOrThrow({ where: { week: "2026-W13", clusterId: clusterA, sensitive: "own", format: "xlsx" } });
    expect((await download("memberB", "week=2026-W13&format=xlsx&scope=cluster&cluster=alpha")).status).toBe(403);
    expect((await download("memberB", "week=2026-W13&format=xlsx&scope=all")).status).toBe(403);
    expect((await issuedFile("memberB", alpha.id)).status).toBe(403);
    expect((await issuedFile("memberA", alpha.id)).status).toBe(403);
    expect((await issuedFile("coordinator", alpha.id)).status).toBe(403);
    // B's own download is B's file, not A's.
    const own = await bytesOf("memberB", "week=2026-W13&format=xlsx");
    expect(own.response.headers.get("ETag")).not.toBe(`"${alpha.sha256}"`);
    expect(own.response.headers.get("Content-Disposition")).toBe('attachment; filename="rrc-weekly-2026-W13-cluster-beta.xlsx"');
  });

  it("answers bad input with 400 or 404, never a 500", async () => {
    expect((await download("coordinator", "week=2026-W99&format=csv")).status).toBe(400);
    expect((await download("coordinator", "week=2026-W13&format=pdf")).status).toBe(400);
    expect((await download("coordinator", "week=2026-W13&scope=everything")).status).toBe(400);
    const unknown = await issuedFile("admin", "nosuchreport");
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("Такого виданого звіту немає.");
    expect((await issuedFile("admin", "../../etc")).status).toBe(404);
    const page = (query: string) => call(exportsLoader, new Request(`http://localhost/admin/exports?${query}`, { headers: { Cookie: users.admin.cookie } }));
    expect((await page("week=nonsense")).status).toBe(404);
    expect((await page(`week=${formatIsoWeek(isoWeekOf(new Date()))}`)).status).toBe(404);
    expect((await page("week=2099-W01")).status).toBe(404);
    expect((await page("week=2026-W13")).status).toBe(200);
  });
});

describe("regenerating a closed week's file", () => {
  const regenerate = (who: keyof typeof users, form: Record<string, string>) =>
    call(exportsAction, formRequest("/admin/exports", form, { headers: { Cookie: users[who].cookie, "Content-Type": "application/x-www-form-urlencoded" } }));

  it("writes version 2 from the data, keeps version 1 downloadable and marked, and records it", async () => {
    const v1 = await bytesOf("coordinator", "week=2026-W13&format=csv&scope=partners");
    const row1 = await db.issuedReport.findFirstOrThrow({ where: { week: "2026-W13", scope: "partners", format: "csv", locale: "uk" } });
    await retitle("Сталь для цеху, категорію виправлено");

    expect((await regenerate("coordinator", { id: row1.id, reason: "виправлено" })).status).toBe(403);
    const noReason = await regenerate("admin", { id: row1.id, reason: "  " });
    expect(noReason.status).toBe(400);
    expect(noReason.data.error.reason).toEqual(["required"]);
    expect((await regenerate("admin", { id: "nosuchreport", reason: "виправлено" })).status).toBe(404);

    const done = await regenerate("admin", { id: row1.id, reason: "Категорію запиту виправлено після закриття тижня" });
    expect(done.status).toBe(303);
    const row2 = await db.issuedReport.findFirstOrThrow({ where: { week: "2026-W13", edition: row1.edition, version: 2 } });
    expect(done.location).toBe(`/admin/exports?week=2026-W13&regenerated=${row2.id}#issued`);
    expect(row2).toMatchObject({
      issuedBy: "REGENERATED",
      createdById: users.admin.id,
      reason: "Категорію запиту виправлено після закриття тижня",
      supersededAt: null,
    });
    expect((await db.issuedReport.findUniqueOrThrow({ where: { id: row1.id } })).supersededAt).toBeInstanceOf(Date);

    // Downloads now get version 2, from the data as it was at the regeneration.
    const served = await bytesOf("coordinator", "week=2026-W13&format=csv&scope=partners");
    expect(served.bytes.toString("utf8")).toContain("категорію виправлено");
    expect(served.response.headers.get("ETag")).toBe(`"${row2.sha256}"`);
    // Version 1 stays downloadable by admins, byte for byte.
    const old = await issuedFile("admin", row1.id);
    expect(old.status).toBe(200);
    expect(Buffer.from(await old.arrayBuffer()).equals(v1.bytes)).toBe(true);
    expect(old.headers.get("Content-Disposition")).toBe('attachment; filename="rrc-weekly-2026-W13-partners.csv"');
    const fresh = await issuedFile("admin", row2.id);
    expect(fresh.headers.get("Content-Disposition")).toBe('attachment; filename="rrc-weekly-2026-W13-partners.v2.csv"');
    await fresh.arrayBuffer();

    // Listed with both versions, the old one marked superseded.
    const page = await call(exportsLoader, new Request("http://localhost/admin/exports?week=2026-W13", { headers: { Cookie: users.admin.cookie } }));
    const listed = page.data.issued.files.filter((f: { id: string }) => f.id === row1.id || f.id === row2.id);
    expect(listed.map((f: { version: number; supersededAt: string | null }) => [f.version, f.supersededAt !== null])).toEqual([
      [2, false],
      [1, true],
    ]);
    // In the admin's record, with before and after.
    const entry = await db.adminAuditEntry.findFirstOrThrow({ where: { action: "report.regenerate", subjectId: row2.id } });
    expect(entry).toMatchObject({ actorUserId: users.admin.id, subjectType: "report", subjectLabel: "rrc-weekly-2026-W13-partners.v2.csv (uk)" });
    expect(JSON.parse(entry.before!)).toEqual({ version: 1, sha256: row1.sha256, size: row1.size });
    expect(JSON.parse(entry.after!)).toMatchObject({ version: 2, sha256: row2.sha256, note: "Категорію запиту виправлено після закриття тижня" });

    // Regenerating the superseded version again is refused: someone already did.
    const stale = await regenerate("admin", { id: row1.id, reason: "ще раз" });
    expect(stale.status).toBe(409);
    expect(stale.data.error.id).toEqual(["reportSuperseded"]);
    expect(await db.issuedReport.count({ where: { edition: row1.edition, week: "2026-W13" } })).toBe(2);
    await retitle("Сталь для цеху");
  });

  it("never changes or deletes an issued row other than marking it superseded", async () => {
    const row = await db.issuedReport.findFirstOrThrow({ where: { week: "2026-W13", supersededAt: null } });
    await expect(db.$transaction((tx) => tx.issuedReport.update({ where: { id: row.id }, data: { sha256: "0".repeat(64) } }))).rejects.toThrow();
    await expect(db.$transaction((tx) => tx.issuedReport.delete({ where: { id: row.id } }))).rejects.toThrow();
  });
});

describe("the scheduled job", () => {
  it("writes every edition of the week just closed once; run twice, or twice at once, it writes nothing more", async () => {
    // Monday 6 April 2026, 00:30 Kyiv: 2026-W14 has just closed.
    const now = new Date("2026-04-05T21:30:00.000Z");
    const clusters = await db.cluster.count({ where: { active: true } });
    const expected = scheduledEditions(Array.from({ length: clusters }, (_, i) => String(i))).length;
    expect(expected).toBe((2 + 2 * clusters) * 4);
    const [one, two] = await Promise.all([issueClosedWeekReports({ now, budgetMs: 60_000 }), issueClosedWeekReports({ now, budgetMs: 60_000 })]);
    expect(one.week).toBe("2026-W14");
    expect(one.left + two.left).toBe(0);
    const rows = await db.issuedReport.findMany({ where: { week: "2026-W14" }, select: { edition: true, version: true, issuedBy: true, sha256: true } });
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => r.edition)).size).toBe(expected);
    expect(rows.every((r) => r.version === 1 && r.issuedBy === "SCHEDULED")).toBe(true);

    const again = await runScheduledJobs({ now: new Date(now.getTime() + HOUR) });
    expect(again.reports).toEqual({ week: "2026-W14", written: 0, left: 0 });
    expect(await db.issuedReport.count({ where: { week: "2026-W14" } })).toBe(expected);
    // A download of that week now gets the scheduled file.
    const row = await db.issuedReport.findFirstOrThrow({ where: { week: "2026-W14", scope: "all", locale: "uk", format: "xlsx" } });
    const served = await bytesOf("coordinator", "week=2026-W14&format=xlsx&scope=all&lang=uk");
    expect(sha256(served.bytes)).toBe(row.sha256);
  });

  it("spreads a week over several runs when the files take long, at least one file a run", async () => {
    const now = new Date("2026-04-12T22:00:00.000Z"); // Monday 13 April, 01:00 Kyiv: 2026-W15 closed
    const first = await issueClosedWeekReports({ now, budgetMs: 0 });
    expect(first).toMatchObject({ week: "2026-W15", written: 1 });
    const second = await issueClosedWeekReports({ now, budgetMs: 0 });
    expect(second).toMatchObject({ written: 1, left: first.left - 1 });
    expect(await db.issuedReport.count({ where: { week: "2026-W15" } })).toBe(2);
  });

  it("keeps the stored files through the store's sweep", async () => {
    const later = new Date(Date.now() + 3 * HOUR);
    await sweepFiles({ now: later });
    const row = await db.issuedReport.findFirstOrThrow({ where: { week: "2026-W14" } });
    const answer = await issuedFile("admin", row.id);
    expect(answer.status).toBe(200);
    expect(sha256(Buffer.from(await answer.arrayBuffer()))).toBe(row.sha256);
    // A CSV's gzip copy is kept with it.
    const csv = await db.issuedReport.findFirstOrThrow({ where: { week: "2026-W14", format: "csv" } });
    const packed = await issuedFile("admin", csv.id, "gzip");
    expect(packed.headers.get("Content-Encoding")).toBe("gzip");
    expect(sha256(gunzipSync(Buffer.from(await packed.arrayBuffer())))).toBe(csv.sha256);
  });
});
