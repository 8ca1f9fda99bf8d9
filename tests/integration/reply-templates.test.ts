// Canned replies: admins keep them (others may not), staff insert them into a message or a
// question on a request's page, filled from that request, without anything being posted; the
// status link placeholder never carries the enterprise's private link.
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { formatDateTime } from "~/i18n/locale";
import { action as templateAction, loader as templateLoader } from "~/routes/admin.replies.$id";
import { action as templatesAction, loader as templatesLoader } from "~/routes/admin.replies._index";
import { action as requestAction, loader as requestLoader } from "~/routes/requests.$reference/route";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call, formRequest, type RouteHandler } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(2929);
let admin: string;
let coordinator: string;
let member: { id: string; clusterId: string | null };
let otherMember: string;
let clusterId: string;

beforeAll(async () => {
  clusterId = (await createCluster({ slug: "r", nameUk: "Р", nameEn: "R", kind: "CLUSTER", homeRegion: "UA-30", capabilities: ["OTHER"], regions: ["UA-30"] }))
    .id;
  const other = await createCluster({ slug: "s", nameUk: "С", nameEn: "S", kind: "CLUSTER", homeRegion: "UA-30", capabilities: ["OTHER"], regions: ["UA-30"] });
  admin = (await createUser({ email: "admin@r.example", name: "Admin", password: "pw-123456789", role: "ADMIN" })).id;
  coordinator = (await createUser({ email: "c@r.example", name: "C", password: "pw-123456789", role: "COORDINATOR" })).id;
  member = await createUser({ email: "m@r.example", name: "M", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId });
  otherMember = (await createUser({ email: "m@s.example", name: "N", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: other.id })).id;
});

const TEMPLATE = {
  nameUk: "Уточнення обсягів",
  nameEn: "Volumes",
  bodyUk: "Щодо запиту {reference} ({enterprise}): уточніть, будь ласка, обсяги до {dueDate}. Свою сторінку ви відкриєте за {statusLink}.",
  bodyEn: "About request {reference} ({enterprise}): please tell us the volumes by {dueDate}. Your page opens with {statusLink}.",
};

async function post(handler: RouteHandler, userId: string, path: string, form: Record<string, string>, params: Record<string, string> = {}) {
  return call(handler, formRequest(path, form, { headers: { Cookie: await cookieFor(userId), "Content-Type": "application/x-www-form-urlencoded" } }), params);
}
async function get(handler: RouteHandler, userId: string, path: string, params: Record<string, string> = {}) {
  return call(handler, new Request(`http://localhost${path}`, { headers: { Cookie: await cookieFor(userId) } }), params);
}

async function createTemplate(form = TEMPLATE) {
  const answer = await post(templatesAction, admin, "/admin/replies", form);
  expect(answer.status).toBe(303);
  return db.replyTemplate.findFirstOrThrow({ where: { nameUk: form.nameUk.replace(/[\u0000-\u001f]/g, "") }, orderBy: { createdAt: "desc" } });
}

