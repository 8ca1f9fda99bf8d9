// The admin's record: every administrative change leaves one entry, written with the change
// (who, when, before → after), none for a refused or empty change; /admin/audit lists them
// newest first with filters and pages, and its CSV holds every filtered entry. Admins only.
import { beforeAll, describe, expect, it } from "vitest";
import { recordAdminChange } from "~/domain/admin/audit.server";
import { createUser as createUserByCommand } from "~/domain/admin/admin.server";
import * as auditDownload from "~/routes/admin.audit.download";
import * as auditPage from "~/routes/admin.audit";
import * as clusterPage from "~/routes/admin.clusters.$slug";
import * as clustersPage from "~/routes/admin.clusters._index";
import * as userPage from "~/routes/admin.users.$id";
import * as usersPage from "~/routes/admin.users._index";
import { db } from "~/data/db.server";
import { createUser } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const PASSWORD = "pw-audit-test-123456";

let admin: { id: string };
let otherAdmin: { id: string };
let adminCookie: string;
let otherAdminCookie: string;
let coordinatorCookie: string;
let memberCookie: string;

const get = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
const post = (path: string, form: Record<string, string | string[]>, cookie: string) => formRequest(path, form, { headers: { Cookie: cookie } });
const auditAt = (search: string, cookie = adminCookie) => call(auditPage.loader, get(`/admin/audit${search}`, cookie));

async function downloadCsv(search: string, cookie = adminCookie, language?: "en") {
  const headers: Record<string, string> = { Cookie: cookie };
  if (language) headers.Cookie += "; lang=en";
  const response = (await auditDownload.loader({
    request: new Request(`http://localhost/admin/audit/download${search}`, { headers }),
    params: {},
    context: {},
  })) as Response;
  // Decoded keeping the byte-order mark (Response.text() drops it).
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  return { response, text };
}

const cluster = {
  slug: "audit-metal",
  nameUk: "Кластер для журналу",
  nameEn: "Audit Metal",
  kind: "CLUSTER",
  homeRegion: "UA-63",
  capabilities: ["SUPPLIES"],
  regions: ["UA-63"],
};

beforeAll(async () => {
  admin = await createUser({ email: "audit.admin@rrc.example", name: "Олена Адмін", password: PASSWORD, role: "ADMIN" });
  otherAdmin = await createUser({ email: "audit.admin2@rrc.example", name: "Богдан Адмін", password: PASSWORD, role: "ADMIN" });
  const coordinator = await createUser({ email: "audit.coordinator@rrc.example", name: "К", password: PASSWORD, role: "COORDINATOR" });
  adminCookie = await cookieFor(admin.id);
  otherAdminCookie = await cookieFor(otherAdmin.id);
  coordinatorCookie = await cookieFor(coordinator.id);
  const created = await call(clustersPage.action, post("/admin/clusters", cluster, adminCookie));
  expect(created.status).toBe(303);
  const member = await createUser({
    email: "audit.member@rrc.example",
    name: "М",
    password: PASSWORD,
    role: "CLUSTER_MEMBER",
    clusterId: (await db.cluster.findUniqueOrThrow({ where: { slug: "audit-metal" } })).id,
  });
  memberCookie = await cookieFor(member.id);
});

