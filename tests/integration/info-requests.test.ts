// Asking the enterprise for information at any open status: who may ask, where the request
// waits and goes back to, who the answer reaches, and refusals that write nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { infoAskerInTx } from "~/domain/requests/info-requests.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Action, Actor } from "~/domain/requests/state-machine";
import { loader as clusterLoader } from "~/routes/cluster";
import { action as requestAction, loader as requestLoader } from "~/routes/requests.$reference/route";
import { action as statusAction } from "~/routes/s.$token";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(1313);
let coordinator: Actor;
let clusterA: string;
let memberA: { id: string };
let cookies: { coordinator: string; memberA: string; memberB: string };

beforeAll(async () => {
  const seed = (slug: string) => ({
    slug,
    nameUk: `Кластер ${slug}`,
    nameEn: `Cluster ${slug}`,
    kind: "CLUSTER" as const,
    homeRegion: "UA-30" as const,
    capabilities: ["OTHER" as const],
    regions: ["UA-30" as const],
  });
  clusterA = (await createCluster(seed("ask-a"))).id;
  const clusterB = (await createCluster(seed("ask-b"))).id;
  const c = await createUser({ email: "c@ask.example", name: "Олена Координаторка", password: "pw-123456789", role: "COORDINATOR" });
  memberA = await createUser({ email: "a@ask.example", name: "Андрій з кластера А", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: clusterA });
  const memberB = await createUser({
    email: "b@ask.example",
    name: "Ірина з кластера Б",
    password: "pw-123456789",
    role: "CLUSTER_MEMBER",
    clusterId: clusterB,
  });
  coordinator = { type: "USER", userId: c.id, role: "COORDINATOR", clusterId: null };
  cookies = { coordinator: await cookieFor(c.id), memberA: await cookieFor(memberA.id), memberB: await cookieFor(memberB.id) };
});

/** A request filed and walked through `actions` (triage, assign to A, accept by A's member). */
async function requestThrough(actions: Action[]) {
  const filed = await createRequest({ input: buildIntake(random) });
  const member: Actor = { type: "USER", userId: memberA.id, role: "CLUSTER_MEMBER", clusterId: clusterA };
  for (const action of actions) {
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, { requestId: filed.id, action, actor: action === "accept" ? member : coordinator, input: { clusterId: clusterA } }),
    );
  }
  return filed;
}

const open = (reference: string, cookie: string) =>
  call(requestLoader, new Request(`http://localhost/requests/${reference}`, { headers: { Cookie: cookie } }), { reference });

