import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Action } from "~/domain/requests/state-machine";
import { action as statusAction, loader as statusLoader } from "~/routes/s.$token";
import { db } from "~/data/db.server";
import { buildIntake, type ClusterSeed, createCluster, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";

const random = seededRandom(11);
const clusterSeed = (slug: string): ClusterSeed => ({
  slug,
  nameUk: `Кластер ${slug}`,
  nameEn: `Cluster ${slug}`,
  kind: "CLUSTER",
  homeRegion: "UA-30",
  capabilities: ["SUPPLIES"],
  regions: ["UA-30"],
});
let coordinator: { id: string };

beforeAll(async () => {
  coordinator = await createUser({ email: "c@test.example", name: "C", password: "pw-123456789", role: "COORDINATOR" });
});

async function file() {
  return createRequest({ input: buildIntake(random) });
}

async function act(requestId: string, action: Action, message?: string) {
  await db.$transaction((tx) =>
    transitionRequestInTx(tx, {
      requestId,
      action,
      actor: { type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null },
      input: { message },
    }),
  );
}

const open = (token: string) => call(statusLoader, new Request(`http://localhost/s/${token}`), { token });
const reply = (token: string, message: string) => call(statusAction, formRequest(`/s/${token}`, { message }), { token });

describe("private status page", () => {
  it("shows the state and only PUBLIC events; never internal notes", async () => {
    const { id, token, reference } = await file();
    await act(id, "note", "Внутрішнє: перевірити ЄДРПОУ");
    await act(id, "publicMessage", "Ми отримали ваш запит, дякуємо.");
    const page = await open(token);
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toContain("no-store");
    expect(page.data.request.reference).toBe(reference);
    expect(page.data.request.status).toBe("NEW");
    expect(page.data.request.events.map((e: { action: string }) => e.action)).toEqual(["submit", "publicMessage"]);
    expect(JSON.stringify(page.data)).not.toContain("Внутрішнє");
    expect(page.data.request).not.toHaveProperty("id");
  });

  it("gives 404 for an unknown or malformed token, and the reference alone opens nothing", async () => {
    const { reference } = await file();
    expect((await open("A".repeat(43))).status).toBe(404);
    expect((await open("short")).status).toBe(404);
    expect((await open(reference)).status).toBe(404);
  });

  it("adds the enterprise's message as a public event", async () => {
    const { id, token } = await file();
    const answer = await reply(token, "Додаємо: потрібно ще 5 тонн.");
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/s/${token}?done=message`);
    const events = await db.requestEvent.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" } });
    expect(events.at(-1)).toMatchObject({
      action: "enterpriseMessage",
      visibility: "PUBLIC",
      actorType: "ENTERPRISE",
      message: "Додаємо: потрібно ще 5 тонн.",
    });
    expect((await db.request.findUniqueOrThrow({ where: { id } })).status).toBe("NEW");
  });

  it("a reply to a question returns the request to the coordinators and restarts its clock", async () => {
    const { id, token } = await file();
    await act(id, "triage");
    await act(id, "requestInfo", "Яка площа цеху?");
    const waiting = await open(token);
    expect(waiting.data.request.question).toBe("Яка площа цеху?");
    const before = await db.request.findUniqueOrThrow({ where: { id } });
    expect(before.slaPausedAt).not.toBeNull();

    expect((await reply(token, "Площа 1200 м².")).status).toBe(303);
    const after = await db.request.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe("TRIAGED");
    expect(after.slaPausedAt).toBeNull();
    expect(after.resolveDueAt!.getTime()).toBeGreaterThanOrEqual(before.resolveDueAt!.getTime());
    const last = await db.requestEvent.findFirstOrThrow({ where: { requestId: id }, orderBy: { createdAt: "desc" } });
    expect(last).toMatchObject({ action: "provideInfo", fromStatus: "NEEDS_INFO", toStatus: "TRIAGED" });
  });

  it("refuses an empty message with 400 and a closed request's message with 409, writing nothing", async () => {
    const { id, token } = await file();
    const empty = await reply(token, " ");
    expect(empty.status).toBe(400);
    expect(empty.data.error.message).toEqual(["required"]);

    await act(id, "reject", "Поза межами роботи Центру.");
    const eventsBefore = await db.requestEvent.count({ where: { requestId: id } });
    const closed = await reply(token, "Чому?");
    expect(closed.status).toBe(409);
    expect(closed.data.error[""]).toEqual(["closed"]);
    expect(closed.data.initialValue.message).toBe("Чому?");
    expect(await db.requestEvent.count({ where: { requestId: id } })).toBe(eventsBefore);
  });
});

describe("what the enterprise is told", () => {
  it("confirms each kind of post in its own words", async () => {
    const { id, token } = await file();
    expect((await reply(token, "Додаємо деталі.")).location).toBe(`/s/${token}?done=message`);
    await act(id, "requestInfo", "Яка площа?");
    expect((await reply(token, "1200 м².")).location).toBe(`/s/${token}?done=provideInfo`);
    const post = (fields: Record<string, string>) => call(statusAction, formRequest(`/s/${token}`, fields), { token });
    const cluster = await createCluster(clusterSeed("status-page-feedback"));
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, {
        requestId: id,
        action: "assign",
        actor: { type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null },
        input: { clusterId: cluster.id },
      }),
    );
    await act(id, "accept");
    await act(id, "resolve", "Зроблено.");
    expect((await post({ intent: "reopen", message: "Ще не все." })).location).toBe(`/s/${token}?done=reopen`);
    await db.$transaction((tx) => transitionRequestInTx(tx, { requestId: id, action: "askStillNeeded", actor: { type: "SYSTEM" } }));
    expect((await post({ intent: "confirmStillNeeded" })).location).toBe(`/s/${token}?done=confirmStillNeeded`);
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, {
        requestId: id,
        action: "assign",
        actor: { type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null },
        input: { clusterId: cluster.id },
      }),
    );
    await act(id, "accept");
    await act(id, "resolve", "Тепер усе.");
    expect((await post({ intent: "confirm" })).location).toBe(`/s/${token}?done=confirm`);
  });

  it("labels each entry with who wrote it: the coordinator, the cluster, the centre itself, or the enterprise", async () => {
    const { id, token } = await file();
    const cluster = await createCluster(clusterSeed("status-page-authors"));
    const member = await createUser({ email: "m@status.example", name: "M", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: cluster.id });
    const memberActor = { type: "USER" as const, userId: member.id, role: "CLUSTER_MEMBER" as const, clusterId: cluster.id };
    await act(id, "publicMessage", "Від координатора.");
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, {
        requestId: id,
        action: "assign",
        actor: { type: "USER", userId: coordinator.id, role: "COORDINATOR", clusterId: null },
        input: { clusterId: cluster.id },
      }),
    );
    await db.$transaction((tx) => transitionRequestInTx(tx, { requestId: id, action: "accept", actor: memberActor }));
    await db.$transaction((tx) =>
      transitionRequestInTx(tx, { requestId: id, action: "publicMessage", actor: memberActor, input: { message: "Від кластера." } }),
    );
    await db.$transaction((tx) => transitionRequestInTx(tx, { requestId: id, action: "askStillNeeded", actor: { type: "SYSTEM" } }));
    await reply(token, "Від підприємства.");
    const events = (await open(token)).data.request.events as { action: string; message: string | null; author: string }[];
    expect(events.map((e) => [e.action, e.author])).toEqual([
      ["submit", "enterprise"],
      ["publicMessage", "coordinator"],
      ["accept", "cluster"],
      ["publicMessage", "cluster"],
      ["askStillNeeded", "centre"],
      ["enterpriseMessage", "enterprise"],
    ]);
    // Staff are never named to the enterprise.
    expect(JSON.stringify(events)).not.toContain('"M"');
  });

  it("shows the enterprise as filed with this request, whatever a later filing with the same EDRPOU says", async () => {
    const input = buildIntake(random);
    const { token } = await createRequest({ input });
    await createRequest({ input: { ...buildIntake(random), edrpou: input.edrpou, enterpriseName: "Чужа назва (демо)" } });
    expect((await open(token)).data.request.enterpriseName).toBe(input.enterpriseName);
  });

  it('gives the real number of days before a "still needed?" question closes the request', async () => {
    const { id, token } = await file();
    await db.$transaction((tx) => transitionRequestInTx(tx, { requestId: id, action: "askStillNeeded", actor: { type: "SYSTEM" } }));
    expect((await open(token)).data.staleCloseDays).toBe(7);
  });
});