describe("what is recorded", () => {
  it("records a cluster's creation and each edit of its regions and categories with who and before → after", async () => {
    const [entry] = await db.adminAuditEntry.findMany({ where: { action: "cluster.create", subjectLabel: "audit-metal" } });
    expect(entry).toMatchObject({ actorUserId: admin.id, subjectType: "cluster", before: null });
    expect(JSON.parse(entry!.after!)).toMatchObject({ nameUk: "Кластер для журналу", capabilities: ["SUPPLIES"], regions: ["UA-63"], active: true });

    const edited = await call(
      clusterPage.action,
      post("/admin/clusters/audit-metal", { ...cluster, capabilities: ["SUPPLIES", "LOGISTICS"], regions: ["UA-63", "UA-59"], active: "on" }, otherAdminCookie),
      { slug: "audit-metal" },
    );
    expect(edited.status).toBe(303);
    const update = await db.adminAuditEntry.findFirstOrThrow({ where: { action: "cluster.update", subjectLabel: "audit-metal" } });
    expect(update.actorUserId).toBe(otherAdmin.id);
    expect(JSON.parse(update.before!)).toMatchObject({ capabilities: ["SUPPLIES"], regions: ["UA-63"] });
    expect(JSON.parse(update.after!)).toMatchObject({ capabilities: ["SUPPLIES", "LOGISTICS"], regions: ["UA-59", "UA-63"] });

    // Saving the same form again changes nothing, and records nothing.
    const count = await db.adminAuditEntry.count();
    await call(
      clusterPage.action,
      post("/admin/clusters/audit-metal", { ...cluster, capabilities: ["LOGISTICS", "SUPPLIES"], regions: ["UA-59", "UA-63"], active: "on" }, adminCookie),
      { slug: "audit-metal" },
    );
    expect(await db.adminAuditEntry.count()).toBe(count);
  });

  it("records a user's creation, role and cluster change, deactivation, reactivation and password reset; never a password", async () => {
    const created = await call(usersPage.action, post("/admin/users", { email: "Audited@RRC.example", name: "Ірина", role: "COORDINATOR" }, adminCookie));
    expect(created.status).toBe(200);
    const user = await db.user.findUniqueOrThrow({ where: { email: "audited@rrc.example" } });
    const act = (form: Record<string, string>) => call(userPage.action, post(`/admin/users/${user.id}`, form, adminCookie), { id: user.id });
    expect((await act({ intent: "update", name: "Ірина", role: "CLUSTER_MEMBER", cluster: "audit-metal" })).status).toBe(303);
    expect((await act({ intent: "deactivate" })).status).toBe(303);
    expect((await act({ intent: "activate" })).status).toBe(303);
    const reset = await act({ intent: "resetPassword" });
    expect(reset.status).toBe(200);

    const entries = await db.adminAuditEntry.findMany({ where: { subjectId: user.id }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => [e.action, e.actorUserId, e.subjectLabel])).toEqual([
      ["user.create", admin.id, "audited@rrc.example"],
      ["user.update", admin.id, "audited@rrc.example"],
      ["user.deactivate", admin.id, "audited@rrc.example"],
      ["user.activate", admin.id, "audited@rrc.example"],
      ["user.resetPassword", admin.id, "audited@rrc.example"],
    ]);
    expect(JSON.parse(entries[0]!.after!)).toEqual({
      email: "audited@rrc.example",
      name: "Ірина",
      role: "COORDINATOR",
      active: true,
      cluster: null,
      password: "generated",
    });
    expect([JSON.parse(entries[1]!.before!), JSON.parse(entries[1]!.after!)]).toEqual([
      { email: "audited@rrc.example", name: "Ірина", role: "COORDINATOR", active: true, cluster: null },
      { email: "audited@rrc.example", name: "Ірина", role: "CLUSTER_MEMBER", active: true, cluster: "audit-metal" },
    ]);
    expect([entries[2]!.before, entries[2]!.after]).toEqual(['{"active":true}', '{"active":false}']);
    const stored = JSON.stringify(entries);
    expect(stored).not.toContain(reset.data.password);
    expect(stored).not.toContain(created.data.created.password);
    expect(stored).not.toContain("scrypt");
  });

  it("a refused change leaves no entry; a change from the command line has no actor", async () => {
    const count = await db.adminAuditEntry.count();
    const taken = await call(usersPage.action, post("/admin/users", { email: "audited@rrc.example", name: "Друга", role: "ADMIN" }, adminCookie));
    expect(taken.status).toBe(400);
    const selfDemote = await call(
      userPage.action,
      post(`/admin/users/${admin.id}`, { intent: "update", name: "А", role: "COORDINATOR", cluster: "" }, adminCookie),
      { id: admin.id },
    );
    expect(selfDemote.status).toBe(400);
    expect(await db.adminAuditEntry.count()).toBe(count);

    const fromCli = await createUserByCommand({
      input: { email: "cli@rrc.example", role: "COORDINATOR", password: "a-long-enough-password" },
      actorUserId: null,
    });
    expect(fromCli.ok).toBe(true);
    expect(await db.adminAuditEntry.findFirst({ where: { subjectLabel: "cli@rrc.example" } })).toMatchObject({ action: "user.create", actorUserId: null });
  });

  it("entries cannot be changed or deleted", async () => {
    const entry = await db.adminAuditEntry.findFirstOrThrow();
    await expect(db.$transaction((tx) => tx.adminAuditEntry.update({ where: { id: entry.id }, data: { action: "x" } }))).rejects.toThrow();
    await expect(db.$transaction((tx) => tx.adminAuditEntry.delete({ where: { id: entry.id } }))).rejects.toThrow();
    expect(await db.adminAuditEntry.findUnique({ where: { id: entry.id } })).toEqual(entry);
  });
});

