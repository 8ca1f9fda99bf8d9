// Reads a multipart upload as it streams: each file goes to scratch space on disk while it is
// counted and hashed (memory does not grow with its size), the limits are enforced as the bytes
// arrive, and every file is then checked by its content. Any refusal removes every scratch file
// of the submission: nothing is left behind.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { detectFileType } from "./detect-type.server";
import { type CleanPhoto, cleanPhoto, isPhotoType } from "./photos.server";
import {
  type FileType,
  MAX_FILE_BYTES,
  MAX_FILES_PER_SUBMISSION,
  MAX_SUBMISSION_BYTES,
  REFUSED_TYPES,
  type Refusal,
  acceptableFileName,
  extensionOf,
  nameFitsType,
} from "./rules";
import { FileTooLargeError, measure } from "./storage.server";

/** A photo's `path`, `size` and `sha256` are those of its clean copy, which is what gets stored. */
export type ReceivedFile = { name: string; path: string; size: number; sha256: string; type: FileType; thumbnail?: CleanPhoto["thumbnail"] };
export type Received =
  | { ok: true; files: ReceivedFile[]; fields: Record<string, string>; discard: () => Promise<void> }
  | { ok: false; refusal: Refusal; file?: string };

/** Bytes of multipart framing and small fields allowed on top of the files themselves. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

class Refused extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly file?: string,
  ) {
    super(refusal);
  }
}

export async function receiveUpload(request: Request, { scratchDir, fieldNames }: { scratchDir: string; fieldNames: readonly string[] }): Promise<Received> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;/i.test(contentType) || !request.body) return { ok: false, refusal: "notMultipart" };
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_SUBMISSION_BYTES + MULTIPART_OVERHEAD_BYTES) {
    return { ok: false, refusal: "submissionTooLarge" };
  }
  await fs.promises.mkdir(scratchDir, { recursive: true });
  const staged: (ReceivedFile | { name: string; path: string })[] = [];
  /** Scratch files made after the body was read: clean copies of photos and their thumbnails. */
  const made: string[] = [];
  const discard = async () => {
    await Promise.all([...staged.map((file) => file.path), ...made].map((file) => fs.promises.rm(file, { force: true })));
  };
  try {
    const fields = await parse(request, scratchDir, fieldNames, staged);
    const checked: ReceivedFile[] = [];
    for (const file of staged as ReceivedFile[]) {
      if (file.size === 0) throw new Refused("empty", file.name);
      const detection = await detectFileType(file.path);
      if (!detection.ok) throw new Refused(detection.reason, file.name);
      const type: FileType = detection.type === "text" ? (extensionOf(file.name) === "csv" ? "csv" : "txt") : detection.type;
      if (!nameFitsType(file.name, type)) throw new Refused("nameContradicts", file.name);
      if (REFUSED_TYPES.includes(type)) throw new Refused("heic", file.name);
      checked.push({ ...file, type });
    }
    // Photos are re-encoded once every file has passed the cheap checks.
    const files: ReceivedFile[] = [];
    for (const file of checked) {
      if (!isPhotoType(file.type)) {
        files.push(file);
        continue;
      }
      const cleaned = await cleanPhoto({ source: file.path, type: file.type, scratchDir });
      if (!cleaned.ok) throw new Refused(cleaned.reason, file.name);
      const { thumbnail, ...photo } = cleaned.photo;
      made.push(photo.path, thumbnail.path);
      files.push({ ...file, ...photo, thumbnail });
    }
    if (!files.length) throw new Refused("noFile");
    return { ok: true, files, fields, discard };
  } catch (error) {
    await discard();
    if (error instanceof Refused) return { ok: false, refusal: error.refusal, file: error.file };
    throw error;
  }
}

