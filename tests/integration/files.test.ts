// Documents on requests: uploads from the status page and the request page, every refusal
// leaving nothing behind, downloads scoped exactly like the request, and the sweep.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { sweepFiles } from "~/domain/files/sweep.server";
import { fileStore } from "~/domain/files/storage.server";
import { createRequest } from "~/domain/requests/intake.server";
import { transitionRequestInTx } from "~/domain/requests/request-transition.server";
import type { Action, Actor, TransitionInput } from "~/domain/requests/state-machine";
import { action as staffUpload } from "~/routes/requests.$reference_.files";
import { loader as staffDownload } from "~/routes/requests.$reference_.files_.$fileId";
import { loader as staffThumbnail } from "~/routes/requests.$reference_.files_.$fileId_.thumbnail";
import { loader as requestPage } from "~/routes/requests.$reference/route";
import { action as enterpriseUpload } from "~/routes/s.$token_.files";
import { loader as enterpriseDownload } from "~/routes/s.$token_.files_.$fileId";
import { loader as enterpriseThumbnail } from "~/routes/s.$token_.files_.$fileId_.thumbnail";
import { loader as statusPage } from "~/routes/s.$token";
import { db } from "~/data/db.server";
import { env } from "~/config/env.server";
import { BROKEN_JPEG, BROKEN_PNG, CSV, DOCX, EXE, HEIC, JPEG, ODT, PDF, PNG, lyingZipBombDocx, zipBombDocx } from "../file-fixtures";
import { buildIntake, type ClusterSeed, createCluster, createUser, seededRandom } from "../factories";
import { call } from "./route-helpers";
import { cookieFor } from "./sessions";

const random = seededRandom(14);
const seed = (slug: string): ClusterSeed => ({
  slug,
  nameUk: `Кластер ${slug}`,
  nameEn: `Cluster ${slug}`,
  kind: "CLUSTER",
  homeRegion: "UA-30",
  capabilities: ["SUPPLIES"],
  regions: ["UA-30"],
});
const users = {} as Record<"coordinator" | "member" | "stranger", { id: string; clusterId: string | null }>;
const filesDir = () => path.resolve(env.FILES_DIR);

beforeAll(async () => {
  const a = await createCluster(seed("files-a"));
  const b = await createCluster(seed("files-b"));
  users.coordinator = await createUser({ email: "fc@test.example", name: "Олена Координаторка", password: "pw-123456789", role: "COORDINATOR" });
  users.member = await createUser({ email: "fm@test.example", name: "Member A", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: a.id });
  users.stranger = await createUser({ email: "fs@test.example", name: "Member B", password: "pw-123456789", role: "CLUSTER_MEMBER", clusterId: b.id });
});

/** A coordinator's step on a request, through the state machine. */
function act(requestId: string, action: Action, input: TransitionInput = {}) {
  const actor: Actor = { type: "USER", userId: users.coordinator.id, role: "COORDINATOR", clusterId: null };
  return db.$transaction((tx) => transitionRequestInTx(tx, { requestId, action, actor, input }));
}

async function fileRequest(clusterSlug?: string) {
  const filed = await createRequest({ input: buildIntake(random) });
  if (clusterSlug) {
    const cluster = await db.cluster.findUniqueOrThrow({ where: { slug: clusterSlug } });
    await act(filed.id, "assign", { clusterId: cluster.id });
  }
  return filed;
}

type Part = { name: string; content: Buffer | Uint8Array };
function form(parts: Part[], fields: Record<string, string> = {}) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  for (const part of parts) data.append("file", new File([new Uint8Array(part.content)], part.name));
  return data;
}

async function upload(kind: "enterprise" | "staff", target: string, body: FormData | { stream: ReadableStream; type: string }, userId?: string) {
  const url = kind === "enterprise" ? `http://localhost/s/${target}/files` : `http://localhost/requests/${target}/files`;
  const headers = new Headers();
  if (userId) headers.set("Cookie", await cookieFor(userId));
  const init: RequestInit & { duplex?: string } =
    body instanceof FormData ? { method: "POST", body, headers } : { method: "POST", body: body.stream, headers, duplex: "half" };
  if (!(body instanceof FormData)) headers.set("Content-Type", body.type);
  const request = new Request(url, init);
  return kind === "enterprise" ? call(enterpriseUpload, request, { token: target }) : call(staffUpload, request, { reference: target });
}

