// "Unread since your last look": the enterprise's activity after filing marks a request for
// each person who has not opened it since, in the queue and on /cluster, and the "unread"
// filter lists exactly those. Opening the request's page clears the mark for that person only.
import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { findQueue } from "~/domain/queue/queue.server";
import { markRequestSeen } from "~/domain/requests/unread.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { addEnterpriseMessage, enterpriseAction } from "~/domain/requests/status-page.server";
import type { Action, Actor } from "~/domain/requests/state-machine";
import { loader as clusterLoader } from "~/routes/cluster";
import { loader as queueLoader } from "~/routes/queue";
import { loader as requestLoader } from "~/routes/requests.$reference/route";
import { queueSearch, readQueueParams } from "~/schemas/queue";
import { db } from "~/data/db.server";
import { buildIntake, createCluster, createUser, seededRandom } from "../factories";
import { call, type RouteHandler } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(2525);
let coordinatorA: string;
let coordinatorB: string;
let member: { id: string; clusterId: string | null };
let otherMember: { id: string };
let clusterId: string;

beforeAll(async () => {
  const cluster = await createCluster({
    slug: "u",
    nameUk: "У",
    nameEn: "U",
    kind: "CLUSTER",
    homeRegion: "UA-30",
    capabilities: ["OTHER"],
    regions: ["UA-30"],
  });
  const other = await createCluster({ slug: "v", nameUk: "В", nameEn: "V", kind: "CLUSTER", homeRegion: "UA-30", capabilities: ["OTHER"], regions: ["UA-30"] });
  clusterId = cluster.id;
  coordinatorA = (await createUser({ email: "a@u.example", name: "A", password: "pw-123456789", role: "COORDINATOR" })).id;
  coordinatorB = (await createUser({ email: "b@u.example", name: "B", password: "pw-123456789", role: "COORDINATOR" })).id;
  member = await createUser({ email: "m@u.example", name: "M", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId });
  otherMember = await createUser({ email: "m@v.example", name: "N", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: other.id });
});

const coordinator = (id: string): Actor => ({ type: "USER", userId: id, role: "COORDINATOR", clusterId: null });

async function act(requestId: string, action: Action, actor: Actor, input = {}) {
  await db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, input }));
}

async function get(handler: RouteHandler, userId: string, url: string, params: Record<string, string> = {}) {
  const answer = await call(handler, new Request(`http://localhost${url}`, { headers: { Cookie: await cookieFor(userId) } }), params);
  expect(answer.status, url).toBe(200);
  return answer.data;
}

type Row = { reference: string; unread: boolean };
const unreadIn = async (userId: string, path = "/queue?unread=1&size=100") =>
  ((await get(path.startsWith("/cluster") ? clusterLoader : queueLoader, userId, path)).queue.rows as Row[]).map((r) => r.reference);
const markIn = async (userId: string, reference: string, path = "/queue?size=100") => {
  const rows = (await get(path.startsWith("/cluster") ? clusterLoader : queueLoader, userId, path)).queue.rows as Row[];
  return rows.find((r) => r.reference === reference)?.unread;
};
const open = (userId: string, reference: string) => get(requestLoader, userId, `/requests/${reference}`, { reference });

