// Reopening by staff, merging a duplicate into its original and undoing it: what each timeline
// and each private link shows, who may do it, and refusals that write nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { isoWeekOf } from "~/domain/sla/iso-week";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { ACTIONS, type Action, type Actor, TRANSITIONS } from "~/domain/requests/state-machine";
import type { MessageKey } from "~/i18n/messages";
import { translateStaff } from "~/i18n/staff-messages";
import { buildWeeklyReport } from "~/domain/report/index.server";
import { action as requestAction, loader as requestLoader } from "~/routes/requests.$reference/route";
import { action as statusAction, loader as statusLoader } from "~/routes/s.$token";
import type { IntakeInput } from "~/schemas/intake";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(2323);
let coordinator: Actor;
let member: Actor;
let clusterId: string;
let cookies: { coordinator: string; member: string };

beforeAll(async () => {
  clusterId = (
    await createCluster({
      slug: "merge-a",
      nameUk: "Кластер М",
      nameEn: "Cluster M",
      kind: "CLUSTER",
      homeRegion: "UA-30",
      capabilities: ["OTHER"],
      regions: ["UA-30"],
    })
  ).id;
  const c = await createUser({ email: "c@merge.example", name: "Олена", password: "pw-123456789", role: "COORDINATOR" });
  const m = await createUser({ email: "m@merge.example", name: "Марко", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId });
  coordinator = { type: "USER", userId: c.id, role: "COORDINATOR", clusterId: null };
  member = { type: "USER", userId: m.id, role: "CLUSTER_MEMBER", clusterId };
  cookies = { coordinator: await cookieFor(c.id), member: await cookieFor(m.id) };
});

async function file(overrides: Partial<IntakeInput> = {}, actions: Action[] = []) {
  const filed = await createRequest({ input: buildIntake(random, overrides) });
  for (const action of actions) await step(filed.id, action);
  return filed;
}

function step(requestId: string, action: Action, input: { message?: string } = {}) {
  const actor =
    action === "accept" || action === "resolve"
      ? member
      : action === "confirm" || action === "enterpriseMessage"
        ? { type: "ENTERPRISE" as const }
        : coordinator;
  return db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, input: { clusterId, message: "Крок.", ...input } }));
}

async function post(reference: string, fields: Record<string, string>, cookie = cookies.coordinator) {
  const version = fields.version ?? String((await db.request.findFirstOrThrow({ where: { reference } })).version);
  return call(
    requestAction,
    formRequest(`/requests/${reference}`, { ...fields, version }, { headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }),
    {
      reference,
    },
  );
}

const staffPage = (reference: string, cookie = cookies.coordinator) =>
  call(requestLoader, new Request(`http://localhost/requests/${reference}`, { headers: { Cookie: cookie } }), { reference });
const statusPage = (token: string) => call(statusLoader, new Request(`http://localhost/s/${token}`), { token });
const writeOnLink = (token: string, fields: Record<string, string>) => call(statusAction, formRequest(`/s/${token}`, fields), { token });
const stateOf = (id: string) => db.request.findUniqueOrThrow({ where: { id } });
const eventsOf = (id: string) => db.requestEvent.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" } });

async function expectNothingWritten(ids: string[], attempt: () => Promise<void>) {
  const before = await Promise.all(ids.map(async (id) => [await stateOf(id), await eventsOf(id)]));
  await attempt();
  expect(await Promise.all(ids.map(async (id) => [await stateOf(id), await eventsOf(id)]))).toEqual(before);
}