function parse(
  request: Request,
  scratchDir: string,
  fieldNames: readonly string[],
  staged: (ReceivedFile | { name: string; path: string })[],
): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const writes: Promise<void>[] = [];
    let total = 0;
    let failed = false;
    const source = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
    const parser = busboy({
      headers: { "content-type": request.headers.get("Content-Type") ?? "" },
      // Keep what the browser sent as the name, so that separators in it are seen and refused.
      preservePath: true,
      defParamCharset: "utf8",
      // busboy reports its limit once a file reaches it: one byte more, so a file of exactly 10 MB passes.
      limits: { files: MAX_FILES_PER_SUBMISSION, fileSize: MAX_FILE_BYTES + 1, fields: 10, fieldSize: 4096, parts: MAX_FILES_PER_SUBMISSION + 10 },
    });
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      // Stop reading: what is still on its way is not wanted (the server drains and closes).
      source.unpipe(parser);
      source.destroy();
      // Not from inside busboy's own callbacks (it still works on the part afterwards): once it returns.
      setImmediate(() => parser.destroy());
      // Scratch files still being written finish (or fail) before anything is removed.
      void Promise.allSettled(writes).then(() => reject(error));
    };
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) return fail(new Refused("notMultipart"));
      if (fieldNames.includes(name)) fields[name] = value;
    });
    parser.on("file", (_field, stream, info) => {
      // Its failures reach `fail` through the pipeline below; a stream dropped after a refusal has nothing to report.
      stream.on("error", () => {});
      const raw = info.filename ?? "";
      if (failed) return stream.resume();
      const name = acceptableFileName(raw);
      if (raw && name === null) {
        stream.resume();
        return fail(new Refused("badName", raw));
      }
      const scratch = path.join(scratchDir, randomUUID());
      const entry = { name: name ?? raw, path: scratch };
      staged.push(entry);
      const { transform, result } = measure(MAX_FILE_BYTES);
      // What stopped this file, whatever error the streams then report.
      let stopped: Refused | null = null;
      const stop = (refusal: Refused) => {
        stopped ??= refusal;
        transform.destroy(refusal);
        // Stop reading the body now: busboy would otherwise read (and drop) the rest of the part.
        fail(refusal);
      };
      transform.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total > MAX_SUBMISSION_BYTES) stop(new Refused("submissionTooLarge", entry.name));
      });
      stream.on("limit", () => stop(new Refused("fileTooLarge", entry.name)));
      writes.push(
        pipeline(stream, transform, fs.createWriteStream(scratch)).then(
          () => {
            const measured = result();
            // A file input left empty sends a part with no name and no bytes: not a file.
            if (!raw && measured.size === 0) {
              staged.splice(staged.indexOf(entry), 1);
              return fs.promises.rm(scratch, { force: true });
            }
            if (name === null) return fail(new Refused("badName", raw));
            Object.assign(entry, measured);
          },
          (error: unknown) => {
            if (stopped) return fail(stopped);
            if (error instanceof FileTooLargeError) return fail(new Refused("fileTooLarge", entry.name));
            fail(error instanceof Refused ? error : new Refused("truncated", entry.name));
          },
        ),
      );
    });
    parser.on("filesLimit", () => fail(new Refused("tooManyFiles")));
    parser.on("partsLimit", () => fail(new Refused("tooManyFiles")));
    parser.on("fieldsLimit", () => fail(new Refused("notMultipart")));
    // A body cut short ends the form early; anything else is a body that is not a readable form.
    parser.on("error", (error: Error) => fail(new Refused(/^Unexpected end/.test(error.message) ? "truncated" : "notMultipart")));
    parser.on("close", () => {
      void Promise.all(writes).then(() => {
        if (!failed) resolve(fields);
      });
    });
    // server.mjs cuts a body past its upload limit with a BodyTooLargeError; other errors are a body cut short.
    source.on("error", (error: Error) => fail(new Refused(error.name === "BodyTooLargeError" ? "submissionTooLarge" : "truncated")));
    source.pipe(parser);
  });
}
