import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { slaTargets } from "~/domain/sla/sla-config.server";
import type { Status } from "~/domain/requests/state-machine";
import { action as requestAction, loader as requestLoader } from "~/routes/requests.$reference/route";
import type { IntakeInput } from "~/schemas/intake";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createRequestInStatus, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(4242);
const HOUR = 60 * 60 * 1000;
const PASSWORD = "pw-actions-123456789";

let coordinator: { id: string };
let secondCoordinator: { id: string };
let memberA: { id: string; clusterId: string | null };
let clusterA: { id: string; slug: string };
let clusterB: { id: string; slug: string };
let coordinatorCookie: string;
let secondCookie: string;
let memberCookie: string;
let memberBCookie: string;

/** A request as the enterprise files it (NEW, created now). */
function fileRequest(overrides: Partial<IntakeInput> = {}) {
  return createRequest({ input: buildIntake(random, overrides) });
}

/** A request walked to `status` through the state machine by the factories. */
function requestIn(status: Status, options: { cluster?: { id: string }; overrides?: Partial<IntakeInput>; createdAt?: Date } = {}) {
  return createRequestInStatus({
    input: buildIntake(random, options.overrides ?? {}),
    status,
    createdAt: options.createdAt ?? new Date(Date.now() - HOUR),
    coordinator,
    cluster: options.cluster,
    member: memberA,
    stepMs: 60_000,
  });
}

function openPage(reference: string, cookie = coordinatorCookie) {
  return call(requestLoader, new Request(`http://localhost/requests/${reference}`, { headers: { Cookie: cookie } }), { reference });
}

async function versionOf(reference: string, cookie = coordinatorCookie) {
  const page = await openPage(reference, cookie);
  expect(page.status).toBe(200);
  return page.data.request.version as number;
}

/** Posts one action from the request's page, with the version the page showed unless given. */
async function act(reference: string, fields: Record<string, string>, cookie = coordinatorCookie) {
  const version = fields.version ?? String(await versionOf(reference, cookie));
  return call(
    requestAction,
    formRequest(`/requests/${reference}`, { ...fields, version }, { headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }),
    { reference },
  );
}

const stateOf = (id: string) => db.request.findUniqueOrThrow({ where: { id } });
const eventsOf = (id: string) => db.requestEvent.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" } });

function expectDone(answer: { status: number; location: string | null }, reference: string, intent: string) {
  expect(answer.status).toBe(303);
  expect(answer.location).toBe(`/requests/${reference}?done=${intent}`);
}

/** Runs `attempt` and checks that it changed neither the request nor its timeline. */
async function expectNothingWritten(id: string, attempt: () => Promise<void>) {
  const before = await stateOf(id);
  const eventsBefore = await eventsOf(id);
  await attempt();
  expect(await stateOf(id)).toEqual(before);
  expect(await eventsOf(id)).toEqual(eventsBefore);
}

beforeAll(async () => {
  clusterA = await createCluster({
    slug: "cluster-a",
    nameUk: "Кластер А",
    nameEn: "Cluster A",
    kind: "CLUSTER",
    homeRegion: "UA-12",
    capabilities: ["SUPPLIES", "DEFENCE_ORDER", "EQUIPMENT"],
    regions: ["UA-12", "UA-63"],
  });
  clusterB = await createCluster({
    slug: "cluster-b",
    nameUk: "Кластер Б",
    nameEn: "Cluster B",
    kind: "ASSOCIATION",
    homeRegion: "UA-46",
    capabilities: ["LOGISTICS"],
    regions: ["UA-46"],
  });
  coordinator = await createUser({ email: "actions.c1@rrc.example", name: "Олена", password: PASSWORD, role: "COORDINATOR" });
  secondCoordinator = await createUser({ email: "actions.c2@rrc.example", name: "Тетяна", password: PASSWORD, role: "COORDINATOR" });
  memberA = await createUser({ email: "member.a@cluster.example", name: "Андрій", password: PASSWORD, role: "CLUSTER_MEMBER", clusterId: clusterA.id });
  const memberB = await createUser({ email: "member.b@cluster.example", name: "Ірина", password: PASSWORD, role: "CLUSTER_MEMBER", clusterId: clusterB.id });
  coordinatorCookie = await cookieFor(coordinator.id);
  secondCookie = await cookieFor(secondCoordinator.id);
  memberCookie = await cookieFor(memberA.id);
  memberBCookie = await cookieFor(memberB.id);
});