async function post(reference: string, cookie: string, fields: Record<string, string>) {
  const version = fields.version ?? String((await db.request.findFirstOrThrow({ where: { reference } })).version);
  return call(
    requestAction,
    formRequest(`/requests/${reference}`, { ...fields, version }, { headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" } }),
    {
      reference,
    },
  );
}

const stateOf = (id: string) => db.request.findUniqueOrThrow({ where: { id } });
const eventsOf = (id: string) => db.requestEvent.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" } });

async function expectNothingWritten(id: string, attempt: () => Promise<void>) {
  const [before, events] = [await stateOf(id), await eventsOf(id)];
  await attempt();
  expect(await stateOf(id)).toEqual(before);
  expect(await eventsOf(id)).toEqual(events);
}

describe("a cluster member asks while the request is in progress", () => {
  it("waits on the enterprise with its cluster, in the cluster's list; the answer takes it back in progress and reaches the member", async () => {
    const filed = await requestThrough(["triage", "assign", "accept"]);
    const asked = await post(filed.reference, cookies.memberA, { intent: "requestInfo", message: "Яка товщина листа потрібна?" });
    expect(asked.status).toBe(303);
    expect(await stateOf(filed.id)).toMatchObject({ status: "NEEDS_INFO", infoAskedFrom: "IN_PROGRESS", assignedClusterId: clusterA, nextDueAt: null });
    expect((await eventsOf(filed.id)).at(-1)).toMatchObject({ action: "requestInfo", actorUserId: memberA.id, clusterId: clusterA, visibility: "PUBLIC" });

    // Still the cluster's: in its list, on its page, with the wait explained.
    const list = await call(clusterLoader, new Request("http://localhost/cluster?status=NEEDS_INFO", { headers: { Cookie: cookies.memberA } }));
    expect(list.data.queue.rows.map((r: { reference: string }) => r.reference)).toContain(filed.reference);
    const waiting = await open(filed.reference, cookies.memberA);
    expect(waiting.data.request.infoExchange).toMatchObject({
      question: { message: "Яка товщина листа потрібна?", askedBy: { id: memberA.id } },
      ending: null,
    });
    expect(waiting.data.request.actions).toEqual(expect.arrayContaining(["resumeWithoutReply", "publicMessage", "note"]));
    expect(waiting.data.request.actions).not.toContain("resolve");

    // The enterprise answers from its page.
    const answered = await call(statusAction, formRequest(`/s/${filed.token}`, { message: "Лист 3 мм, 20 тонн." }), { token: filed.token });
    expect(answered.status).toBe(303);
    expect(answered.location).toContain("done=provideInfo");
    expect(await stateOf(filed.id)).toMatchObject({ status: "IN_PROGRESS", infoAskedFrom: null, assignedClusterId: clusterA });
    expect(await db.$transaction((tx) => infoAskerInTx(tx, filed.id))).toMatchObject({ id: memberA.id, email: "a@ask.example" });
    const told = await db.notification.findMany({ where: { requestId: filed.id, kind: "infoProvided" }, select: { recipient: true, body: true } });
    expect(told.map((n) => n.recipient)).toContain("a@ask.example");
    expect(told.find((n) => n.recipient === "a@ask.example")!.body).toContain("Лист 3 мм, 20 тонн.");

    const forMember = await open(filed.reference, cookies.memberA);
    expect(forMember.data.request.infoExchange).toMatchObject({
      question: { askedBy: { id: memberA.id, name: "Андрій з кластера А" } },
      ending: { action: "provideInfo", message: "Лист 3 мм, 20 тонн." },
      freshAnswer: true,
    });
    expect(forMember.data.request.actions).toContain("resolve");
  });

  it("a coordinator's question to an assigned request goes back to ASSIGNED when the member resumes without a reply", async () => {
    const filed = await requestThrough(["triage", "assign"]);
    expect((await post(filed.reference, cookies.coordinator, { intent: "requestInfo", message: "Чи є фото пошкоджень?" })).status).toBe(303);
    const resumed = await post(filed.reference, cookies.memberA, { intent: "resumeWithoutReply", message: "Оцінимо на місці." });
    expect(resumed.status).toBe(303);
    expect(await stateOf(filed.id)).toMatchObject({ status: "ASSIGNED", assignedClusterId: clusterA, infoAskedFrom: null });
    const page = await open(filed.reference, cookies.coordinator);
    expect(page.data.request.infoExchange).toMatchObject({ ending: { action: "resumeWithoutReply" }, freshAnswer: false });
  });
});

describe("refusals write nothing", () => {
  it("a member of another cluster cannot see, let alone ask (404)", async () => {
    const filed = await requestThrough(["triage", "assign", "accept"]);
    await expectNothingWritten(filed.id, async () => {
      const answer = await post(filed.reference, cookies.memberB, { intent: "requestInfo", message: "?" });
      expect(answer.status).toBe(404);
    });
  });

  it("nobody asks about a resolved request, and a stale page's question is refused", async () => {
    const resolved = await requestThrough(["triage", "assign", "accept"]);
    await db.$transaction((tx) => transitionRequestInTx(tx, { requestId: resolved.id, action: "resolve", actor: coordinator, input: { message: "Готово." } }));
    await expectNothingWritten(resolved.id, async () => {
      const answer = await post(resolved.reference, cookies.memberA, { intent: "requestInfo", message: "Ще питання" });
      expect(answer.status).toBe(422);
    });
    const inProgress = await requestThrough(["triage", "assign", "accept"]);
    const seen = String((await stateOf(inProgress.id)).version - 1);
    await expectNothingWritten(inProgress.id, async () => {
      const answer = await post(inProgress.reference, cookies.memberA, { intent: "requestInfo", message: "Питання", version: seen });
      expect(answer.status).toBe(409);
    });
  });

  it("while a cluster's question waits, the request cannot be rejected or merged as if it were new", async () => {
    const filed = await requestThrough(["triage", "assign", "accept"]);
    const other = await requestThrough([]);
    await post(filed.reference, cookies.memberA, { intent: "requestInfo", message: "Коли зручно приїхати?" });
    await expectNothingWritten(filed.id, async () => {
      expect((await post(filed.reference, cookies.coordinator, { intent: "reject", message: "Ні" })).status).toBe(422);
      expect((await post(filed.reference, cookies.coordinator, { intent: "markDuplicate", duplicateOf: other.reference, message: "Те саме" })).status).toBe(
        422,
      );
    });
  });
});
