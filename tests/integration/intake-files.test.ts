// Documents filed with a request (the intake form, multipart): kept with the request and its
// first event when everything is right; when a file or a field is wrong, the filing is refused
// whole, the reason stands beside the file field, everything typed comes back, and no row and
// no stored file is left.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { fileStore } from "~/domain/files/storage.server";
import { action as intakeAction } from "~/routes/requests.new";
import { loader as statusPage } from "~/routes/s.$token";
import { action as enterpriseUpload } from "~/routes/s.$token_.files";
import { db } from "~/data/db.server";
import { env } from "~/config/env.server";
import { CSV, EXE, PDF, PNG } from "../file-fixtures";
import { buildIntake, intakeFormFields, seededRandom, toFormData } from "../factories";
import { call } from "./route-helpers";

const random = seededRandom(1402);
let address = 0;

type Part = { name: string; content: Buffer | Uint8Array };

/** The intake form as a browser sends it with files chosen: every field, then the file field. */
function intakeForm(fields: Record<string, string | string[]>, files: Part[]) {
  const form = toFormData(fields);
  if (!files.length) form.append("file", new File([], ""), "");
  for (const file of files) form.append("file", new File([new Uint8Array(file.content)], file.name));
  return form;
}

function post(body: FormData) {
  address += 1;
  return call(intakeAction, new Request("http://localhost/requests/new", { method: "POST", body }), {}, { clientAddress: `192.0.2.${address}` });
}

async function stored() {
  const names: string[] = [];
  for await (const file of fileStore().list()) names.push(file.sha256);
  const filesDir = path.resolve(env.FILES_DIR);
  const scratch = await fs.promises.readdir(path.join(filesDir, ".uploads")).catch(() => []);
  const incomplete = await fs.promises.readdir(path.join(filesDir, ".incomplete")).catch(() => []);
  return { names: names.sort(), leftovers: [...scratch, ...incomplete] };
}

async function counts() {
  return { requests: await db.request.count(), files: await db.requestFile.count(), stored: await stored() };
}

