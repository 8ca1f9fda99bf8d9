// Documents on requests: who may add and open them (exactly who may see the request), the
// listing on each page, and the one way they are added: scratch → checked → stored → row.
import { FilesRefusedError } from "../errors";
import fs from "node:fs";
import type { Readable } from "node:stream";
import { type Tx, db } from "~/data/db.server";
import { type Author, authorKind } from "../requests/authors";
import { type Viewer, actingCluster, visibleTo } from "../auth/access";
import type { Status } from "../requests/state-machine";
import { TRANSITIONS } from "../requests/state-machine";
import { hashStatusToken, isWellFormedStatusToken } from "../auth/tokens.server";
import type { Prisma } from "~/generated/prisma/client";
import { type ReceivedFile, receiveUpload } from "./receive-upload.server";
import { type FileType, MAX_BYTES_PER_REQUEST, MAX_FILE_BYTES, MAX_FILES_PER_REQUEST, type Refusal } from "./rules";
import { fileStore, uploadScratchDir } from "./storage.server";

export type Uploader = { kind: "enterprise"; token: string } | { kind: "staff"; reference: string; viewer: Viewer };

export type UploadOutcome = { ok: true; count: number } | { ok: false; refusal: Refusal; file?: string };

/** The enterprise adds documents while it may still write on its page (what it may message on). */
function enterpriseMayAdd(status: Status) {
  return ([...TRANSITIONS.enterpriseMessage.from, ...TRANSITIONS.provideInfo.from] as readonly Status[]).includes(status);
}

async function findTarget(uploader: Uploader) {
  if (uploader.kind === "enterprise") {
    if (!isWellFormedStatusToken(uploader.token)) return null;
    return db.request.findUnique({ where: { statusTokenHash: hashStatusToken(uploader.token) }, select: { id: true, status: true } });
  }
  return db.request.findFirst({ where: { reference: uploader.reference, ...visibleTo(uploader.viewer) }, select: { id: true, status: true } });
}

/**
 * Adds the files of one multipart submission to a request, all or none. Null when the uploader
 * may not see the request (its body is not read). The stored file is written before its row:
 * a crash between leaves an unreferenced file, which `sweepFiles` removes.
 */
export async function addRequestFiles({ uploader, request }: { uploader: Uploader; request: Request }): Promise<UploadOutcome | null> {
  const target = await findTarget(uploader);
  if (!target) return null;
  if (uploader.kind === "enterprise" && !enterpriseMayAdd(target.status as Status)) return { ok: false, refusal: "closed" };
  const before = await db.requestFile.aggregate({ where: { requestId: target.id }, _count: true, _sum: { size: true } });
  if (before._count >= MAX_FILES_PER_REQUEST || (before._sum.size ?? 0) >= MAX_BYTES_PER_REQUEST) return { ok: false, refusal: "requestFull" };

  const received = await receiveUpload(request, { scratchDir: uploadScratchDir(), fieldNames: ["visibility"] });
  if (!received.ok) return received;
  try {
    const incoming = received.files.reduce((sum, f) => sum + f.size, 0);
    if (before._count + received.files.length > MAX_FILES_PER_REQUEST || (before._sum.size ?? 0) + incoming > MAX_BYTES_PER_REQUEST) {
      return { ok: false, refusal: "requestFull" };
    }
    await storeReceivedFiles(received.files);
    const staff = uploader.kind === "staff" ? uploader.viewer : null;
    await db.requestFile.createMany({
      data: received.files.map((file) => ({
        requestId: target.id,
        addedByType: staff ? "USER" : "ENTERPRISE",
        addedById: staff?.id ?? null,
        clusterId: staff ? actingCluster(staff) : null,
        originalName: file.name,
        sha256: file.sha256,
        size: file.size,
        type: file.type,
        // The enterprise's own files are on its page; staff choose to show theirs there.
        visibility: !staff || received.fields.visibility === "PUBLIC" ? "PUBLIC" : "INTERNAL",
        thumbnailSha256: file.thumbnail?.sha256 ?? null,
        thumbnailSize: file.thumbnail?.size ?? null,
        thumbnailWidth: file.thumbnail?.width ?? null,
        thumbnailHeight: file.thumbnail?.height ?? null,
      })),
    });
    return { ok: true, count: received.files.length };
  } finally {
    await received.discard();
  }
}