describe("unread in the queue", () => {
  it("a message from the enterprise marks the request for everyone until each opens it", async () => {
    const { id, reference, token } = await createRequest({ input: buildIntake(random) });
    // Filing alone is not "unread" activity: a new request is marked by its status.
    expect(await markIn(coordinatorA, reference)).toBe(false);
    expect(await unreadIn(coordinatorA)).not.toContain(reference);

    await addEnterpriseMessage({ token, message: "Додаємо специфікацію." });
    expect(await markIn(coordinatorA, reference)).toBe(true);
    expect(await unreadIn(coordinatorA)).toContain(reference);
    expect(await unreadIn(coordinatorB)).toContain(reference);

    const page = await open(coordinatorA, reference);
    expect(page.unreadSince).not.toBeNull();
    expect(await unreadIn(coordinatorA)).not.toContain(reference);
    expect(await markIn(coordinatorA, reference)).toBe(false);
    expect(await unreadIn(coordinatorB)).toContain(reference);

    // Staff activity does not make it unread again; the enterprise's does.
    await act(id, "note", coordinator(coordinatorB), { message: "Подзвонила, уточнила." });
    expect(await unreadIn(coordinatorA)).not.toContain(reference);
    await addEnterpriseMessage({ token, message: "І ще одне питання." });
    expect(await unreadIn(coordinatorA)).toContain(reference);
    const again = await open(coordinatorA, reference);
    // The page can mark what is new to this viewer: what came after their last look.
    const newEntries = (again.request.events as { actorType: string; createdAt: string; message: string | null }[]).filter(
      (e) => e.actorType === "ENTERPRISE" && new Date(e.createdAt) >= new Date(again.unreadSince),
    );
    expect(newEntries.map((e) => e.message)).toEqual(["І ще одне питання."]);
    expect((await open(coordinatorA, reference)).unreadSince).toBeNull();
  });

  it("opening the page removes only that person's mark, and only up to what the page showed", async () => {
    const { id, reference, token } = await createRequest({ input: buildIntake(random) });
    await addEnterpriseMessage({ token, message: "Текст" });
    const marks = () => db.requestUnread.findMany({ where: { requestId: id }, select: { userId: true } });
    expect((await marks()).map((m) => m.userId).sort()).toEqual([coordinatorA, coordinatorB].sort());
    await open(coordinatorB, reference);
    expect((await marks()).map((m) => m.userId)).toEqual([coordinatorA]);
    // A page made before the enterprise's latest act does not clear it.
    const { lastAt } = await db.requestUnread.findUniqueOrThrow({ where: { userId_requestId: { userId: coordinatorA, requestId: id } } });
    await markRequestSeen({ userId: coordinatorA, requestId: id, shownUpTo: new Date(lastAt.getTime() - 1) });
    expect((await marks()).map((m) => m.userId)).toEqual([coordinatorA]);
    // A request the enterprise never touched has no marks at all.
    const quiet = await createRequest({ input: buildIntake(random) });
    await open(coordinatorB, quiet.reference);
    expect(await db.requestUnread.count({ where: { requestId: quiet.id } })).toBe(0);
  });

  it("answers, reopenings and confirmations count; the filter is a link and agrees with both query plans", async () => {
    const answered = await createRequest({ input: buildIntake(random) });
    await act(answered.id, "requestInfo", coordinator(coordinatorA), { message: "Скільки?" });
    await addEnterpriseMessage({ token: answered.token, message: "Десять." });
    const reopened = await createRequest({ input: buildIntake(random) });
    await act(reopened.id, "assign", coordinator(coordinatorA), { clusterId });
    await act(reopened.id, "accept", coordinator(coordinatorA));
    await act(reopened.id, "resolve", coordinator(coordinatorA), { message: "Готово" });
    expect(await unreadIn(coordinatorA)).not.toContain(reopened.reference);
    await enterpriseAction({ token: reopened.token, action: "reopen", message: "Не готово." });
    const unread = await unreadIn(coordinatorA);
    expect(unread).toContain(answered.reference);
    expect(unread).toContain(reopened.reference);

    const params = readQueueParams(new URLSearchParams("unread=1&size=100"));
    expect(queueSearch(params)).toBe("?size=100&unread=1");
    const lookup = await findQueue(params, { viewerId: coordinatorA }, undefined, "lookup");
    const walk = await findQueue(params, { viewerId: coordinatorA }, undefined, "walk");
    expect(walk.rows.map((r) => r.reference)).toEqual(lookup.rows.map((r) => r.reference));
    expect(lookup.rows.every((r) => r.unread)).toBe(true);
    expect(lookup.total).toBe(lookup.rows.length);
  });
});

describe("unread on /cluster", () => {
  it("marks the cluster's own requests for its members, and each member's look is their own", async () => {
    const { id, reference, token } = await createRequest({ input: buildIntake(random) });
    await act(id, "assign", coordinator(coordinatorA), { clusterId });
    await act(id, "accept", { type: "USER", userId: member.id, role: "CLUSTER_MEMBER", clusterId });
    await addEnterpriseMessage({ token, message: "Коли приїде машина?" });
    expect(await unreadIn(member.id, "/cluster?unread=1&size=100")).toEqual([reference]);
    expect(await markIn(member.id, reference, "/cluster?size=100")).toBe(true);
    // Another cluster's member neither sees the request nor its mark.
    expect(await unreadIn(otherMember.id, "/cluster?unread=1&size=100")).toEqual([]);

    await open(member.id, reference);
    expect(await unreadIn(member.id, "/cluster?unread=1&size=100")).toEqual([]);
    expect(await unreadIn(coordinatorB)).toContain(reference);

    await act(id, "resolve", { type: "USER", userId: member.id, role: "CLUSTER_MEMBER", clusterId }, { message: "Машину відправлено." });
    await enterpriseAction({ token, action: "confirm" });
    expect(await unreadIn(member.id, "/cluster?unread=1&size=100")).toEqual([reference]);
  });
});