describe("staff reopen a finished request", () => {
  it("a resolved request goes back to the coordinators without its cluster; the enterprise reads the reason; the report counts it open again", async () => {
    const filed = await file({}, ["triage", "assign", "accept", "resolve"]);
    const answer = await post(filed.reference, { intent: "reopenByStaff", message: "Підприємство телефонувало: поставку не завершено." });
    expect(answer.status).toBe(303);
    expect(await stateOf(filed.id)).toMatchObject({ status: "TRIAGED", assignedClusterId: null, resolvedAt: null, acceptedAt: null, closedAt: null });
    expect((await eventsOf(filed.id)).at(-1)).toMatchObject({ action: "reopenByStaff", fromStatus: "RESOLVED", toStatus: "TRIAGED", visibility: "PUBLIC" });
    const page = await statusPage(filed.token);
    expect(page.data.request.status).toBe("TRIAGED");
    expect(page.data.request.events.at(-1)).toMatchObject({
      action: "reopenByStaff",
      message: "Підприємство телефонувало: поставку не завершено.",
      author: "coordinator",
    });
    const report = await buildWeeklyReport({ week: isoWeekOf(new Date()), scope: { kind: "all" } });
    expect(report.flow.resolved).toBeGreaterThanOrEqual(1);
    const rows = await db.request.count({ where: { status: { in: ["NEW", "TRIAGED", "NEEDS_INFO", "ASSIGNED", "IN_PROGRESS"] } } });
    expect(report.backlog.total).toBe(rows);
  });

  it("a rejected request that was never triaged goes back to NEW; a closed one to TRIAGED", async () => {
    const rejected = await file({}, ["reject"]);
    expect((await post(rejected.reference, { intent: "reopenByStaff", message: "Відхилено помилково." })).status).toBe(303);
    expect((await stateOf(rejected.id)).status).toBe("NEW");
    const closed = await file({}, ["triage", "assign", "accept", "resolve", "confirm"]);
    expect((await post(closed.reference, { intent: "reopenByStaff", message: "Знову потрібна допомога." })).status).toBe(303);
    expect(await stateOf(closed.id)).toMatchObject({ status: "TRIAGED", closedAt: null });
  });

  it("needs a reason, a current page and a coordinator; refused reopenings write nothing", async () => {
    const filed = await file({}, ["triage", "assign", "accept", "resolve"]);
    await expectNothingWritten([filed.id], async () => {
      const noReason = await post(filed.reference, { intent: "reopenByStaff", message: "  " });
      expect(noReason.status).toBe(400);
      expect(noReason.data.result.error.message).toEqual(["required"]);
      const byMember = await post(filed.reference, { intent: "reopenByStaff", message: "Ні." }, cookies.member);
      expect(byMember.status).toBe(422);
      const stale = await post(filed.reference, { intent: "reopenByStaff", message: "Так.", version: String((await stateOf(filed.id)).version - 1) });
      expect(stale.status).toBe(409);
    });
    const open = await file({}, ["triage"]);
    await expectNothingWritten([open.id], async () => {
      expect((await post(open.reference, { intent: "reopenByStaff", message: "Так." })).status).toBe(422);
    });
  });
});