/**
 * Puts checked files into the store, before any row names them: a crash (or a refusal) after
 * this leaves only contents no row names, which `sweepFiles` removes.
 */
export async function storeReceivedFiles(files: ReceivedFile[]) {
  const store = fileStore();
  for (const file of files) {
    // A re-encoded photo may come out a little larger than it went in: its own size is the limit.
    for (const content of file.thumbnail ? [file, file.thumbnail] : [file]) {
      const stored = await store.put(fs.createReadStream(content.path), { maxBytes: Math.max(MAX_FILE_BYTES, content.size) });
      if (stored.sha256 !== content.sha256) throw new Error("stored content differs from the upload");
    }
  }
}

/**
 * The rows of documents that came with an event (a message, a note), in the event's own
 * transaction: the message and its files are written together or not at all. The contents were
 * stored before (`storeReceivedFiles`). Refuses with FilesRefusedError when the request is full.
 */
export async function addEventFilesInTx(
  tx: Tx,
  {
    requestId,
    eventId,
    files,
    author,
    visibility,
  }: {
    requestId: string;
    eventId: string;
    files: ReceivedFile[];
    author: { kind: "enterprise" } | { kind: "staff"; viewer: Viewer };
    visibility: "PUBLIC" | "INTERNAL";
  },
) {
  if (!files.length) return;
  const before = await tx.requestFile.aggregate({ where: { requestId }, _count: true, _sum: { size: true } });
  const incoming = files.reduce((sum, f) => sum + f.size, 0);
  if (before._count + files.length > MAX_FILES_PER_REQUEST || (before._sum.size ?? 0) + incoming > MAX_BYTES_PER_REQUEST) {
    throw new FilesRefusedError("requestFull");
  }
  const staff = author.kind === "staff" ? author.viewer : null;
  await tx.requestFile.createMany({
    data: files.map((file) => ({
      requestId,
      eventId,
      addedByType: staff ? "USER" : "ENTERPRISE",
      addedById: staff?.id ?? null,
      clusterId: staff ? actingCluster(staff) : null,
      originalName: file.name,
      sha256: file.sha256,
      size: file.size,
      type: file.type,
      visibility,
      thumbnailSha256: file.thumbnail?.sha256 ?? null,
      thumbnailSize: file.thumbnail?.size ?? null,
      thumbnailWidth: file.thumbnail?.width ?? null,
      thumbnailHeight: file.thumbnail?.height ?? null,
    })),
  });
}

/**
 * Files in the order they were added. Those sent together share their time (and PostgreSQL writes
 * a filing's rows in one statement, in no set order); their ids, made in order, keep the order
 * they were sent in.
 */
const FILED_ORDER: Prisma.RequestFileOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];

const listSelect = {
  id: true,
  eventId: true,
  originalName: true,
  size: true,
  type: true,
  visibility: true,
  createdAt: true,
  addedByType: true,
  addedBy: { select: { name: true, role: true } },
  cluster: { select: { nameUk: true, nameEn: true } },
  thumbnailSha256: true,
  thumbnailWidth: true,
  thumbnailHeight: true,
} as const;

/** A photo's thumbnail as a page shows it (its bytes come from the scoped thumbnail route), or null. */
export type Thumbnail = { width: number; height: number } | null;