describe("coordinator actions from the request page", () => {
  it("offers a NEW request's actions and only those", async () => {
    const { reference } = await fileRequest();
    const page = await openPage(reference);
    expect(page.status).toBe(200);
    expect(page.data.staff).toBe(true);
    expect(page.data.request.status).toBe("NEW");
    expect(page.data.request.actions).toEqual(expect.arrayContaining(["triage", "requestInfo", "assign", "reject", "markDuplicate", "note", "publicMessage"]));
    expect(page.data.request.actions).not.toContain("resolve");
    expect(page.data.request.actions).not.toContain("accept");
  });

  it("answers 404 for an unknown reference, to the page and to a post", async () => {
    expect((await openPage("RRC-2020-999999")).status).toBe(404);
    const posted = await act("RRC-2020-999999", { intent: "note", message: "x", version: "0" });
    expect(posted.status).toBe(404);
  });

  it("answers 404 for a reference that cannot be one (a lone UTF-16 surrogate, junk), to the page and to a post", async () => {
    for (const reference of ["\ud800", "RRC-2026-\udfff", "rrc-2026-000001", "RRC-2026-1", "x"]) {
      expect((await openPage(reference)).status, reference).toBe(404);
      expect((await act(reference, { intent: "note", message: "x", version: "0" })).status, reference).toBe(404);
    }
  });

  it("triage confirms the request, records category, urgency and owner changes and recomputes the clock", async () => {
    const { id, reference } = await fileRequest({ category: "SUPPLIES", urgency: "NORMAL" });
    const before = await stateOf(id);
    expect(before.urgencyRank).toBe(2);

    const answer = await act(reference, {
      intent: "triage",
      category: "LOGISTICS",
      urgency: "CRITICAL",
      ownerId: secondCoordinator.id,
      message: "Перевірено телефоном.",
    });
    expectDone(answer, reference, "triage");

    const after = await stateOf(id);
    expect(after).toMatchObject({
      status: "TRIAGED",
      category: "LOGISTICS",
      urgency: "CRITICAL",
      urgencyRank: 0,
      ownerId: secondCoordinator.id,
      version: before.version + 1,
    });
    expect(after.triagedAt).not.toBeNull();
    // Once triaged, what is due is resolution, on the new urgency's clock.
    expect(after.resolveDueAt!.getTime()).toBe(before.createdAt.getTime() + slaTargets.CRITICAL.resolveMs);
    expect(after.nextDueAt!.getTime()).toBe(after.resolveDueAt!.getTime());
    expect(before.resolveDueAt!.getTime()).toBe(before.createdAt.getTime() + slaTargets.NORMAL.resolveMs);

    const events = await eventsOf(id);
    expect(events).toHaveLength(2);
    const event = events.at(-1)!;
    expect(event).toMatchObject({ action: "triage", fromStatus: "NEW", toStatus: "TRIAGED", visibility: "INTERNAL", actorUserId: coordinator.id });
    // The corrections are recorded field by field as codes (each page shows them in its own
    // language), apart from the coordinator's words.
    expect(event.message).toBe("Перевірено телефоном.");
    // A changed urgency says that it moved the due times too.
    expect(JSON.parse(event.changes!)).toEqual([
      { field: "category", from: "SUPPLIES", to: "LOGISTICS" },
      { field: "urgency", from: "NORMAL", to: "CRITICAL" },
      { field: "triageDueAt", from: before.triageDueAt!.toISOString(), to: after.triageDueAt!.toISOString() },
      { field: "resolveDueAt", from: before.resolveDueAt!.toISOString(), to: after.resolveDueAt!.toISOString() },
      { field: "owner", from: null, to: secondCoordinator.id },
    ]);
  });

  it("triage refuses an owner who is not staff with a field error and writes nothing", async () => {
    const { id, reference } = await fileRequest();
    await expectNothingWritten(id, async () => {
      const answer = await act(reference, { intent: "triage", category: "OTHER", urgency: "LOW", ownerId: memberA.id });
      expect(answer.status).toBe(400);
      expect(answer.data.result.error.ownerId).toEqual(["choose"]);
    });
  });

  it("requestInfo asks the enterprise publicly and pauses the SLA clock", async () => {
    const { id, reference } = await requestIn("TRIAGED");
    const answer = await act(reference, { intent: "requestInfo", message: "Яка площа цеху?" });
    expectDone(answer, reference, "requestInfo");
    const after = await stateOf(id);
    expect(after.status).toBe("NEEDS_INFO");
    expect(after.slaPausedAt).not.toBeNull();
    expect(Date.now() - after.slaPausedAt!.getTime()).toBeLessThan(60_000);
    expect(after.nextDueAt).toBeNull();
    expect((await eventsOf(id)).at(-1)).toMatchObject({
      action: "requestInfo",
      fromStatus: "TRIAGED",
      toStatus: "NEEDS_INFO",
      visibility: "PUBLIC",
      message: "Яка площа цеху?",
    });
  });

  it("resumeWithoutReply returns the request to work and pushes its due time out by the time it waited", async () => {
    // Triaged and asked 22 hours ago (created 24 hours ago, steps an hour apart).
    const created = await createRequestInStatus({
      input: buildIntake(random, { urgency: "HIGH" }),
      status: "NEEDS_INFO",
      createdAt: new Date(Date.now() - 24 * HOUR),
      coordinator,
      stepMs: HOUR,
    });
    const before = await stateOf(created.id);
    expect(before.slaPausedAt).not.toBeNull();

    const answer = await act(created.reference, { intent: "resumeWithoutReply", message: "Підприємство відповіло телефоном." });
    expectDone(answer, created.reference, "resumeWithoutReply");
    const after = await stateOf(created.id);
    expect(after.status).toBe("TRIAGED");
    expect(after.slaPausedAt).toBeNull();
    expect(after.slaPausedMs).toBeGreaterThanOrEqual(22 * HOUR - 5_000);
    expect(after.slaPausedMs).toBeLessThanOrEqual(22 * HOUR + 60_000);
    expect(after.resolveDueAt!.getTime() - before.resolveDueAt!.getTime()).toBe(after.slaPausedMs - before.slaPausedMs);
    expect(after.nextDueAt!.getTime()).toBe(after.resolveDueAt!.getTime());
    expect((await eventsOf(created.id)).at(-1)).toMatchObject({
      action: "resumeWithoutReply",
      fromStatus: "NEEDS_INFO",
      toStatus: "TRIAGED",
      visibility: "INTERNAL",
    });
  });

  it("assign hands the request to a cluster; an unknown cluster is a field error", async () => {
    const { id, reference } = await requestIn("TRIAGED");
    await expectNothingWritten(id, async () => {
      const unknown = await act(reference, { intent: "assign", clusterId: "no-such-cluster" });
      expect(unknown.status).toBe(400);
      expect(unknown.data.result.error.clusterId).toEqual(["choose"]);
    });

    const answer = await act(reference, { intent: "assign", clusterId: clusterA.id });
    expectDone(answer, reference, "assign");
    const after = await stateOf(id);
    expect(after).toMatchObject({ status: "ASSIGNED", assignedClusterId: clusterA.id });
    expect(after.assignedAt).not.toBeNull();
    expect((await eventsOf(id)).at(-1)).toMatchObject({ action: "assign", toStatus: "ASSIGNED", clusterId: clusterA.id, visibility: "INTERNAL" });
  });

  it("unassign takes the request back from its cluster with a reason", async () => {
    const { id, reference } = await requestIn("ASSIGNED", { cluster: clusterA });
    const answer = await act(reference, { intent: "unassign", message: "Кластер не відповідає." });
    expectDone(answer, reference, "unassign");
    const after = await stateOf(id);
    expect(after).toMatchObject({ status: "TRIAGED", assignedClusterId: null, assignedAt: null });
    expect((await eventsOf(id)).at(-1)).toMatchObject({
      action: "unassign",
      fromStatus: "ASSIGNED",
      toStatus: "TRIAGED",
      visibility: "INTERNAL",
      message: "Кластер не відповідає.",
    });
  });

  it("reject closes the request with a public reason", async () => {
    const { id, reference } = await fileRequest();
    const answer = await act(reference, { intent: "reject", message: "Поза межами роботи Центру." });
    expectDone(answer, reference, "reject");
    const after = await stateOf(id);
    expect(after.status).toBe("REJECTED");
    expect(after.closedAt).not.toBeNull();
    expect(after.nextDueAt).toBeNull();
    expect((await eventsOf(id)).at(-1)).toMatchObject({ action: "reject", toStatus: "REJECTED", visibility: "PUBLIC", message: "Поза межами роботи Центру." });
  });

  it("markDuplicate links the request to the original by reference, typed in any case", async () => {
    const original = await fileRequest();
    const { id, reference } = await fileRequest();
    const answer = await act(reference, { intent: "markDuplicate", duplicateOf: ` ${original.reference.toLowerCase()} `, message: "Той самий запит." });
    expectDone(answer, reference, "markDuplicate");
    const after = await stateOf(id);
    expect(after).toMatchObject({ status: "DUPLICATE", duplicateOfId: original.id });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ action: "markDuplicate", toStatus: "DUPLICATE", visibility: "PUBLIC" });
    expect((await openPage(reference)).data.request.duplicateOf).toEqual({ reference: original.reference });
  });

  it("markDuplicate refuses an unknown, malformed or own reference with a field error and writes nothing", async () => {
    const { id, reference } = await fileRequest();
    await expectNothingWritten(id, async () => {
      const unknown = await act(reference, { intent: "markDuplicate", duplicateOf: "RRC-2020-999999", message: "Дубль." });
      expect(unknown.status).toBe(400);
      expect(unknown.data.result.error.duplicateOf).toEqual(["unknownReference"]);
      expect(unknown.data.result.initialValue.message).toBe("Дубль.");

      const malformed = await act(reference, { intent: "markDuplicate", duplicateOf: "дубль", message: "Дубль." });
      expect(malformed.status).toBe(400);
      expect(malformed.data.result.error.duplicateOf).toEqual(["unknownReference"]);

      const self = await act(reference, { intent: "markDuplicate", duplicateOf: reference, message: "Дубль." });
      expect(self.status).toBe(400);
      expect(self.data.result.error.duplicateOf).toEqual(["selfDuplicate"]);
    });
  });

  it("a note is INTERNAL and a public message is PUBLIC; neither changes the status", async () => {
    const { id, reference } = await requestIn("TRIAGED");
    const before = await stateOf(id);
    expectDone(await act(reference, { intent: "note", message: "Внутрішнє: перевірити ЄДРПОУ." }), reference, "note");
    expectDone(await act(reference, { intent: "publicMessage", message: "Ми працюємо над вашим запитом." }), reference, "publicMessage");
    const after = await stateOf(id);
    expect(after.status).toBe("TRIAGED");
    expect(after.version).toBe(before.version + 2);
    const [note, message] = (await eventsOf(id)).slice(-2);
    expect(note).toMatchObject({ action: "note", visibility: "INTERNAL", fromStatus: null, toStatus: null, message: "Внутрішнє: перевірити ЄДРПОУ." });
    expect(message).toMatchObject({ action: "publicMessage", visibility: "PUBLIC", message: "Ми працюємо над вашим запитом." });
  });
});