describe("/admin/audit", () => {
  it("lists entries newest first, each with who, what, the subject and only the fields that changed", async () => {
    const page = await auditAt("");
    expect(page.status).toBe(200);
    const { entries, total } = page.data.audit;
    expect(total).toBe(await db.adminAuditEntry.count());
    const times = entries.map((e: { createdAt: string }) => new Date(e.createdAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const update = entries.find((e: { action: string }) => e.action === "cluster.update");
    expect(update.actor).toMatchObject({ name: "Богдан Адмін" });
    expect(update.before.capabilities).toEqual(["SUPPLIES"]);
  });

  it("filters by who, by what kind and by Kyiv calendar days; the filter is in the URL", async () => {
    const byOther = await auditAt(`?actor=${otherAdmin.id}`);
    expect(byOther.data.audit.entries.map((e: { action: string }) => e.action)).toEqual(["cluster.update"]);
    expect(byOther.data.params.actor).toBe(otherAdmin.id);

    const users = await auditAt("?kind=user");
    expect(users.data.audit.entries.length).toBeGreaterThan(0);
    expect(users.data.audit.entries.every((e: { subjectType: string }) => e.subjectType === "user")).toBe(true);
    const cli = await auditAt("?actor=none");
    expect(cli.data.audit.entries.map((e: { subjectLabel: string }) => e.subjectLabel)).toEqual(["cli@rrc.example"]);

    // 23:30 Kyiv on 2026-03-10 is 21:30 UTC: it belongs to the 10th in Kyiv.
    await db.$transaction((tx) =>
      recordAdminChange(tx, {
        actorUserId: admin.id,
        action: "user.update",
        subjectType: "user",
        subjectId: admin.id,
        subjectLabel: "late@rrc.example",
        before: { name: "A" },
        after: { name: "B" },
        now: new Date("2026-03-10T21:30:00Z"),
      }),
    );
    const labels = async (search: string) => (await auditAt(search)).data.audit.entries.map((e: { subjectLabel: string }) => e.subjectLabel);
    expect(await labels("?from=2026-03-10&to=2026-03-10")).toEqual(["late@rrc.example"]);
    expect(await labels("?from=2026-03-11&to=2026-03-11")).toEqual([]);
    expect(await labels("?to=2026-03-09")).toEqual([]);
    // A bad value is ignored rather than refused.
    const lenient = await auditAt("?kind=spaceship&from=2026-02-31&page=-3");
    expect(lenient.status).toBe(200);
    expect(lenient.data.params).toMatchObject({ kind: undefined, from: undefined, page: 1 });
  });

  it("pages on the server, 50 entries a page", async () => {
    await db.$transaction(async (tx) => {
      for (let i = 0; i < 60; i++) {
        await recordAdminChange(tx, {
          actorUserId: otherAdmin.id,
          action: "template.update",
          subjectType: "template",
          subjectId: `t${i}`,
          subjectLabel: `template-${String(i).padStart(2, "0")}`,
          before: { body: "old" },
          after: { body: "new" },
          now: new Date(Date.UTC(2026, 0, 1, 0, i)),
        });
      }
    });
    const first = await auditAt("?kind=template");
    expect(first.data.audit).toMatchObject({ total: 60, page: 1, totalPages: 2 });
    expect(first.data.audit.entries).toHaveLength(50);
    expect(first.data.audit.entries[0].subjectLabel).toBe("template-59");
    const second = await auditAt("?kind=template&page=2");
    expect(second.data.audit.entries.map((e: { subjectLabel: string }) => e.subjectLabel)).toEqual(
      Array.from({ length: 10 }, (_, i) => `template-${String(9 - i).padStart(2, "0")}`),
    );
  });

  it("downloads every filtered entry as CSV with a byte-order mark, labels in the reader's language and formulas neutralised", async () => {
    await db.$transaction((tx) =>
      recordAdminChange(tx, {
        actorUserId: admin.id,
        action: "cluster.update",
        subjectType: "cluster",
        subjectId: "x",
        subjectLabel: '=HYPERLINK("http://evil.example")',
        before: { contactName: "Оксана" },
        after: { contactName: "@SUM(A1)" },
        now: new Date("2026-02-02T10:00:00Z"),
      }),
    );
    const { response, text } = await downloadCsv("?kind=cluster&from=2026-02-02&to=2026-02-02");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="rrc-admin-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(text.startsWith("\uFEFFКоли;Хто;")).toBe(true);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("2026-02-02 12:00;Олена Адмін;audit.admin@rrc.example;Змінено кластер;Кластери;");
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(lines[1]).toContain("контактна особа: Оксана → @SUM(A1)");

    // Every entry of a filter, not one page of it.
    const all = await downloadCsv("?kind=template", adminCookie, "en");
    expect(all.text.startsWith("\uFEFFWhen,Who,Email,What,")).toBe(true);
    expect(all.text.trim().split("\r\n")).toHaveLength(61);
  });

  it("is for admins only: coordinators and cluster members get 403, visitors are sent to sign in", async () => {
    for (const cookie of [coordinatorCookie, memberCookie]) {
      expect((await auditAt("", cookie)).status).toBe(403);
      expect((await call(auditDownload.loader, get("/admin/audit/download", cookie))).status).toBe(403);
    }
    const anonymous = await call(auditPage.loader, new Request("http://localhost/admin/audit"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/login?redirectTo=%2Fadmin%2Faudit");
  });
});
