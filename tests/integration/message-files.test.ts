// Documents sent with a message: the enterprise's message on its status page, staff's message
// to the enterprise and their internal note on the request page. The message and its files are
// written together or not at all, and scoped like today's files: a note's files never reach
// the enterprise.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { fileStore } from "~/domain/files/storage.server";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import { action as requestAction, loader as requestPage } from "~/routes/requests.$reference/route";
import { action as statusAction, loader as statusPage } from "~/routes/s.$token";
import { loader as enterpriseDownload } from "~/routes/s.$token_.files_.$fileId";
import { db } from "~/data/db.server";
import { env } from "~/config/env.server";
import { CSV, EXE, PDF } from "../file-fixtures";
import { buildIntake, type ClusterSeed, createCluster, createUser, seededRandom } from "../factories";
import { call } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(1404);
const users = {} as Record<"coordinator" | "member", { id: string; clusterId: string | null }>;
let clusterId = "";

beforeAll(async () => {
  const seed: ClusterSeed = {
    slug: "msg-files",
    nameUk: "Кластер повідомлень",
    nameEn: "Messages cluster",
    kind: "CLUSTER",
    homeRegion: "UA-30",
    capabilities: ["SUPPLIES"],
    regions: ["UA-30"],
  };
  clusterId = (await createCluster(seed)).id;
  users.coordinator = await createUser({ email: "mfc@test.example", name: "Ірина Координаторка", password: "pw-123456789", role: "COORDINATOR" });
  users.member = await createUser({ email: "mfm@test.example", name: "Петро Кластерний", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId });
});

type Part = { name: string; content: Buffer | Uint8Array };
function form(fields: Record<string, string>, files: Part[]) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  for (const file of files) data.append("file", new File([new Uint8Array(file.content)], file.name));
  return data;
}

async function stored() {
  const names: string[] = [];
  for await (const file of fileStore().list()) names.push(file.sha256);
  const filesDir = path.resolve(env.FILES_DIR);
  const scratch = await fs.promises.readdir(path.join(filesDir, ".uploads")).catch(() => []);
  return { names: names.sort(), scratch };
}

async function state(requestId: string) {
  return {
    events: await db.requestEvent.count({ where: { requestId } }),
    files: await db.requestFile.count({ where: { requestId } }),
    stored: await stored(),
  };
}

async function fileRequest(assigned = false) {
  const filed = await createRequest({ input: buildIntake(random) });
  // Handed to the cluster the way a coordinator does it: through the state machine.
  if (assigned) {
    const actor = { type: "USER" as const, userId: users.coordinator.id, role: "COORDINATOR" as const, clusterId: null };
    await db.$transaction((tx) => transitionRequestInTx(tx, { requestId: filed.id, action: "assign", actor, input: { clusterId } }));
  }
  return filed;
}

const enterprisePost = (token: string, body: FormData) => call(statusAction, new Request(`http://localhost/s/${token}`, { method: "POST", body }), { token });

async function staffPost(reference: string, userId: string, body: FormData) {
  const request = new Request(`http://localhost/requests/${reference}`, { method: "POST", body, headers: { Cookie: await cookieFor(userId) } });
  return call(requestAction, request, { reference });
}

async function version(requestId: string) {
  return String((await db.request.findUniqueOrThrow({ where: { id: requestId }, select: { version: true } })).version);
}