describe("filing a request with documents", () => {
  it("keeps the documents with the request and its first event, on the enterprise's page as its own", async () => {
    const input = buildIntake(random, { category: "SUPPLIES" });
    const answer = await post(
      intakeForm(intakeFormFields(input), [
        { name: "Перелік обладнання.pdf", content: PDF },
        { name: "позиції.csv", content: CSV },
      ]),
    );
    expect(answer.status).toBe(303);
    const token = answer.location!.match(/^\/s\/([A-Za-z0-9_-]{43})\/submitted$/)![1]!;

    const request = await db.request.findFirstOrThrow({ where: { title: input.title }, select: { id: true, events: { select: { id: true, action: true } } } });
    const files = await db.requestFile.findMany({ where: { requestId: request.id }, orderBy: { originalName: "asc" } });
    expect(files.map((f) => [f.originalName, f.type, f.size, f.visibility, f.addedByType, f.eventId])).toEqual([
      ["Перелік обладнання.pdf", "pdf", PDF.length, "PUBLIC", "ENTERPRISE", request.events[0]!.id],
      ["позиції.csv", "csv", CSV.length, "PUBLIC", "ENTERPRISE", request.events[0]!.id],
    ]);
    expect(request.events.map((e) => e.action)).toEqual(["submit"]);
    for (const file of files) expect(await fileStore().has(file.sha256)).toBe(true);
    expect((await stored()).leftovers).toEqual([]);

    const page = await call(statusPage, new Request(`http://localhost/s/${token}`), { token });
    expect(page.data.files.map((f: { originalName: string; author: string }) => [f.originalName, f.author])).toEqual([
      ["Перелік обладнання.pdf", "enterprise"],
      ["позиції.csv", "enterprise"],
    ]);
  });

  it("files a request without documents when the file field is left empty (as a browser sends it)", async () => {
    const input = buildIntake(random);
    const before = await counts();
    const answer = await post(intakeForm(intakeFormFields(input), []));
    expect(answer.status).toBe(303);
    expect(await db.request.count()).toBe(before.requests + 1);
    expect(await db.requestFile.count()).toBe(before.files);
  });

  it("refuses the whole filing for one bad file: its reason beside the file field, everything typed kept, nothing written or stored", async () => {
    const input = buildIntake(random, { category: "RELOCATION" });
    const fields = intakeFormFields(input);
    const before = await counts();
    for (const [bad, refusal] of [
      [{ name: "кошторис.pdf", content: EXE }, "unsupported"],
      [{ name: "фото.pdf", content: PNG }, "nameContradicts"],
      [{ name: "порожній.pdf", content: Buffer.alloc(0) }, "empty"],
    ] as const) {
      const answer = await post(intakeForm(fields, [{ name: "добрий.pdf", content: PDF }, bad]));
      expect(answer.status, refusal).toBe(400);
      expect(answer.data.error.file).toEqual([refusal]);
      expect(answer.data.refusedFile).toBe(bad.name);
      // Everything typed comes back: the form is shown again as it was.
      expect(answer.data.initialValue).toMatchObject({ title: input.title, description: input.description, edrpou: fields.edrpou, consent: "on" });
      expect([answer.data.initialValue.destinationRegions].flat()).toEqual([fields.destinationRegions].flat());
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses files over the limits as they stream, keeping the fields sent before them", async () => {
    const input = buildIntake(random);
    const before = await counts();
    const big = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(10 * 1024 * 1024, 1)]);
    const tooLarge = await post(intakeForm(intakeFormFields(input), [{ name: "креслення.pdf", content: big }]));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.data.error.file).toEqual(["fileTooLarge"]);
    expect(tooLarge.data.refusedFile).toBe("креслення.pdf");
    expect(tooLarge.data.initialValue.title).toBe(input.title);

    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `акт-${i}.pdf`, content: PDF }));
    const tooMany = await post(intakeForm(intakeFormFields(input), eleven));
    expect(tooMany.status).toBe(400);
    expect(tooMany.data.error.file).toEqual(["tooManyFiles"]);
    expect(tooMany.data.initialValue.title).toBe(input.title);
    expect(await counts()).toEqual(before);
  });

  it("a refused filing (a missing field) writes no file row and leaves no stored file", async () => {
    const fields = intakeFormFields(buildIntake(random));
    delete fields.title;
    fields.description = "Замало";
    const before = await counts();
    const answer = await post(intakeForm(fields, [{ name: "рахунок.pdf", content: Buffer.concat([PDF, Buffer.from("унікальний вміст")]) }]));
    expect(answer.status).toBe(400);
    expect(answer.data.error.title).toEqual(["required"]);
    expect(answer.data.error.description).toEqual(["tooShort:20"]);
    expect(answer.data.error.file).toBeUndefined();
    expect(answer.data.initialValue.enterpriseName).toBe(fields.enterpriseName);
    expect(await counts()).toEqual(before);
  });

  it("keeps the form rule for the fields beside the files: over 256 KB or 32,000 characters is refused with 413", async () => {
    const before = await counts();
    const fields = intakeFormFields(buildIntake(random));
    const overBytes = await post(intakeForm({ ...fields, description: "ж".repeat(140 * 1024) }, [{ name: "акт.pdf", content: PDF }]));
    expect(overBytes.status).toBe(413);
    const overChars = await post(
      intakeForm({ ...fields, description: "x".repeat(20_000), supplyItems: "y".repeat(13_000) }, [{ name: "акт.pdf", content: PDF }]),
    );
    expect(overChars.status).toBe(413);
    const manyFields = toFormData(fields);
    for (let i = 0; i < 200; i++) manyFields.append("destinationRegions", "UA-30");
    expect((await post(manyFields)).status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it("answers a multipart body that cannot be read with 400 and keeps nothing", async () => {
    const before = await counts();
    for (const [type, body] of [
      ["multipart/form-data", "title=x"],
      ["multipart/form-data; boundary=xyz", "garbage"],
      ["multipart/form-data; boundary=xyz", '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut sho'],
    ]) {
      address += 1;
      const answer = await call(
        intakeAction,
        new Request("http://localhost/requests/new", { method: "POST", headers: { "Content-Type": type! }, body }),
        {},
        { clientAddress: `192.0.2.${address}` },
      );
      expect(answer.status, body).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });

  it("keeps the upload routes as they were: a file is still required there", async () => {
    const filed = await post(intakeForm(intakeFormFields(buildIntake(random)), []));
    const token = filed.location!.split("/")[2]!;
    const answer = await call(enterpriseUpload, new Request(`http://localhost/s/${token}/files`, { method: "POST", body: intakeForm({}, []) }), { token });
    expect(answer.location).toBe(`/s/${token}?files=noFile#files`);
  });

  it("a photo filed with the request is stored re-encoded, without its metadata, with its thumbnail (decision 031)", async () => {
    const photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: "#3a7" } })
      .jpeg()
      .withExifMerge({ IFD0: { Make: "SecretCam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "50/1 27/1 1234/100" } })
      .toBuffer();
    expect(photo.includes("SecretCam")).toBe(true);
    const input = buildIntake(random);
    const answer = await post(intakeForm(intakeFormFields(input), [{ name: "цех.jpg", content: photo }]));
    expect(answer.status).toBe(303);
    const row = await db.requestFile.findFirstOrThrow({ where: { request: { title: input.title } } });
    expect(row.thumbnailSha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = Buffer.concat(await (await fileStore().get(row.sha256))!.toArray());
    expect(stored.includes("SecretCam")).toBe(false);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(await fileStore().has(row.thumbnailSha256!)).toBe(true);
  });
});