async function storedFiles() {
  const names: string[] = [];
  for await (const stored of fileStore().list()) names.push(stored.sha256);
  const scratch = await fs.promises.readdir(path.join(filesDir(), ".uploads")).catch(() => []);
  const incomplete = await fs.promises.readdir(path.join(filesDir(), ".incomplete")).catch(() => []);
  return { names, leftovers: [...scratch, ...incomplete] };
}

async function download(kind: "enterprise" | "staff", target: string, fileId: string, userId?: string, part: "file" | "thumbnail" = "file") {
  const headers = new Headers();
  if (userId) headers.set("Cookie", await cookieFor(userId));
  const suffix = part === "thumbnail" ? "/thumbnail" : "";
  const url = kind === "enterprise" ? `http://localhost/s/${target}/files/${fileId}${suffix}` : `http://localhost/requests/${target}/files/${fileId}${suffix}`;
  const loader = kind === "enterprise" ? (part === "file" ? enterpriseDownload : enterpriseThumbnail) : part === "file" ? staffDownload : staffThumbnail;
  let response: Response;
  try {
    response = (await loader({
      request: new Request(url, { headers }),
      params: kind === "enterprise" ? { token: target, fileId } : { reference: target, fileId },
      context: {},
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, headers: thrown.headers, body: Buffer.alloc(0) };
    throw thrown;
  }
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

describe("uploads from the status page", () => {
  it("keeps the files, lists them on both pages and sends them back as attachments with their Cyrillic names", async () => {
    const filed = await fileRequest();
    const answer = await upload(
      "enterprise",
      filed.token,
      form([
        { name: "Рахунок №5.pdf", content: PDF },
        { name: "перелік.csv", content: CSV },
      ]),
    );
    expect(answer.status).toBe(303);
    expect(answer.location).toBe(`/s/${filed.token}?files=added&count=2#files`);

    const page = await call(statusPage, new Request(`http://localhost/s/${filed.token}`), { token: filed.token });
    const listed = page.data.files as { id: string; originalName: string; size: number; type: string; author: string }[];
    expect(listed.map((f) => [f.originalName, f.type, f.size, f.author])).toEqual([
      ["Рахунок №5.pdf", "pdf", PDF.length, "enterprise"],
      ["перелік.csv", "csv", CSV.length, "enterprise"],
    ]);

    const got = await download("enterprise", filed.token, listed[0]!.id);
    expect(got.status).toBe(200);
    expect(got.body.equals(PDF)).toBe(true);
    expect(got.headers.get("Content-Type")).toBe("application/pdf");
    // An ASCII fallback for old clients, the exact Cyrillic name for the rest.
    expect(got.headers.get("Content-Disposition")).toBe(`attachment; filename="_______ No5.pdf"; filename*=UTF-8''${encodeURIComponent("Рахунок №5.pdf")}`);
    expect(got.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(got.headers.get("Content-Security-Policy")).toMatch(/sandbox/);
    expect(got.headers.get("Content-Security-Policy")).toMatch(/default-src 'none'/);
    expect(got.headers.get("Cache-Control")).toBe("private, no-store");

    const staffPage = await call(
      requestPage,
      new Request(`http://localhost/requests/${filed.reference}`, { headers: { Cookie: await cookieFor(users.coordinator.id) } }),
      {
        reference: filed.reference,
      },
    );
    expect(staffPage.data.files.map((f: { originalName: string; addedByName: string | null }) => [f.originalName, f.addedByName])).toEqual([
      ["Рахунок №5.pdf", null],
      ["перелік.csv", null],
    ]);
  });

  it("stores a content once, however often it is uploaded, and still lists each upload", async () => {
    const filed = await fileRequest();
    const before = (await storedFiles()).names.length;
    await upload("enterprise", filed.token, form([{ name: "a.pdf", content: PDF }]));
    await upload("enterprise", filed.token, form([{ name: "b.pdf", content: PDF }]));
    expect(await db.requestFile.count({ where: { requestId: filed.id } })).toBe(2);
    expect((await storedFiles()).names.length).toBeLessThanOrEqual(before + 1);
  });

  it("takes a file of exactly 10 MB, the limit the form states", async () => {
    const filed = await fileRequest();
    const content = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 - PDF.length, 7)]);
    const answer = await upload("enterprise", filed.token, form([{ name: "рівно-10.pdf", content }]));
    expect(answer.location).toContain("files=added&count=1");
    expect((await db.requestFile.findFirstOrThrow({ where: { requestId: filed.id } })).size).toBe(10 * 1024 * 1024);
  });

  it("refuses files on a closed request", async () => {
    const filed = await fileRequest();
    await act(filed.id, "reject", { message: "Поза межами роботи Центру." });
    expect((await db.request.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("REJECTED");
    const answer = await upload("enterprise", filed.token, form([{ name: "a.pdf", content: PDF }]));
    expect(answer.location).toBe(`/s/${filed.token}?files=closed#files`);
    expect(await db.requestFile.count({ where: { requestId: filed.id } })).toBe(0);
  });

  it("answers 404 to a token that opens nothing, without reading the files", async () => {
    const answer = await upload("enterprise", "x".repeat(43), form([{ name: "a.pdf", content: PDF }]));
    expect(answer.status).toBe(404);
  });
});

describe("types are decided by content", () => {
  it("accepts Office and OpenDocument files checked by their entries, and images by their magic bytes", async () => {
    const filed = await fileRequest();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Обладнання").addRow(["верстат", 2]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const answer = await upload(
      "enterprise",
      filed.token,
      form([
        { name: "список.docx", content: DOCX },
        { name: "облік.xlsx", content: xlsx },
        { name: "лист.odt", content: ODT },
        { name: "фото.JPG", content: JPEG },
        { name: "план.png", content: PNG },
        { name: "нотатки.txt", content: Buffer.from("текст\n") },
      ]),
    );
    expect(answer.location).toContain("files=added&count=6");
    const rows = await db.requestFile.findMany({
      where: { requestId: filed.id },
      orderBy: { originalName: "asc" },
      select: { originalName: true, type: true },
    });
    expect(Object.fromEntries(rows.map((r) => [r.originalName, r.type]))).toEqual({
      "список.docx": "docx",
      "облік.xlsx": "xlsx",
      "лист.odt": "odt",
      "фото.JPG": "jpeg",
      "план.png": "png",
      "нотатки.txt": "txt",
    });
  });
});

/** 9,000 × 9,000 pixels of one colour: a small file that would decode to a quarter of a gigabyte. */
let hugePng: Buffer;
beforeAll(async () => {
  hugePng = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: "#888" } })
    .png()
    .toBuffer();
});