function thumbnailOf(file: { thumbnailSha256: string | null; thumbnailWidth: number | null; thumbnailHeight: number | null }): Thumbnail {
  return file.thumbnailSha256 && file.thumbnailWidth && file.thumbnailHeight ? { width: file.thumbnailWidth, height: file.thumbnailHeight } : null;
}

/** A request's files as staff and its cluster's members see them (the caller has checked the request is visible). */
export async function listStaffFiles({ requestId }: { requestId: string }) {
  const files = await db.requestFile.findMany({ where: { requestId }, orderBy: FILED_ORDER, select: listSelect });
  return files.map(({ addedBy, thumbnailSha256, thumbnailWidth, thumbnailHeight, ...file }) => ({
    ...file,
    type: file.type as FileType,
    addedByName: addedBy?.name ?? null,
    thumbnail: thumbnailOf({ thumbnailSha256, thumbnailWidth, thumbnailHeight }),
  }));
}

/** The files on the enterprise's page: the public ones, with who added them as the enterprise knows them. */
export async function listEnterpriseFiles({ token }: { token: string }): Promise<EnterpriseFile[]> {
  if (!isWellFormedStatusToken(token)) return [];
  const files = await db.requestFile.findMany({
    where: { visibility: "PUBLIC", request: { statusTokenHash: hashStatusToken(token) } },
    orderBy: FILED_ORDER,
    select: listSelect,
  });
  return files.map((file) => ({
    id: file.id,
    eventId: file.eventId,
    originalName: file.originalName,
    size: file.size,
    type: file.type as FileType,
    createdAt: file.createdAt,
    author: authorKind(file.addedByType, file.addedBy?.role ?? null),
    thumbnail: thumbnailOf(file),
  }));
}

export type EnterpriseFile = {
  id: string;
  eventId: string | null;
  originalName: string;
  size: number;
  type: FileType;
  createdAt: Date;
  author: Author;
  thumbnail: Thumbnail;
};

export type OpenedFile = { name: string; type: FileType; size: number; stream: Readable };

async function open(file: { originalName: string; type: string; size: number; sha256: string } | null): Promise<OpenedFile | null> {
  if (!file) return null;
  const stream = await fileStore().get(file.sha256);
  if (!stream) throw new Error(`stored file missing for ${file.sha256}`);
  return { name: file.originalName, type: file.type as FileType, size: file.size, stream };
}

const openSelect = { originalName: true, type: true, size: true, sha256: true, thumbnailSha256: true, thumbnailSize: true } as const;

type Part = "file" | "thumbnail";

/** The file itself, or its thumbnail: a WebP named after the file, or null when it has none. */
async function openPart(
  file: { originalName: string; type: string; size: number; sha256: string; thumbnailSha256: string | null; thumbnailSize: number | null } | null,
  part: Part,
): Promise<OpenedFile | null> {
  if (part === "file" || !file) return open(file);
  if (!file.thumbnailSha256 || file.thumbnailSize === null) return null;
  const stem = file.originalName.replace(/\.[^.]*$/, "");
  return open({ originalName: `${stem}.thumbnail.webp`, type: "webp", size: file.thumbnailSize, sha256: file.thumbnailSha256 });
}

/** A file of a request the viewer may see (a member: only while their cluster holds it), or null. */
export async function openStaffFile({ reference, fileId, viewer, part = "file" }: { reference: string; fileId: string; viewer: Viewer; part?: Part }) {
  return openPart(await db.requestFile.findFirst({ where: { id: fileId, request: { reference, ...visibleTo(viewer) } }, select: openSelect }), part);
}

/** A public file of the request behind a status link, or null. */
export async function openEnterpriseFile({ token, fileId, part = "file" }: { token: string; fileId: string; part?: Part }) {
  if (!isWellFormedStatusToken(token)) return null;
  return openPart(
    await db.requestFile.findFirst({
      where: { id: fileId, visibility: "PUBLIC", request: { statusTokenHash: hashStatusToken(token) } },
      select: openSelect,
    }),
    part,
  );
}
