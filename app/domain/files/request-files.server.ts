// Documents on requests: who may add and open them (exactly who may see the request), the
// listing on each page, and the one way they are added: scratch → checked → stored → row.
import fs from "node:fs";
import type { Readable } from "node:stream";
import { db } from "~/utils/db.server";
import { type Author, authorKind } from "../authors";
import { type Viewer, visibleTo } from "../requests.server";
import type { Status } from "../state-machine";
import { TRANSITIONS } from "../state-machine";
import { hashStatusToken, isWellFormedStatusToken } from "../tokens.server";
import { receiveUpload } from "./receive-upload.server";
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
    const store = fileStore();
    for (const file of received.files) {
      const stored = await store.put(fs.createReadStream(file.path), { maxBytes: MAX_FILE_BYTES });
      if (stored.sha256 !== file.sha256) throw new Error("stored content differs from the upload");
    }
    const staff = uploader.kind === "staff" ? uploader.viewer : null;
    await db.requestFile.createMany({
      data: received.files.map((file) => ({
        requestId: target.id,
        addedByType: staff ? "USER" : "ENTERPRISE",
        addedById: staff?.id ?? null,
        clusterId: staff?.role === "CLUSTER_MEMBER" ? staff.clusterId : null,
        originalName: file.name,
        sha256: file.sha256,
        size: file.size,
        type: file.type,
        // The enterprise's own files are on its page; staff choose to show theirs there.
        visibility: !staff || received.fields.visibility === "PUBLIC" ? "PUBLIC" : "INTERNAL",
      })),
    });
    return { ok: true, count: received.files.length };
  } finally {
    await received.discard();
  }
}

const listSelect = {
  id: true,
  originalName: true,
  size: true,
  type: true,
  visibility: true,
  createdAt: true,
  addedByType: true,
  addedBy: { select: { name: true, role: true } },
  cluster: { select: { nameUk: true, nameEn: true } },
} as const;

/** A request's files as staff and its cluster's members see them (the caller has checked the request is visible). */
export async function listStaffFiles({ requestId }: { requestId: string }) {
  const files = await db.requestFile.findMany({ where: { requestId }, orderBy: { createdAt: "asc" }, select: listSelect });
  return files.map(({ addedBy, ...file }) => ({ ...file, type: file.type as FileType, addedByName: addedBy?.name ?? null }));
}

export type StaffFile = Awaited<ReturnType<typeof listStaffFiles>>[number];

/** The files on the enterprise's page: the public ones, with who added them as the enterprise knows them. */
export async function listEnterpriseFiles({ token }: { token: string }): Promise<EnterpriseFile[]> {
  if (!isWellFormedStatusToken(token)) return [];
  const files = await db.requestFile.findMany({
    where: { visibility: "PUBLIC", request: { statusTokenHash: hashStatusToken(token) } },
    orderBy: { createdAt: "asc" },
    select: listSelect,
  });
  return files.map((file) => ({
    id: file.id,
    originalName: file.originalName,
    size: file.size,
    type: file.type as FileType,
    createdAt: file.createdAt,
    author: authorKind(file.addedByType, file.addedBy?.role ?? null),
  }));
}

export type EnterpriseFile = { id: string; originalName: string; size: number; type: FileType; createdAt: Date; author: Author };

export type OpenedFile = { name: string; type: FileType; size: number; stream: Readable };

async function open(file: { originalName: string; type: string; size: number; sha256: string } | null): Promise<OpenedFile | null> {
  if (!file) return null;
  const stream = await fileStore().get(file.sha256);
  if (!stream) throw new Error(`stored file missing for ${file.sha256}`);
  return { name: file.originalName, type: file.type as FileType, size: file.size, stream };
}

const openSelect = { originalName: true, type: true, size: true, sha256: true } as const;

/** A file of a request the viewer may see (a member: only while their cluster holds it), or null. */
export async function openStaffFile({ reference, fileId, viewer }: { reference: string; fileId: string; viewer: Viewer }) {
  return open(await db.requestFile.findFirst({ where: { id: fileId, request: { reference, ...visibleTo(viewer) } }, select: openSelect }));
}

/** A public file of the request behind a status link, or null. */
export async function openEnterpriseFile({ token, fileId }: { token: string; fileId: string }) {
  if (!isWellFormedStatusToken(token)) return null;
  return open(
    await db.requestFile.findFirst({
      where: { id: fileId, visibility: "PUBLIC", request: { statusTokenHash: hashStatusToken(token) } },
      select: openSelect,
    }),
  );
}