describe("merging a duplicate filed by the same enterprise", () => {
  it("shows the duplicate's history in the original's, and the duplicate's link follows the original, whose token stays private", async () => {
    const original = await file({ edrpou: "14360570" }, ["triage"]);
    const duplicate = await file({ edrpou: "14360570" });
    await step(duplicate.id, "enterpriseMessage", { message: "Додаю: потрібно ще 5 тонн." });
    await step(duplicate.id, "note", { message: "Внутрішнє: той самий цех." });
    const originalVersion = (await stateOf(original.id)).version;

    const merged = await post(duplicate.reference, { intent: "markDuplicate", duplicateOf: original.reference, message: "Той самий запит." });
    expect(merged.status).toBe(303);
    expect(await stateOf(duplicate.id)).toMatchObject({ status: "DUPLICATE", duplicateOfId: original.id });
    expect((await eventsOf(duplicate.id)).at(-1)).toMatchObject({ action: "markDuplicate", relatedRequestId: original.id });
    expect((await eventsOf(original.id)).at(-1)).toMatchObject({
      action: "duplicateMerged",
      relatedRequestId: duplicate.id,
      visibility: "INTERNAL",
      toStatus: null,
    });
    expect((await stateOf(original.id)).version).toBe(originalVersion + 1);

    // Staff: the duplicate's entries in the original's timeline, marked; the merged request listed.
    const staff = await staffPage(original.reference);
    const fromDuplicate = staff.data.request.events.filter((e: { mergedFrom: unknown }) => e.mergedFrom);
    expect(fromDuplicate.map((e: { action: string }) => e.action)).toEqual(["submit", "enterpriseMessage", "note", "markDuplicate"]);
    expect(fromDuplicate[0].mergedFrom).toEqual({ reference: duplicate.reference, otherEnterprise: false });
    expect(staff.data.request.mergedRequests).toEqual([{ reference: duplicate.reference, otherEnterprise: false }]);

    // The original's link: the duplicate's public entries, marked, never its internal ones.
    const originalLink = await statusPage(original.token);
    const marked = originalLink.data.request.events.filter((e: { fromReference: string | null }) => e.fromReference);
    expect(marked.map((e: { action: string }) => e.action)).toEqual(["submit", "enterpriseMessage", "markDuplicate"]);
    expect(JSON.stringify(originalLink.data)).not.toContain("Внутрішнє");

    // The duplicate's link shows the original's progress and acts on it.
    const duplicateLink = await statusPage(duplicate.token);
    expect(duplicateLink.data.request).toMatchObject({
      reference: original.reference,
      status: "TRIAGED",
      openedAs: duplicate.reference,
      mergedElsewhere: null,
    });
    const html = JSON.stringify(duplicateLink.data);
    expect(html).not.toContain(original.token);
    expect(html).not.toContain((await db.request.findUniqueOrThrow({ where: { id: original.id }, select: { statusTokenHash: true } })).statusTokenHash);
    await step(original.id, "requestInfo", { message: "Яка марка сталі?" });
    expect((await statusPage(duplicate.token)).data.request.question).toBe("Яка марка сталі?");
    const answer = await writeOnLink(duplicate.token, { message: "С245." });
    expect(answer.status).toBe(303);
    expect(answer.location).toContain("done=provideInfo");
    expect(await stateOf(original.id)).toMatchObject({ status: "TRIAGED" });
    expect((await eventsOf(original.id)).at(-1)).toMatchObject({ action: "provideInfo", message: "С245.", actorType: "ENTERPRISE" });
  });

  it("refuses to merge into a request that is itself merged, naming the one to use, or from a stale page, and writes nothing", async () => {
    const root = await file();
    const merged = await file();
    await post(merged.reference, { intent: "markDuplicate", duplicateOf: root.reference, message: "Те саме." });
    const third = await file({}, ["triage"]);
    await expectNothingWritten([third.id, merged.id, root.id], async () => {
      const answer = await post(third.reference, { intent: "markDuplicate", duplicateOf: merged.reference, message: "Те саме." });
      expect(answer.status).toBe(400);
      expect(answer.data.result.error.duplicateOf).toEqual([`mergedInto:${root.reference}`]);
      // A page that is out of date merges nothing either.
      const stale = await post(third.reference, {
        intent: "markDuplicate",
        duplicateOf: root.reference,
        message: "Те саме.",
        version: String((await stateOf(third.id)).version - 1),
      });
      expect(stale.status).toBe(409);
    });
  });

  it("a merged request's link follows the chain when its original is merged in turn", async () => {
    const first = await file({ edrpou: "32855961" });
    const second = await file({ edrpou: "32855961" });
    const third = await file({ edrpou: "32855961" });
    await post(third.reference, { intent: "markDuplicate", duplicateOf: second.reference, message: "Те саме." });
    await post(second.reference, { intent: "markDuplicate", duplicateOf: first.reference, message: "Те саме." });
    expect((await statusPage(third.token)).data.request).toMatchObject({ reference: first.reference, openedAs: third.reference });
    const staff = await staffPage(first.reference);
    expect(staff.data.request.mergedRequests.map((m: { reference: string }) => m.reference)).toEqual([second.reference, third.reference]);
  });
});

describe("merging requests of two different enterprises", () => {
  it("shows neither enterprise anything of the other's, and the duplicate's enterprise can still write to the Centre", async () => {
    const original = await file({
      edrpou: "00032129",
      enterpriseName: "ТОВ «Оригінал»",
      email: "boss@original.example",
      phone: "+380671112233",
      title: "Секретний проєкт оригіналу",
    });
    const duplicate = await file({ edrpou: "21560766", enterpriseName: "ТОВ «Інше»", title: "Запит іншого підприємства" });
    await step(duplicate.id, "enterpriseMessage", { message: "Повідомлення іншого підприємства." });
    await post(duplicate.reference, { intent: "markDuplicate", duplicateOf: original.reference, message: "Схожий запит." });

    const duplicateLink = await statusPage(duplicate.token);
    expect(duplicateLink.data.request).toMatchObject({
      reference: duplicate.reference,
      status: "DUPLICATE",
      openedAs: null,
      mergedElsewhere: { status: "NEW" },
    });
    const shown = JSON.stringify(duplicateLink.data);
    for (const secret of [
      original.reference,
      "ТОВ «Оригінал»",
      "boss@original.example",
      "+380671112233",
      "Секретний проєкт оригіналу",
      "00032129",
      original.token,
    ]) {
      expect(shown).not.toContain(secret);
    }
    const originalLink = JSON.stringify((await statusPage(original.token)).data);
    for (const secret of [duplicate.reference, "Повідомлення іншого підприємства.", "Запит іншого підприємства"]) expect(originalLink).not.toContain(secret);

    // The duplicate's enterprise writes: it stays on its own request, and staff read it on the original's page.
    const written = await writeOnLink(duplicate.token, { message: "Це не той самий запит!" });
    expect(written.status).toBe(303);
    expect((await eventsOf(duplicate.id)).at(-1)).toMatchObject({ action: "enterpriseMessage", message: "Це не той самий запит!" });
    const staff = await staffPage(original.reference);
    expect(staff.data.request.mergedRequests).toEqual([{ reference: duplicate.reference, otherEnterprise: true }]);
    expect(staff.data.request.events.at(-1)).toMatchObject({ message: "Це не той самий запит!", mergedFrom: { reference: duplicate.reference } });
  });
});