describe("refusals", () => {
  it("a transition the state machine refuses gives 422, keeps what was typed and changes nothing", async () => {
    const { id, reference } = await fileRequest();
    await expectNothingWritten(id, async () => {
      const answer = await act(reference, { intent: "resolve", message: "Готово." });
      expect(answer.status).toBe(422);
      expect(answer.data.result.error[""]).toEqual(["WRONG_STATUS"]);
      expect(answer.data.result.initialValue.message).toBe("Готово.");
    });
  });

  it("a missing or blank required message gives 400 and writes nothing", async () => {
    const { id, reference } = await fileRequest();
    await expectNothingWritten(id, async () => {
      const missing = await act(reference, { intent: "reject" });
      expect(missing.status).toBe(400);
      expect(missing.data.result.error.message).toEqual(["required"]);
      const blank = await act(reference, { intent: "requestInfo", message: "   " });
      expect(blank.status).toBe(400);
      expect(blank.data.result.error.message).toEqual(["required"]);
    });
  });

  it("an unknown intent gives 400 and writes nothing", async () => {
    const { id, reference } = await fileRequest();
    await expectNothingWritten(id, async () => {
      expect((await act(reference, { intent: "confirm" })).status).toBe(400);
      expect((await act(reference, { intent: "delete" })).status).toBe(400);
    });
  });
});