describe("admins keep the templates", () => {
  it("create, list, change and delete; control characters are stripped", async () => {
    const created = await createTemplate({ ...TEMPLATE, nameUk: "Нова\u0007 назва" });
    expect(created).toMatchObject({ nameUk: "Нова назва", bodyUk: TEMPLATE.bodyUk, bodyEn: TEMPLATE.bodyEn });
    const list = await get(templatesLoader, admin, "/admin/replies");
    expect(list.data.templates.map((t: { nameUk: string }) => t.nameUk)).toContain("Нова назва");

    const changed = await post(templateAction, admin, `/admin/replies/${created.id}`, { ...TEMPLATE, nameUk: "Змінена назва" }, { id: created.id });
    expect(changed.status).toBe(303);
    expect((await get(templateLoader, admin, `/admin/replies/${created.id}`, { id: created.id })).data.template.nameUk).toBe("Змінена назва");

    const deleted = await post(templateAction, admin, `/admin/replies/${created.id}`, { intent: "delete" }, { id: created.id });
    expect(deleted.status).toBe(303);
    expect(deleted.location).toBe("/admin/replies?done=deleted");
    expect(await db.replyTemplate.count({ where: { id: created.id } })).toBe(0);
    expect((await get(templateLoader, admin, `/admin/replies/${created.id}`, { id: created.id })).status).toBe(404);

    // Each change is in the admin's record with who and before → after (decision 027).
    const record = await db.adminAuditEntry.findMany({ where: { subjectType: "template", subjectId: created.id }, orderBy: { createdAt: "asc" } });
    expect(record.map((entry) => [entry.action, entry.actorUserId, entry.subjectLabel])).toEqual([
      ["template.create", admin, "Нова назва"],
      ["template.update", admin, "Змінена назва"],
      ["template.delete", admin, "Змінена назва"],
    ]);
    expect(JSON.parse(record[1]!.before!)).toMatchObject({ nameUk: "Нова назва" });
    expect(JSON.parse(record[1]!.after!)).toMatchObject({ nameUk: "Змінена назва" });
    expect(record[2]!.after).toBeNull();
  });

  it("refuses an unknown placeholder or an empty text beside the field, keeps what was typed, and writes nothing", async () => {
    const before = await db.replyTemplate.count();
    const refused = await post(templatesAction, admin, "/admin/replies", { ...TEMPLATE, bodyUk: "До {datе} (кирилична е)", bodyEn: "" });
    expect(refused.status).toBe(400);
    expect(refused.data.error).toMatchObject({ bodyUk: ["unknownPlaceholder"], bodyEn: ["required"] });
    expect(refused.data.initialValue).toMatchObject({ bodyUk: "До {datе} (кирилична е)", nameUk: TEMPLATE.nameUk });
    expect(await db.replyTemplate.count()).toBe(before);
    expect(await db.adminAuditEntry.count({ where: { subjectType: "template", subjectLabel: TEMPLATE.nameUk } })).toBe(0);
  });

  it("coordinators and members may not read or change them", async () => {
    const template = await createTemplate();
    for (const userId of [coordinator, member.id]) {
      expect((await get(templatesLoader, userId, "/admin/replies")).status).toBe(403);
      expect((await post(templatesAction, userId, "/admin/replies", TEMPLATE)).status).toBe(403);
      const change = await post(templateAction, userId, `/admin/replies/${template.id}`, { ...TEMPLATE, nameUk: "Чуже" }, { id: template.id });
      expect(change.status).toBe(403);
      expect((await post(templateAction, userId, `/admin/replies/${template.id}`, { intent: "delete" }, { id: template.id })).status).toBe(403);
    }
    expect(await db.replyTemplate.findUniqueOrThrow({ where: { id: template.id } })).toMatchObject({ nameUk: TEMPLATE.nameUk });
  });
});

