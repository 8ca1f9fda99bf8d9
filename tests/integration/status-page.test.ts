import { beforeAll, describe, expect, it } from "vitest";
import { createRequest } from "~/domain/intake.server";
import { transitionRequestInTx } from "~/domain/request-transition.server";
import type { Action } from "~/domain/state-machine";
import { action as statusAction, loader as statusLoader } from "~/routes/s.$token";
import { db } from "~/utils/db.server";
import { buildIntake, createUser, seededRandom } from "../factories";
import { call, formRequest } from "./route-helpers";

const random = seededRandom(11);
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
    expect(answer.location).toBe(`/s/${token}?sent=1#timeline`);
    const events = await db.requestEvent.findMany({ where: { requestId: id }, orderBy: { createdAt: "asc" } });
    expect(events.at(-1)).toMatchObject({ action: "enterpriseMessage", visibility: "PUBLIC", actorType: "ENTERPRISE", message: "Додаємо: потрібно ще 5 тонн." });
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
