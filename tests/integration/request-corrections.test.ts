// "Correct the request": staff change what was filed at any open status, through the state
// machine's `edit`, version-checked; the timeline and the enterprise's page show what changed.
import { beforeAll, describe, expect, it } from "vitest";
import { findQueue } from "~/domain/queue/queue.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { slaTargets } from "~/domain/sla/sla-config.server";
import type { Status } from "~/domain/requests/state-machine";
import { action as requestAction, loader as requestLoader } from "~/routes/requests.$reference/route";
import { loader as statusLoader } from "~/routes/s.$token";
import { kyivToday } from "~/schemas/intake";
import { readQueueParams } from "~/schemas/queue";
import type { IntakeInput } from "~/schemas/intake";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createRequestInStatus, createUser, seededRandom } from "../factories";
import { call, correctionForm, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(1313);
const HOUR = 60 * 60 * 1000;
const PASSWORD = "pw-corrections-123456789";

let coordinator: { id: string };
let member: { id: string; clusterId: string | null };
let cluster: { id: string; slug: string };
let coordinatorCookie: string;
let secondCookie: string;
let adminCookie: string;
let memberCookie: string;

function requestIn(status: Status, overrides: Partial<IntakeInput> = {}, duplicateOfId?: string) {
  return createRequestInStatus({
    duplicateOfId,
    input: buildIntake(random, overrides),
    status,
    createdAt: new Date(Date.now() - HOUR),
    coordinator,
    cluster,
    member,
    stepMs: 60_000,
  });
}

const openPage = (reference: string, cookie = coordinatorCookie) =>
  call(requestLoader, new Request(`http://localhost/requests/${reference}`, { headers: { Cookie: cookie } }), { reference });

/** The correction form as the page fills it for this request: every field with its current value. */
async function formFor(reference: string, cookie = coordinatorCookie): Promise<Record<string, string | string[]>> {
  const page = await openPage(reference, cookie);
  expect(page.status).toBe(200);
  return correctionForm(page.data.request);
}

function post(reference: string, fields: Record<string, string | string[]>, cookie = coordinatorCookie) {
  return call(
    requestAction,
    formRequest(`/requests/${reference}`, fields, { headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }),
    { reference },
  );
}

const stateOf = (id: string) => db.request.findUniqueOrThrow({ where: { id } });
const eventsOf = (id: string) => db.requestEvent.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" } });
const lastChanges = async (id: string) => JSON.parse((await eventsOf(id)).at(-1)!.changes!) as { field: string; from: string | null; to: string | null }[];

async function expectNothingWritten(id: string, attempt: () => Promise<void>) {
  const before = await stateOf(id);
  const eventsBefore = await eventsOf(id);
  await attempt();
  expect(await stateOf(id)).toEqual(before);
  expect(await eventsOf(id)).toEqual(eventsBefore);
}

beforeAll(async () => {
  cluster = await createCluster({
    slug: "corrections-cluster",
    nameUk: "Кластер виправлень",
    nameEn: "Corrections cluster",
    kind: "CLUSTER",
    homeRegion: "UA-12",
    capabilities: ["SUPPLIES", "DEFENCE_ORDER", "RELOCATION"],
    regions: ["UA-12"],
  });
  coordinator = await createUser({ email: "corr.c1@rrc.example", name: "Олена", password: PASSWORD, role: "COORDINATOR" });
  const second = await createUser({ email: "corr.c2@rrc.example", name: "Тетяна", password: PASSWORD, role: "COORDINATOR" });
  const admin = await createUser({ email: "corr.admin@rrc.example", name: "Адмін", password: PASSWORD, role: "ADMIN" });
  member = await createUser({ email: "corr.member@cluster.example", name: "Андрій", password: PASSWORD, role: "CLUSTER_MEMBER", clusterId: cluster.id });
  coordinatorCookie = await cookieFor(coordinator.id);
  secondCookie = await cookieFor(second.id);
  adminCookie = await cookieFor(admin.id);
  memberCookie = await cookieFor(member.id);
});

describe("correcting a request", () => {
  it("changes what was filed, records each field before → after with who, and recomputes the clock of a changed urgency", async () => {
    const { id, reference } = await requestIn("TRIAGED", { category: "SUPPLIES", urgency: "NORMAL", title: "Потрібен листовий прокат" });
    const before = await stateOf(id);
    const form = await formFor(reference);
    const answer = await post(reference, {
      ...form,
      urgency: "CRITICAL",
      title: "Потрібна арматура для укриття",
      phone: "050 111 22 33",
      message: "Уточнено телефоном.",
    });
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/requests/${reference}?done=edit`);

    const after = await stateOf(id);
    expect(after).toMatchObject({
      status: "TRIAGED",
      urgency: "CRITICAL",
      urgencyRank: 0,
      title: "Потрібна арматура для укриття",
      phone: "+380501112233",
      version: before.version + 1,
    });
    // Triaged: resolution is what is due, now on the critical clock from the filing. The triage
    // clock stopped at triage: its due time stays as it was (decision 022).
    expect(after.resolveDueAt!.getTime()).toBe(after.createdAt.getTime() + slaTargets.CRITICAL.resolveMs);
    expect(after.triageDueAt).toEqual(before.triageDueAt);
    expect(after.nextDueAt).toEqual(after.resolveDueAt);
    expect(after.dueSortAt).toEqual(after.resolveDueAt);

    const event = (await eventsOf(id)).at(-1)!;
    expect(event).toMatchObject({
      action: "edit",
      actorUserId: coordinator.id,
      visibility: "PUBLIC",
      fromStatus: null,
      toStatus: null,
      message: "Уточнено телефоном.",
    });
    expect(JSON.parse(event.changes!)).toEqual([
      { field: "phone", from: before.phone, to: "+380501112233" },
      { field: "urgency", from: "NORMAL", to: "CRITICAL" },
      { field: "title", from: "Потрібен листовий прокат", to: "Потрібна арматура для укриття" },
      { field: "resolveDueAt", from: before.resolveDueAt!.toISOString(), to: after.resolveDueAt!.toISOString() },
    ]);

    // The staff page shows it with the author.
    const page = await openPage(reference);
    expect(page.data.request.events.at(-1)).toMatchObject({ action: "edit", actor: { name: "Олена" } });
  });

  it("the queue's search finds the corrected title and no longer the old one", async () => {
    const { reference } = await requestIn("NEW", { title: "Бракує тканини для пошиття" });
    const form = await formFor(reference);
    expect((await post(reference, { ...form, title: "Потрібен брезент для тентів" })).status).toBe(303);
    const search = async (q: string) => (await findQueue(readQueueParams(new URLSearchParams({ q })))).rows.map((row) => row.reference);
    expect(await search("брезент для тентів")).toContain(reference);
    expect(await search("тканини для пошиття")).not.toContain(reference);
  });

  it("moves an assigned request's accept deadline with its urgency", async () => {
    const { id, reference } = await requestIn("ASSIGNED", { urgency: "LOW" });
    const before = await stateOf(id);
    expect((await post(reference, { ...(await formFor(reference)), urgency: "HIGH" })).status).toBe(303);
    const after = await stateOf(id);
    expect(after.acceptDueAt!.getTime()).toBe(before.assignedAt!.getTime() + slaTargets.HIGH.acceptMs);
    expect((await lastChanges(id)).map((c) => c.field)).toEqual(["urgency", "resolveDueAt", "acceptDueAt"]);
  });

  it("moves a new request's triage due time with its urgency, and says so", async () => {
    const { id, reference } = await requestIn("NEW", { urgency: "LOW" });
    const before = await stateOf(id);
    expect((await post(reference, { ...(await formFor(reference)), urgency: "CRITICAL" })).status).toBe(303);
    const after = await stateOf(id);
    expect(after.triageDueAt!.getTime()).toBe(after.createdAt.getTime() + slaTargets.CRITICAL.triageMs);
    expect(after.nextDueAt).toEqual(after.triageDueAt);
    expect(await lastChanges(id)).toEqual([
      { field: "urgency", from: "LOW", to: "CRITICAL" },
      { field: "triageDueAt", from: before.triageDueAt!.toISOString(), to: after.triageDueAt!.toISOString() },
      { field: "resolveDueAt", from: before.resolveDueAt!.toISOString(), to: after.resolveDueAt!.toISOString() },
    ]);
  });

  it("keeps the time waits on the enterprise pushed the accept deadline out by when the urgency changes", async () => {
    const { id, reference } = await requestIn("ASSIGNED", { urgency: "LOW" });
    const assigned = await stateOf(id);
    // A question while the cluster has not accepted yet, answered twenty minutes later.
    const coordinatorActor = { type: "USER" as const, userId: coordinator.id, role: "COORDINATOR" as const, clusterId: null };
    const asked = new Date(Date.now() - 40 * 60_000);
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, { requestId: id, action: "requestInfo", actor: coordinatorActor, input: { message: "Скільки?" }, now: asked }),
    );
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, {
        requestId: id,
        action: "provideInfo",
        actor: { type: "ENTERPRISE" },
        input: { message: "20 т." },
        now: new Date(asked.getTime() + 20 * 60_000),
      }),
    );
    const back = await stateOf(id);
    expect(back).toMatchObject({ status: "ASSIGNED" });
    expect(back.acceptDueAt!.getTime()).toBe(assigned.acceptDueAt!.getTime() + 20 * 60_000);
    expect((await post(reference, { ...(await formFor(reference)), urgency: "HIGH" })).status).toBe(303);
    expect((await stateOf(id)).acceptDueAt!.getTime()).toBe(assigned.assignedAt!.getTime() + slaTargets.HIGH.acceptMs + 20 * 60_000);
  });

  it("is allowed in every open status, a resolution awaiting confirmation included, and to admins", async () => {
    for (const status of ["NEW", "NEEDS_INFO", "IN_PROGRESS", "RESOLVED"] as const) {
      const { id, reference } = await requestIn(status);
      const answer = await post(reference, { ...(await formFor(reference, adminCookie)), city: "Павлоград" }, adminCookie);
      expect(answer.status, status).toBe(303);
      expect((await stateOf(id)).status).toBe(status);
      expect(await lastChanges(id)).toEqual([expect.objectContaining({ field: "city", to: "Павлоград" })]);
    }
  });

  it("moves the category's own details when the category changes, validated as at intake, the defence details kept sensitive", async () => {
    const { id, reference } = await requestIn("TRIAGED", { category: "SUPPLIES", urgency: "HIGH" });
    const form = await formFor(reference);
    const { supplyItems: _items, ...rest } = form;

    // Defence order without its required product type: refused beside the field, what was typed kept.
    await expectNothingWritten(id, async () => {
      const refused = await post(reference, { ...rest, category: "DEFENCE_ORDER", monthlyCapacity: "300 од." });
      expect(refused.status).toBe(400);
      expect(refused.data.result.error.defenceProductType).toEqual(["requiredForCategory"]);
      expect(refused.data.result.initialValue).toMatchObject({ category: "DEFENCE_ORDER", monthlyCapacity: "300 од." });
    });

    // Another category's fields are dropped, as the intake form drops them.
    const answer = await post(reference, {
      ...form,
      category: "DEFENCE_ORDER",
      defenceProductType: "Бронепластини",
      monthlyCapacity: "300 од.",
      productionArea: "not a number, and not this category's",
    });
    expect(answer.status).toBe(303);
    const after = await stateOf(id);
    expect(after.category).toBe("DEFENCE_ORDER");
    expect(JSON.parse(after.details)).toEqual({});
    expect(JSON.parse(after.sensitiveDetails!)).toEqual({ productType: "Бронепластини", monthlyCapacity: "300 од." });
    // Its one line holds what it was corrected to: the category and details are the line's.
    expect(await db.requestLine.findMany({ where: { requestId: id }, select: { category: true, details: true, sensitiveDetails: true } })).toEqual([
      { category: "DEFENCE_ORDER", details: after.details, sensitiveDetails: after.sensitiveDetails },
    ]);
    expect(await lastChanges(id)).toEqual([
      { field: "category", from: "SUPPLIES", to: "DEFENCE_ORDER" },
      { field: "supplyItems", from: form.supplyItems, to: null },
      { field: "sensitive.productType", from: null, to: "Бронепластини" },
      { field: "sensitive.monthlyCapacity", from: null, to: "300 од." },
    ]);
  });

  it("shows the enterprise on its page what changed in what it filed, never a sensitive value nor the due times", async () => {
    const { token, reference } = await requestIn("TRIAGED", {
      category: "DEFENCE_ORDER",
      urgency: "NORMAL",
      defenceProductType: "Корпуси дронів",
      city: "Дніпро",
    });
    const form = await formFor(reference);
    expect((await post(reference, { ...form, defenceProductType: "Секретна назва виробу", city: "Кам'янське", urgency: "HIGH" })).status).toBe(303);

    const page = await call(statusLoader, new Request(`http://localhost/s/${token}`), { token });
    expect(page.status).toBe(200);
    const edit = page.data.request.events.find((e: { action: string }) => e.action === "edit");
    expect(edit.changes).toEqual([
      { field: "city", from: "Дніпро", to: "Кам'янське" },
      { field: "urgency", from: "NORMAL", to: "HIGH" },
      { field: "sensitive.productType", from: null, to: null },
    ]);
    expect(page.data.request).toMatchObject({ city: "Кам'янське", urgency: "HIGH" });
    const text = JSON.stringify(page.data);
    expect(text).not.toContain("Секретна назва виробу");
    expect(text).not.toContain("Корпуси дронів");

    // The enterprise is e-mailed what changed, in the same words, a sensitive detail only as changed.
    const { id } = await db.request.findUniqueOrThrow({ where: { reference }, select: { id: true } });
    const mails = await db.notification.findMany({ where: { requestId: id, kind: "corrected" } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain("Дніпро → Кам'янське");
    expect(mails[0]!.body).toMatch(/Терміновість: [^\n]+ → /);
    expect(mails[0]!.body).toMatch(/змінено/);
    expect(mails[0]!.body).not.toContain("Секретна назва виробу");
    expect(mails[0]!.body).not.toContain("Корпуси дронів");
  });

  it("keeps a needed-by date already past when it is not changed, and refuses a new one in the past", async () => {
    const { id, reference } = await requestIn("TRIAGED");
    // Filed needing it by a date that has since passed.
    await db.$transaction((tx) => tx.request.update({ where: { id }, data: { neededBy: new Date("2026-01-15T00:00:00Z") } }));
    const form = await formFor(reference);
    expect(form.neededBy).toBe("2026-01-15");
    expect((await post(reference, { ...form, city: "Лубни" })).status).toBe(303);

    const yesterday = new Date(Date.parse(`${kyivToday()}T12:00:00Z`) - 24 * HOUR).toISOString().slice(0, 10);
    await expectNothingWritten(id, async () => {
      const refused = await post(reference, { ...(await formFor(reference)), neededBy: yesterday });
      expect(refused.status).toBe(400);
      expect(refused.data.result.error.neededBy).toEqual(["datePast"]);
    });
    // Cleared: no date at all.
    expect((await post(reference, { ...(await formFor(reference)), neededBy: "" })).status).toBe(303);
    expect((await stateOf(id)).neededBy).toBeNull();
    expect(await lastChanges(id)).toEqual([{ field: "neededBy", from: "2026-01-15", to: null }]);
  });
});

describe("refused corrections write nothing", () => {
  it("a stale version gives 409 and keeps what was typed", async () => {
    const { id, reference } = await requestIn("TRIAGED");
    const seen = await formFor(reference);
    // A colleague corrects it first.
    expect((await post(reference, { ...(await formFor(reference, secondCookie)), city: "Кременчук" }, secondCookie)).status).toBe(303);
    await expectNothingWritten(id, async () => {
      const stale = await post(reference, { ...seen, title: "Мій заголовок, набраний довго" });
      expect(stale.status).toBe(409);
      expect(stale.data.result.error[""]).toEqual(["CONFLICT"]);
      expect(stale.data.result.initialValue.title).toBe("Мій заголовок, набраний довго");
    });
  });

  it("bad input gives 400 beside each field and keeps what was typed", async () => {
    const { id, reference } = await requestIn("IN_PROGRESS");
    await expectNothingWritten(id, async () => {
      const answer = await post(reference, { ...(await formFor(reference)), email: "not an address", description: "коротко", region: "UA-99" });
      expect(answer.status).toBe(400);
      expect(answer.data.result.error).toMatchObject({ email: ["email"], description: ["tooShort:20"], region: ["choose"] });
      expect(answer.data.result.initialValue.email).toBe("not an address");
    });
  });

  it("nothing changed gives 422 and no event", async () => {
    const { id, reference } = await requestIn("ASSIGNED");
    await expectNothingWritten(id, async () => {
      const answer = await post(reference, await formFor(reference));
      expect(answer.status).toBe(422);
      expect(answer.data.result.error[""]).toEqual(["NOTHING_TO_CHANGE"]);
    });
  });

  it("a final request cannot be corrected, and the page does not offer it", async () => {
    const original = await requestIn("NEW");
    for (const status of ["CLOSED", "REJECTED", "DUPLICATE"] as const) {
      const { id, reference } = await requestIn(status, {}, original.id);
      expect((await openPage(reference)).data.request.actions).not.toContain("edit");
      const form = await formFor(reference);
      await expectNothingWritten(id, async () => {
        const answer = await post(reference, { ...form, city: "Суми" });
        expect(answer.status, status).toBe(422);
        expect(answer.data.result.error[""]).toEqual(["WRONG_STATUS"]);
      });
    }
  });

  it("a cluster member may not correct even their own cluster's request", async () => {
    const { id, reference } = await requestIn("IN_PROGRESS");
    expect((await openPage(reference, memberCookie)).data.request.actions).not.toContain("edit");
    const form = await formFor(reference);
    await expectNothingWritten(id, async () => {
      const answer = await post(reference, { ...form, version: form.version!, city: "Суми" }, memberCookie);
      expect(answer.status).toBe(422);
      expect(answer.data.result.error[""]).toEqual(["NOT_PERMITTED"]);
    });
  });
});