describe("staff insert them on a request's page", () => {
  async function assignedRequest() {
    const filed = await createRequest({ input: buildIntake(random, { enterpriseName: "ТОВ «Зоря»" }) });
    const actor = { type: "USER" as const, userId: coordinator, role: "COORDINATOR" as const, clusterId: null };
    await db.$transaction((tx) => transitionRequestInTx(tx, { requestId: filed.id, action: "assign", actor, input: { clusterId } }));
    return db.request
      .findUniqueOrThrow({ where: { id: filed.id }, select: { id: true, reference: true, version: true, nextDueAt: true, statusTokenHash: true } })
      .then((r) => ({ ...r, token: filed.token }));
  }

  const insert = (userId: string, reference: string, form: Record<string, string>) =>
    post(requestAction, userId, `/requests/${reference}`, { insertReply: "1", ...form }, { reference });

  it("fills the chosen language's text from the request after what was typed, and changes nothing", async () => {
    const template = await createTemplate();
    const request = await assignedRequest();
    const events = await db.requestEvent.count({ where: { requestId: request.id } });
    const mails = await db.notification.count();

    const page = await get(requestLoader, coordinator, `/requests/${request.reference}`, { reference: request.reference });
    expect(page.data.replyTemplates).toContainEqual({ id: template.id, nameUk: TEMPLATE.nameUk, nameEn: TEMPLATE.nameEn });

    const uk = await insert(coordinator, request.reference, {
      intent: "publicMessage",
      version: String(request.version),
      message: "Добрий день.",
      replyTemplate: `${template.id}:uk`,
    });
    expect(uk.status).toBe(200);
    const filledUk = `Щодо запиту ${request.reference} (ТОВ «Зоря»): уточніть, будь ласка, обсяги до ${formatDateTime(request.nextDueAt!, "uk")}. Свою сторінку ви відкриєте за особисте посилання з листа «Запит отримано».`;
    expect(uk.data.inserted).toEqual({ intent: "publicMessage", text: filledUk, message: `Добрий день.\n\n${filledUk}` });

    const en = await insert(coordinator, request.reference, {
      intent: "requestInfo",
      version: String(request.version),
      message: "",
      replyTemplate: `${template.id}:en`,
    });
    expect(en.data.inserted.message).toBe(
      `About request ${request.reference} (ТОВ «Зоря»): please tell us the volumes by ${formatDateTime(request.nextDueAt!, "en")}. Your page opens with the private link in the “Request received” email.`,
    );
    for (const answer of [uk, en]) expect(JSON.stringify(answer.data)).not.toContain(request.token);

    const after = await db.request.findUniqueOrThrow({ where: { id: request.id }, select: { version: true, status: true } });
    expect(after).toEqual({ version: request.version, status: "ASSIGNED" });
    expect(await db.requestEvent.count({ where: { requestId: request.id } })).toBe(events);
    expect(await db.notification.count()).toBe(mails);
  });

  it("the assigned cluster's members may insert; another cluster's member gets a 404", async () => {
    const template = await createTemplate();
    const request = await assignedRequest();
    const form = { intent: "publicMessage", version: String(request.version), message: "", replyTemplate: `${template.id}:uk` };
    expect((await insert(member.id, request.reference, form)).data.inserted.text).toContain(request.reference);
    expect((await insert(otherMember, request.reference, form)).status).toBe(404);
  });

  it("without a choice, or with a template deleted meanwhile, says so beside the list and gives back the text", async () => {
    const template = await createTemplate();
    const request = await assignedRequest();
    const none = await insert(coordinator, request.reference, {
      intent: "publicMessage",
      version: String(request.version),
      message: "Мій текст",
      replyTemplate: "",
    });
    expect(none.status).toBe(400);
    expect(none.data.result.error.replyTemplate).toEqual(["choose"]);
    expect(none.data.result.initialValue.message).toBe("Мій текст");

    await post(templateAction, admin, `/admin/replies/${template.id}`, { intent: "delete" }, { id: template.id });
    const gone = await insert(coordinator, request.reference, {
      intent: "publicMessage",
      version: String(request.version),
      message: "Мій текст",
      replyTemplate: `${template.id}:uk`,
    });
    expect(gone.status).toBe(400);
    expect(gone.data.result.error.replyTemplate).toEqual(["choose"]);
    expect(gone.data.result.initialValue.message).toBe("Мій текст");
  });

  it("the inserted text is sent like any message, and nothing staff can read later holds the private link", async () => {
    const template = await createTemplate();
    const request = await assignedRequest();
    const inserted = await insert(coordinator, request.reference, {
      intent: "publicMessage",
      version: String(request.version),
      message: "",
      replyTemplate: `${template.id}:uk`,
    });
    const sent = await post(
      requestAction,
      coordinator,
      `/requests/${request.reference}`,
      { intent: "publicMessage", version: String(request.version), message: inserted.data.inserted.message },
      { reference: request.reference },
    );
    expect(sent.status).toBe(303);
    const event = await db.requestEvent.findFirstOrThrow({ where: { requestId: request.id, action: "publicMessage" }, select: { message: true } });
    expect(event.message).toBe(inserted.data.inserted.message);
    const mail = await db.notification.findFirstOrThrow({ where: { requestId: request.id, kind: "message" }, select: { body: true } });
    expect(mail.body).toContain(`Щодо запиту ${request.reference}`);
    for (const text of [event.message!, mail.body]) {
      expect(text).not.toContain(request.token);
      expect(text).not.toContain("/s/");
    }
  });
});