describe("optimistic locking", () => {
  it("refuses the second of two coordinators acting on the same version, keeping their text", async () => {
    const { id, reference } = await requestIn("TRIAGED");
    const seenByFirst = await versionOf(reference, coordinatorCookie);
    const seenBySecond = await versionOf(reference, secondCookie);
    expect(seenBySecond).toBe(seenByFirst);
    const eventsBefore = (await eventsOf(id)).length;

    const first = await act(reference, { intent: "requestInfo", message: "Уточніть обсяги.", version: String(seenByFirst) }, coordinatorCookie);
    expectDone(first, reference, "requestInfo");

    const reason = "Запит поза межами роботи Центру — відхиляю.";
    const second = await act(reference, { intent: "reject", message: reason, version: String(seenBySecond) }, secondCookie);
    expect(second.status).toBe(409);
    expect(second.data.result.error[""]).toEqual(["CONFLICT"]);
    expect(second.data.result.initialValue.message).toBe(reason);

    const after = await stateOf(id);
    expect(after.status).toBe("NEEDS_INFO");
    const events = await eventsOf(id);
    expect(events).toHaveLength(eventsBefore + 1);
    expect(events.at(-1)).toMatchObject({ action: "requestInfo", actorUserId: coordinator.id });
    expect(await versionOf(reference, secondCookie)).toBe(seenByFirst + 1);
  });
});