describe("undoing a merge", () => {
  it("returns the duplicate to the coordinators on its own, recorded on both timelines, and its link shows it again", async () => {
    const original = await file({ edrpou: "14360570" }, ["triage"]);
    const duplicate = await file({ edrpou: "14360570" }, ["triage"]);
    await post(duplicate.reference, { intent: "markDuplicate", duplicateOf: original.reference, message: "Той самий запит." });
    const undone = await post(duplicate.reference, { intent: "unmerge", message: "Це різні цехи." });
    expect(undone.status).toBe(303);
    expect(await stateOf(duplicate.id)).toMatchObject({ status: "TRIAGED", duplicateOfId: null, closedAt: null });
    expect((await eventsOf(duplicate.id)).at(-1)).toMatchObject({
      action: "unmerge",
      fromStatus: "DUPLICATE",
      toStatus: "TRIAGED",
      relatedRequestId: original.id,
      visibility: "PUBLIC",
    });
    expect((await eventsOf(original.id)).at(-1)).toMatchObject({ action: "duplicateUnmerged", relatedRequestId: duplicate.id, visibility: "INTERNAL" });

    const staff = await staffPage(original.reference);
    expect(staff.data.request.mergedRequests).toEqual([]);
    expect(staff.data.request.events.some((e: { mergedFrom: unknown }) => e.mergedFrom)).toBe(false);
    expect(staff.data.request.events.at(-1)).toMatchObject({ action: "duplicateUnmerged", relatedRequest: { reference: duplicate.reference } });
    const link = await statusPage(duplicate.token);
    expect(link.data.request).toMatchObject({ reference: duplicate.reference, status: "TRIAGED", openedAs: null });
    expect(link.data.request.events.at(-1)).toMatchObject({ action: "unmerge", message: "Це різні цехи." });
  });

  it("only staff undo a merge, with a reason, from a current page; refusals touch neither request", async () => {
    const original = await file({}, ["triage", "assign"]);
    const duplicate = await file();
    await post(duplicate.reference, { intent: "markDuplicate", duplicateOf: original.reference, message: "Те саме." });
    await expectNothingWritten([duplicate.id, original.id], async () => {
      expect((await post(duplicate.reference, { intent: "unmerge", message: "" })).status).toBe(400);
      // A member of the cluster holding the original cannot even open the duplicate.
      expect((await post(duplicate.reference, { intent: "unmerge", message: "Ні." }, cookies.member)).status).toBe(404);
      const stale = await post(duplicate.reference, { intent: "unmerge", message: "Так.", version: String((await stateOf(duplicate.id)).version - 1) });
      expect(stale.status).toBe(409);
    });
  });

  it("the cluster holding the original reads the merged entries, but not the duplicate's reference", async () => {
    const original = await file({}, ["triage", "assign"]);
    const duplicate = await file();
    await step(duplicate.id, "enterpriseMessage", { message: "Ще одна деталь." });
    await post(duplicate.reference, { intent: "markDuplicate", duplicateOf: original.reference, message: "Те саме." });
    const page = await staffPage(original.reference, cookies.member);
    expect(page.status).toBe(200);
    const mergedEntries = page.data.request.events.filter((e: { mergedFrom: unknown }) => e.mergedFrom);
    expect(mergedEntries.map((e: { message: string | null }) => e.message)).toContain("Ще одна деталь.");
    expect(JSON.stringify(page.data)).not.toContain(duplicate.reference);
    expect(page.data.request.mergedRequests).toEqual([]);
  });
});

describe("labels", () => {
  it("every change of status has its name in the weekly report's files and on the timelines, in both languages", () => {
    for (const action of ACTIONS) {
      for (const locale of ["uk", "en"] as const) {
        const event = `event.${action}` as MessageKey;
        expect(translateStaff(locale, event), event).not.toBe(event);
        if (TRANSITIONS[action].to === "SAME") continue;
        const key = `report.action.${action}` as MessageKey;
        expect(translateStaff(locale, key), key).not.toBe(key);
      }
    }
  });
});