describe("bad input gets its message and leaves nothing behind", () => {
  const cases: [string, () => Part[], string][] = [
    ["content contradicting the name", () => [{ name: "invoice.pdf", content: PNG }], "nameContradicts"],
    ["an unsupported type", () => [{ name: "setup.pdf", content: EXE }], "unsupported"],
    ["a zip bomb posing as a Word file", () => [{ name: "bomb.docx", content: zipBombDocx() }], "zipBomb"],
    ["a zip bomb whose headers lie", () => [{ name: "bomb.docx", content: lyingZipBombDocx() }], "zipBomb"],
    ["a 0-byte file", () => [{ name: "empty.pdf", content: Buffer.alloc(0) }], "empty"],
    ["a path separator in the name", () => [{ name: "../../etc/passwd.pdf", content: PDF }], "badName"],
    ["a backslash in the name", () => [{ name: "C:\\Users\\a.pdf", content: PDF }], "badName"],
    ["a control character in the name", () => [{ name: "a\tb.pdf", content: PDF }], "badName"],
    ["a control character that breaks the part's header", () => [{ name: "a\u0001b.pdf", content: PDF }], "notMultipart"],
    ["a bidirectional override in the name", () => [{ name: "invoice\u202efdp.exe", content: PDF }], "badName"],
    [
      "too many files",
      () => Array.from({ length: 11 }, (_, i) => ({ name: `${i}.pdf`, content: Buffer.concat([PDF, Buffer.from(String(i))]) })),
      "tooManyFiles",
    ],
    ["a file over 10 MB", () => [{ name: "big.pdf", content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) }], "fileTooLarge"],
    [
      "over 25 MB together",
      () => [0, 1, 2].map((i) => ({ name: `${i}.pdf`, content: Buffer.concat([PDF, Buffer.alloc(9 * 1024 * 1024, i)]) })),
      "submissionTooLarge",
    ],
    ["no file chosen", () => [], "noFile"],
    ["an iPhone photo in HEIC, which cannot be converted here", () => [{ name: "IMG_0001.HEIC", content: HEIC }], "heic"],
    ["a photo that cannot be decoded", () => [{ name: "фото.jpg", content: BROKEN_JPEG }], "imageUnreadable"],
    [
      "a broken photo after one that was re-encoded",
      () => [
        { name: "good.jpg", content: JPEG },
        { name: "broken.png", content: BROKEN_PNG },
      ],
      "imageUnreadable",
    ],
    ["a photo of more than 70 megapixels", () => [{ name: "huge.png", content: hugePng }], "imageTooLarge"],
  ];
  for (const [what, parts, refusal] of cases) {
    it(what, async () => {
      const filed = await fileRequest();
      const before = await storedFiles();
      // A good file first: the whole submission is refused, the good file with it.
      const good = refusal === "tooManyFiles" || refusal === "noFile" ? [] : [{ name: "good.pdf", content: Buffer.concat([PDF, Buffer.from(what)]) }];
      const answer = await upload("enterprise", filed.token, form([...good, ...parts()]));
      expect(answer.status).toBe(303);
      expect(new URL(answer.location!, "http://localhost").searchParams.get("files")).toBe(refusal);
      expect(await db.requestFile.count({ where: { requestId: filed.id } })).toBe(0);
      const after = await storedFiles();
      expect(after.names).toEqual(before.names);
      expect(after.leftovers).toEqual([]);
    });
  }

  it("names the refused file", async () => {
    const filed = await fileRequest();
    const answer = await upload("enterprise", filed.token, form([{ name: "фото.pdf", content: PNG }]));
    expect(new URL(answer.location!, "http://localhost").searchParams.get("file")).toBe("фото.pdf");
  });

  it("a truncated upload", async () => {
    const filed = await fileRequest();
    const full = new Response(form([{ name: "a.pdf", content: Buffer.concat([PDF, Buffer.alloc(200_000, 7)]) }]));
    const type = full.headers.get("Content-Type")!;
    const bytes = Buffer.from(await full.arrayBuffer());
    const cut = Readable.toWeb(Readable.from([bytes.subarray(0, 100_000)])) as ReadableStream;
    const before = await storedFiles();
    const answer = await upload("enterprise", filed.token, { stream: cut, type });
    expect(new URL(answer.location!, "http://localhost").searchParams.get("files")).toBe("truncated");
    expect(await db.requestFile.count({ where: { requestId: filed.id } })).toBe(0);
    expect((await storedFiles()).names).toEqual(before.names);
    expect((await storedFiles()).leftovers).toEqual([]);
  });

  it("a body that is not a multipart form", async () => {
    const filed = await fileRequest();
    const answer = await call(
      enterpriseUpload,
      new Request(`http://localhost/s/${filed.token}/files`, {
        method: "POST",
        body: "file=a.pdf",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
      { token: filed.token },
    );
    expect(answer.location).toBe(`/s/${filed.token}?files=notMultipart#files`);
  });
});

describe("uploads and downloads on the request page are scoped like the request", () => {
  it("staff and the holding cluster's members add files; another cluster's member gets 404 for both", async () => {
    const filed = await fileRequest("files-a");
    const byCoordinator = await upload("staff", filed.reference, form([{ name: "акт.pdf", content: PDF }], { visibility: "PUBLIC" }), users.coordinator.id);
    expect(byCoordinator.location).toBe(`/requests/${filed.reference}?files=added&count=1#files`);
    const byMember = await upload("staff", filed.reference, form([{ name: "кошторис.csv", content: CSV }]), users.member.id);
    expect(byMember.location).toContain("files=added");
    const byStranger = await upload("staff", filed.reference, form([{ name: "x.pdf", content: PDF }]), users.stranger.id);
    expect(byStranger.status).toBe(404);

    const rows = await db.requestFile.findMany({ where: { requestId: filed.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.originalName, r.addedByType, r.addedById, r.visibility])).toEqual([
      ["акт.pdf", "USER", users.coordinator.id, "PUBLIC"],
      ["кошторис.csv", "USER", users.member.id, "INTERNAL"],
    ]);
    expect(rows[1]!.clusterId).toBe(users.member.clusterId);

    // Staff files are on the enterprise's page only when shown to it.
    const page = await call(statusPage, new Request(`http://localhost/s/${filed.token}`), { token: filed.token });
    expect(page.data.files.map((f: { originalName: string; author: string }) => [f.originalName, f.author])).toEqual([["акт.pdf", "coordinator"]]);
    expect((await download("enterprise", filed.token, rows[1]!.id)).status).toBe(404);
    expect((await download("enterprise", filed.token, rows[0]!.id)).status).toBe(200);

    expect((await download("staff", filed.reference, rows[1]!.id, users.member.id)).status).toBe(200);
    expect((await download("staff", filed.reference, rows[1]!.id, users.coordinator.id)).status).toBe(200);
    expect((await download("staff", filed.reference, rows[1]!.id, users.stranger.id)).status).toBe(404);
    // A file id under another request's reference opens nothing.
    const other = await fileRequest("files-a");
    expect((await download("staff", other.reference, rows[1]!.id, users.member.id)).status).toBe(404);

    // Once the cluster no longer holds the request, its members lose the files with it.
    await act(filed.id, "unassign", { message: "Передаємо іншому кластеру." });
    expect((await download("staff", filed.reference, rows[1]!.id, users.member.id)).status).toBe(404);
    expect((await upload("staff", filed.reference, form([{ name: "y.pdf", content: PDF }]), users.member.id)).status).toBe(404);
  });

  it("the request page lists each file with who added it", async () => {
    const filed = await fileRequest("files-a");
    await upload("staff", filed.reference, form([{ name: "акт.pdf", content: PDF }]), users.coordinator.id);
    const page = await call(
      requestPage,
      new Request(`http://localhost/requests/${filed.reference}`, { headers: { Cookie: await cookieFor(users.member.id) } }),
      {
        reference: filed.reference,
      },
    );
    expect(page.data.files).toEqual([
      expect.objectContaining({ originalName: "акт.pdf", addedByName: "Олена Координаторка", size: PDF.length, type: "pdf", visibility: "INTERNAL" }),
    ]);
  });
});

const XMP_WITH_GPS =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="50,27.2N" exif:GPSLongitude="30,31.0E"/></rdf:RDF></x:xmpmeta>';

/** A photo as a phone writes it: 40 × 20 pixels stored sideways (EXIF orientation 6), with the camera, the time and GPS in EXIF and XMP. */
function phonePhoto(format: "jpeg" | "png" | "webp", { width = 40, height = 20 } = {}) {
  const image = sharp({ create: { width, height, channels: 3, background: "#3a7" } });
  return image[format]()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: "SecretCam", Model: "Workshop 7", DateTime: "2026:11:30 10:00:00" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "50/1 27/1 1234/100", GPSLongitudeRef: "E", GPSLongitude: "30/1 31/1 0/1" },
    })
    .withXmp(XMP_WITH_GPS)
    .toBuffer();
}