describe("cluster members", () => {
  it("get 404 for a request of another cluster and for an unassigned one, to the page and to posts", async () => {
    const elsewhere = await requestIn("ASSIGNED", { cluster: clusterB });
    const unassigned = await fileRequest();
    for (const { id, reference } of [elsewhere, unassigned]) {
      expect((await openPage(reference, memberCookie)).status).toBe(404);
      await expectNothingWritten(id, async () => {
        const posted = await act(reference, { intent: "note", message: "Спроба.", version: "0" }, memberCookie);
        expect(posted.status).toBe(404);
        const accept = await act(reference, { intent: "accept", version: String((await stateOf(id)).version) }, memberCookie);
        expect(accept.status).toBe(404);
      });
    }
  });

  it("see their own cluster's request with only the actions open to them, and none of the staff lists", async () => {
    const { reference } = await requestIn("ASSIGNED", { cluster: clusterA });
    const page = await openPage(reference, memberCookie);
    expect(page.status).toBe(200);
    expect(page.data.staff).toBe(false);
    expect(page.data.clusters).toEqual([]);
    expect(page.data.coordinators).toEqual([]);
    // Asking the enterprise is open to the cluster holding the request too (decision 022).
    expect(page.data.request.actions).toEqual(expect.arrayContaining(["accept", "decline", "note", "publicMessage", "requestInfo"]));
    for (const staffOnly of ["triage", "assign", "unassign", "reject", "markDuplicate"]) {
      expect(page.data.request.actions).not.toContain(staffOnly);
    }
  });

  it("see no other request of the same enterprise that is not their cluster's", async () => {
    const input = buildIntake(random, { category: "EQUIPMENT" });
    const theirs = await createRequestInStatus({
      input,
      status: "ASSIGNED",
      createdAt: new Date(Date.now() - 2 * HOUR),
      coordinator,
      cluster: clusterA,
      stepMs: 60_000,
    });
    await createRequest({ input: { ...input, category: "ENERGY", title: "Інша справа того ж підприємства" } });
    const page = await openPage(theirs.reference, memberCookie);
    expect(page.data.request.otherRequests).toEqual([]);
    expect((await openPage(theirs.reference)).data.request.otherRequests).toHaveLength(1);
  });

  it("accept their cluster's request and resolve it with a message", async () => {
    const { id, reference } = await requestIn("ASSIGNED", { cluster: clusterA });
    expectDone(await act(reference, { intent: "accept" }, memberCookie), reference, "accept");
    const accepted = await stateOf(id);
    expect(accepted.status).toBe("IN_PROGRESS");
    expect(accepted.acceptedAt).not.toBeNull();
    expect((await eventsOf(id)).at(-1)).toMatchObject({ action: "accept", actorUserId: memberA.id, toStatus: "IN_PROGRESS" });

    await expectNothingWritten(id, async () => {
      const withoutMessage = await act(reference, { intent: "resolve" }, memberCookie);
      expect(withoutMessage.status).toBe(400);
      expect(withoutMessage.data.result.error.message).toEqual(["required"]);
    });

    const resolved = await act(reference, { intent: "resolve", message: "Постачальника знайдено, метал відвантажено." }, memberCookie);
    expectDone(resolved, reference, "resolve");
    const after = await stateOf(id);
    expect(after.status).toBe("RESOLVED");
    expect(after.resolvedAt).not.toBeNull();
    expect((await eventsOf(id)).at(-1)).toMatchObject({
      action: "resolve",
      actorUserId: memberA.id,
      visibility: "PUBLIC",
      message: "Постачальника знайдено, метал відвантажено.",
    });
  });

  it("cannot triage, assign, unassign or reject even their own cluster's request", async () => {
    const { id, reference } = await requestIn("ASSIGNED", { cluster: clusterA });
    await expectNothingWritten(id, async () => {
      const assign = await act(reference, { intent: "assign", clusterId: clusterB.id }, memberCookie);
      expect(assign.status).toBe(422);
      expect(assign.data.result.error[""]).toEqual(["NOT_PERMITTED"]);

      const unassign = await act(reference, { intent: "unassign", message: "Не наше." }, memberCookie);
      expect(unassign.status).toBe(422);
      expect(unassign.data.result.error[""]).toEqual(["NOT_PERMITTED"]);

      // Triage and reject are not open from ASSIGNED for anyone; the member is refused either way.
      const triage = await act(reference, { intent: "triage", category: "OTHER", urgency: "LOW" }, memberCookie);
      expect(triage.status).toBe(422);
      const reject = await act(reference, { intent: "reject", message: "Ні." }, memberCookie);
      expect(reject.status).toBe(422);
    });
  });
});

describe("sensitive details of a defence order", () => {
  it("are shown to staff and to the assigned cluster's member, and to no other cluster", async () => {
    const { reference } = await requestIn("ASSIGNED", {
      cluster: clusterA,
      overrides: { category: "DEFENCE_ORDER", defenceProductType: "Корпуси дронів", monthlyCapacity: "500 од.", certifications: "ISO 9001" },
    });
    const expected = { productType: "Корпуси дронів", monthlyCapacity: "500 од.", certifications: "ISO 9001" };

    const staff = await openPage(reference);
    expect(staff.data.request.sensitiveDetails).toEqual(expected);
    expect(staff.data.request.details).not.toHaveProperty("productType");

    const member = await openPage(reference, memberCookie);
    expect(member.status).toBe(200);
    expect(member.data.request.sensitiveDetails).toEqual(expected);

    const otherCluster = await openPage(reference, memberBCookie);
    expect(otherCluster.status).toBe(404);
    expect(JSON.stringify(otherCluster.data)).not.toContain("Корпуси дронів");
  });
});