describe("the enterprise's message with documents", () => {
  it("keeps the files with the message's entry, on both pages", async () => {
    const filed = await fileRequest();
    const answer = await enterprisePost(
      filed.token,
      form({ intent: "message", message: "Додаємо рахунок і перелік." }, [
        { name: "Рахунок.pdf", content: PDF },
        { name: "перелік.csv", content: CSV },
      ]),
    );
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/s/${filed.token}?done=message`);
    const event = await db.requestEvent.findFirstOrThrow({ where: { requestId: filed.id, action: "enterpriseMessage" } });
    const rows = await db.requestFile.findMany({ where: { requestId: filed.id }, orderBy: { originalName: "asc" } });
    expect(rows.map((f) => [f.originalName, f.eventId, f.visibility, f.addedByType])).toEqual([
      ["Рахунок.pdf", event.id, "PUBLIC", "ENTERPRISE"],
      ["перелік.csv", event.id, "PUBLIC", "ENTERPRISE"],
    ]);

    const page = await call(statusPage, new Request(`http://localhost/s/${filed.token}`), { token: filed.token });
    expect(page.data.files.map((f: { originalName: string; eventId: string }) => [f.originalName, f.eventId])).toEqual([
      ["Рахунок.pdf", event.id],
      ["перелік.csv", event.id],
    ]);
    const staffPage = await call(
      requestPage,
      new Request(`http://localhost/requests/${filed.reference}`, { headers: { Cookie: await cookieFor(users.coordinator.id) } }),
      { reference: filed.reference },
    );
    expect(staffPage.data.files.map((f: { eventId: string }) => f.eventId)).toEqual([event.id, event.id]);
  });

  it("a refused file refuses the message: the reason beside the file field, the text kept, nothing written or stored", async () => {
    const filed = await fileRequest();
    const before = await state(filed.id);
    const answer = await enterprisePost(
      filed.token,
      form({ intent: "message", message: "Ось кошторис." }, [
        { name: "добрий.pdf", content: PDF },
        { name: "кошторис.pdf", content: EXE },
      ]),
    );
    expect(answer.status).toBe(400);
    expect(answer.data.error.file).toEqual(["unsupported"]);
    expect(answer.data.refusedFile).toBe("кошторис.pdf");
    expect(answer.data.initialValue.message).toBe("Ось кошторис.");
    expect(await state(filed.id)).toEqual(before);
  });

  it("a refused message (too short) writes no file row and leaves no stored file", async () => {
    const filed = await fileRequest();
    const before = await state(filed.id);
    const answer = await enterprisePost(
      filed.token,
      form({ intent: "message", message: "x" }, [{ name: "унікальний.pdf", content: Buffer.concat([PDF, Buffer.from("лише тут")]) }]),
    );
    expect(answer.status).toBe(400);
    expect(answer.data.error.message).toBeTruthy();
    expect(await state(filed.id)).toEqual(before);
  });

  it("a photo with a message is stored re-encoded, without its metadata, with its thumbnail", async () => {
    const filed = await fileRequest();
    const photo = await sharp({ create: { width: 30, height: 30, channels: 3, background: "#a73" } })
      .png()
      .withExifMerge({ IFD0: { Make: "SecretCam" } })
      .toBuffer();
    const answer = await enterprisePost(filed.token, form({ intent: "message", message: "Фото пошкоджень." }, [{ name: "цех.png", content: photo }]));
    expect(answer.status).toBe(303);
    const row = await db.requestFile.findFirstOrThrow({ where: { requestId: filed.id } });
    expect(row.eventId).not.toBeNull();
    expect(row.thumbnailSha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = Buffer.concat(await (await fileStore().get(row.sha256))!.toArray());
    expect(stored.includes("SecretCam")).toBe(false);
  });

  it("keeps the 256 KB rule for the text beside the files", async () => {
    const filed = await fileRequest();
    const answer = await enterprisePost(filed.token, form({ intent: "message", message: "ж".repeat(140 * 1024) }, [{ name: "акт.pdf", content: PDF }]));
    expect(answer.status).toBe(413);
  });
});

describe("staff's message to the enterprise and their note, with documents", () => {
  it("a message's files are shown to the enterprise under it; a note's stay internal, never on the enterprise's page or link", async () => {
    const filed = await fileRequest(true);
    const message = await staffPost(
      filed.reference,
      users.coordinator.id,
      form({ intent: "publicMessage", version: await version(filed.id), message: "Надсилаємо договір." }, [{ name: "Договір.pdf", content: PDF }]),
    );
    expect(message.status).toBe(303);
    const note = await staffPost(
      filed.reference,
      users.member.id,
      form({ intent: "note", version: await version(filed.id), message: "Внутрішній кошторис." }, [{ name: "кошторис.csv", content: CSV }]),
    );
    expect(note.status).toBe(303);

    const events = await db.requestEvent.findMany({
      where: { requestId: filed.id, action: { in: ["publicMessage", "note"] } },
      select: { id: true, action: true },
    });
    const eventOf = (action: string) => events.find((e) => e.action === action)!.id;
    const rows = await db.requestFile.findMany({ where: { requestId: filed.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((f) => [f.originalName, f.eventId, f.visibility, f.addedById, f.clusterId])).toEqual([
      ["Договір.pdf", eventOf("publicMessage"), "PUBLIC", users.coordinator.id, null],
      ["кошторис.csv", eventOf("note"), "INTERNAL", users.member.id, clusterId],
    ]);

    const page = await call(statusPage, new Request(`http://localhost/s/${filed.token}`), { token: filed.token });
    expect(page.data.files.map((f: { originalName: string; author: string }) => [f.originalName, f.author])).toEqual([["Договір.pdf", "coordinator"]]);
    const noteFile = rows[1]!;
    const download = await call(enterpriseDownload, new Request(`http://localhost/s/${filed.token}/files/${noteFile.id}`), {
      token: filed.token,
      fileId: noteFile.id,
    });
    expect(download.status).toBe(404);

    const staffPage = await call(
      requestPage,
      new Request(`http://localhost/requests/${filed.reference}`, { headers: { Cookie: await cookieFor(users.member.id) } }),
      { reference: filed.reference },
    );
    expect(staffPage.data.files.map((f: { originalName: string; eventId: string; visibility: string }) => [f.originalName, f.eventId, f.visibility])).toEqual([
      ["Договір.pdf", eventOf("publicMessage"), "PUBLIC"],
      ["кошторис.csv", eventOf("note"), "INTERNAL"],
    ]);
  });

  it("a refused file refuses the note, with the text kept and nothing written; a stale version stores nothing either", async () => {
    const filed = await fileRequest(true);
    const before = await state(filed.id);
    const refused = await staffPost(
      filed.reference,
      users.coordinator.id,
      form({ intent: "note", version: await version(filed.id), message: "Фото цеху." }, [{ name: "фото.pdf", content: EXE }]),
    );
    expect(refused.status).toBe(400);
    expect(refused.data.result.error.file).toEqual(["unsupported"]);
    expect(refused.data.refusedFile).toBe("фото.pdf");
    expect(refused.data.result.initialValue.message).toBe("Фото цеху.");
    expect(await state(filed.id)).toEqual(before);

    const stale = await staffPost(
      filed.reference,
      users.coordinator.id,
      form({ intent: "note", version: "999", message: "Запізніла нотатка." }, [{ name: "акт.pdf", content: Buffer.concat([PDF, Buffer.from("запізнілий")]) }]),
    );
    expect(stale.status).toBe(409);
    const after = await state(filed.id);
    expect([after.events, after.files, after.stored.scratch]).toEqual([before.events, before.files, []]);
  });

  it("a member of another cluster cannot add files to a request they cannot see", async () => {
    const filed = await fileRequest();
    const other = await createUser({ email: "mfo@test.example", name: "Чужий", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId });
    const answer = await staffPost(
      filed.reference,
      other.id,
      form({ intent: "note", version: await version(filed.id), message: "Спроба." }, [{ name: "акт.pdf", content: PDF }]),
    );
    expect(answer.status).toBe(404);
    expect(await db.requestFile.count({ where: { requestId: filed.id } })).toBe(0);
  });
});