async function storedBytes(sha256: string) {
  return Buffer.concat(await (await fileStore().get(sha256))!.toArray());
}

const sha256Of = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("photos are re-encoded without their metadata, with a thumbnail", () => {
  for (const format of ["jpeg", "png", "webp"] as const) {
    it(`${format}: no EXIF, GPS, XMP, camera or time in the stored file or the download; turned upright; the SHA-256 is of what is stored`, async () => {
      const photo = await phonePhoto(format);
      const before = await sharp(photo).metadata();
      // The fixture really carries what must go.
      expect([before.orientation, Boolean(before.exif), Boolean(before.xmp), photo.includes("SecretCam")]).toEqual([6, true, true, true]);

      const filed = await fileRequest();
      const name = `майстерня.${format === "jpeg" ? "jpg" : format}`;
      const answer = await upload("enterprise", filed.token, form([{ name, content: photo }]));
      expect(answer.location).toContain("files=added&count=1");
      const row = await db.requestFile.findFirstOrThrow({ where: { requestId: filed.id } });
      expect(row.type).toBe(format);

      const stored = await storedBytes(row.sha256);
      expect(row.sha256).toBe(sha256Of(stored));
      expect(row.size).toBe(stored.length);
      expect(row.sha256).not.toBe(sha256Of(photo));
      const after = await sharp(stored).metadata();
      expect(after.format).toBe(format);
      expect({ exif: after.exif, xmp: after.xmp, iptc: after.iptc, orientation: after.orientation }).toEqual({
        exif: undefined,
        xmp: undefined,
        iptc: undefined,
        orientation: undefined,
      });
      // Upright: the sideways 40 × 20 is now 20 × 40, and it needs no tag to be shown so.
      expect([after.width, after.height]).toEqual([20, 40]);
      for (const trace of ["SecretCam", "Workshop 7", "2026:11:30", "GPS", "Exif\0\0", "xmpmeta"]) expect(stored.includes(trace), trace).toBe(false);

      const got = await download("enterprise", filed.token, row.id);
      expect(got.status).toBe(200);
      expect(got.body.equals(stored)).toBe(true);
      expect(got.headers.get("Content-Length")).toBe(String(stored.length));
      expect(got.body.includes("SecretCam")).toBe(false);
      expect((await sharp(got.body).metadata()).exif).toBeUndefined();
    });
  }

  it("makes a WebP thumbnail of at most 320 px, listed on both pages and served exactly like the file", async () => {
    const filed = await fileRequest("files-a");
    const photo = await phonePhoto("jpeg", { width: 1200, height: 800 });
    await upload(
      "staff",
      filed.reference,
      form(
        [
          { name: "цех.jpg", content: photo },
          { name: "акт.pdf", content: PDF },
        ],
        { visibility: "PUBLIC" },
      ),
      users.coordinator.id,
    );
    const rows = await db.requestFile.findMany({ where: { requestId: filed.id }, orderBy: { originalName: "asc" } });
    const [pdf, jpeg] = rows as [(typeof rows)[number], (typeof rows)[number]];
    expect(pdf.thumbnailSha256).toBeNull();
    // Upright: 800 wide and 1200 high, shrunk to fit 320.
    expect([jpeg.thumbnailWidth, jpeg.thumbnailHeight]).toEqual([213, 320]);

    const page = await call(statusPage, new Request(`http://localhost/s/${filed.token}`), { token: filed.token });
    expect(page.data.files.map((f: { originalName: string; thumbnail: unknown }) => [f.originalName, f.thumbnail])).toEqual([
      ["цех.jpg", { width: 213, height: 320 }],
      ["акт.pdf", null],
    ]);
    const staffPage = await call(
      requestPage,
      new Request(`http://localhost/requests/${filed.reference}`, { headers: { Cookie: await cookieFor(users.member.id) } }),
      {
        reference: filed.reference,
      },
    );
    expect(staffPage.data.files.map((f: { thumbnail: unknown }) => f.thumbnail)).toEqual([{ width: 213, height: 320 }, null]);

    for (const [kind, target, userId] of [
      ["enterprise", filed.token, undefined],
      ["staff", filed.reference, users.member.id],
    ] as const) {
      const thumbnail = await download(kind, target, jpeg.id, userId, "thumbnail");
      const file = await download(kind, target, jpeg.id, userId);
      expect(thumbnail.status).toBe(200);
      expect(sha256Of(thumbnail.body)).toBe(jpeg.thumbnailSha256);
      const meta = await sharp(thumbnail.body).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["webp", 213, 320, undefined]);
      expect(thumbnail.headers.get("Content-Type")).toBe("image/webp");
      expect(thumbnail.headers.get("Content-Length")).toBe(String(thumbnail.body.length));
      expect(thumbnail.headers.get("Content-Disposition")).toBe(
        `attachment; filename="___.thumbnail.webp"; filename*=UTF-8''${encodeURIComponent("цех.thumbnail.webp")}`,
      );
      for (const header of ["X-Content-Type-Options", "Content-Security-Policy", "Cache-Control", "Referrer-Policy", "X-Robots-Tag"]) {
        expect(thumbnail.headers.get(header), header).toBe(file.headers.get(header));
      }
    }
    // A file without a thumbnail has none to open.
    expect((await download("staff", filed.reference, pdf.id, users.coordinator.id, "thumbnail")).status).toBe(404);
  });

  it("thumbnails are scoped exactly like the files", async () => {
    const filed = await fileRequest("files-a");
    await upload("staff", filed.reference, form([{ name: "внутрішнє.png", content: PNG }]), users.member.id);
    const row = await db.requestFile.findFirstOrThrow({ where: { requestId: filed.id } });
    expect(row.thumbnailSha256).not.toBeNull();
    expect((await download("staff", filed.reference, row.id, users.coordinator.id, "thumbnail")).status).toBe(200);
    expect((await download("staff", filed.reference, row.id, users.member.id, "thumbnail")).status).toBe(200);
    // Internal: not through the enterprise's link; another cluster's member: nothing.
    expect((await download("enterprise", filed.token, row.id, undefined, "thumbnail")).status).toBe(404);
    expect((await download("staff", filed.reference, row.id, users.stranger.id, "thumbnail")).status).toBe(404);
    const other = await fileRequest("files-a");
    expect((await download("staff", other.reference, row.id, users.member.id, "thumbnail")).status).toBe(404);
    // Once the cluster no longer holds the request, its members lose the thumbnails too.
    await act(filed.id, "unassign", { message: "Передаємо іншому кластеру." });
    expect((await download("staff", filed.reference, row.id, users.member.id, "thumbnail")).status).toBe(404);
  });
});

describe("the sweep", () => {
  it("removes stored files no row names once they are an hour old, and keeps the rest", async () => {
    const filed = await fileRequest();
    await upload("enterprise", filed.token, form([{ name: "kept.pdf", content: Buffer.concat([PDF, Buffer.from("kept")]) }]));
    const orphan = await fileStore().put(Readable.from([Buffer.from("orphan, as after a crash before its row")]), { maxBytes: 1000 });
    const fresh = await fileStore().put(Readable.from([Buffer.from("an upload still writing its row")]), { maxBytes: 1000 });
    await upload("enterprise", filed.token, form([{ name: "kept.png", content: PNG }]));
    const rows = await db.requestFile.findMany({ where: { requestId: filed.id }, orderBy: { originalName: "asc" } });
    const kept = rows[0]!.sha256;
    const keptPhoto = rows[1]!.sha256;
    const keptThumbnail = rows[1]!.thumbnailSha256!;
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const sha of [orphan.sha256, kept, keptPhoto, keptThumbnail]) {
      const file = path.join(filesDir(), sha.slice(0, 2), sha);
      await fs.promises.utimes(file, old, old);
    }
    const result = await sweepFiles();
    expect(result.removed).toBeGreaterThanOrEqual(1);
    expect(await fileStore().has(orphan.sha256)).toBe(false);
    expect(await fileStore().has(kept)).toBe(true);
    expect(await fileStore().has(fresh.sha256)).toBe(true);
    // A photo's thumbnail is named by its row too.
    expect(await fileStore().has(keptPhoto)).toBe(true);
    expect(await fileStore().has(keptThumbnail)).toBe(true);
  });
});

describe("the file store interface, on the local disk", () => {
  it("puts by SHA-256, gets whole or a range, has, lists, deletes, and keeps nothing of a refused put", async () => {
    const { LocalDiskStore, FileTooLargeError } = await import("~/domain/files/storage.server");
    const root = path.join(filesDir(), "..", `store-${Date.now()}`);
    const store = new LocalDiskStore(root);
    const content = Buffer.from("Перелік обладнання: верстат, 2 шт.");
    const stored = await store.put(Readable.from([content.subarray(0, 10), content.subarray(10)]), { maxBytes: 1000 });
    expect(stored).toEqual({ sha256: (await import("node:crypto")).createHash("sha256").update(content).digest("hex"), size: content.length });
    expect(await store.has(stored.sha256)).toBe(true);
    const whole = Buffer.concat(await (await store.get(stored.sha256))!.toArray());
    expect(whole.equals(content)).toBe(true);
    const part = Buffer.concat(await (await store.get(stored.sha256, { start: 0, end: 4 }))!.toArray());
    expect(part.equals(content.subarray(0, 5))).toBe(true);
    expect(await store.get("0".repeat(64))).toBeNull();
    await expect(store.get("../../etc/passwd")).rejects.toThrow();

    await expect(store.put(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000 })).rejects.toBeInstanceOf(FileTooLargeError);
    const listed: string[] = [];
    for await (const entry of store.list()) listed.push(entry.sha256);
    expect(listed).toEqual([stored.sha256]);
    expect(await fs.promises.readdir(path.join(root, ".incomplete"))).toEqual([]);

    await store.delete(stored.sha256);
    await store.delete(stored.sha256);
    expect(await store.has(stored.sha256)).toBe(false);
    await fs.promises.rm(root, { recursive: true, force: true });
  });
});
