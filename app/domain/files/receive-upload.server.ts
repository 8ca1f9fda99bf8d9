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
/** The form's other fields, in order, as they came (a field sent twice is there twice). */
type FieldEntries = [string, string][];
export type Received =
  | { ok: true; files: ReceivedFile[]; fields: Record<string, string>; entries: FieldEntries; discard: () => Promise<void> }
  | { ok: false; refusal: Refusal; file?: string; entries: FieldEntries };

export type ReceiveOptions = {
  scratchDir: string;
  /** The other fields read; the rest are dropped. Without it, every field is read. */
  fieldNames?: readonly string[];
  /** A submission without any file is taken (the intake form: files are optional there). */
  filesOptional?: boolean;
  /**
   * The other fields together: at most this many of them, bytes and characters (names and
   * values), the rule server.mjs applies to every form it reads whole. Past it: `formTooLarge`.
   */
  formLimits?: { fields: number; bytes: number; chars: number };
};

/** A page's few small fields (a checkbox or two) beside the files. */
const SMALL_FORM = { fields: 10, bytes: 4096, chars: 4096 };

/** Bytes of multipart framing and small fields allowed on top of the files themselves. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

class Refused extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly file?: string,
  ) {
    super(refusal);
  }
}

export async function receiveUpload(request: Request, { scratchDir, fieldNames, filesOptional = false, formLimits }: ReceiveOptions): Promise<Received> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data;/i.test(contentType) || !request.body) return { ok: false, refusal: "notMultipart", entries: [] };
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_SUBMISSION_BYTES + MULTIPART_OVERHEAD_BYTES + (formLimits?.bytes ?? 0)) {
    return { ok: false, refusal: "submissionTooLarge", entries: [] };
  }
  await fs.promises.mkdir(scratchDir, { recursive: true });
  const staged: (ReceivedFile | { name: string; path: string })[] = [];
  /** Scratch files made after the body was read: clean copies of photos and their thumbnails. */
  const made: string[] = [];
  const discard = async () => {
    await Promise.all([...staged.map((file) => file.path), ...made].map((file) => fs.promises.rm(file, { force: true })));
  };
  const entries: FieldEntries = [];
  try {
    await parse(request, { scratchDir, fieldNames, limits: formLimits ?? SMALL_FORM, sizedForm: !!formLimits }, staged, entries);
    const fields = Object.fromEntries(entries);
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
    if (!files.length && !filesOptional) throw new Refused("noFile");
    return { ok: true, files, fields, entries, discard };
  } catch (error) {
    await discard();
    // The fields that arrived before the refusal go back to the page, as typed.
    if (error instanceof Refused) return { ok: false, refusal: error.refusal, file: error.file, entries };
    throw error;
  }
}

function parse(
  request: Request,
  {
    scratchDir,
    fieldNames,
    limits,
    sizedForm,
  }: { scratchDir: string; fieldNames?: readonly string[]; limits: { fields: number; bytes: number; chars: number }; sizedForm: boolean },
  staged: (ReceivedFile | { name: string; path: string })[],
  entries: FieldEntries,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const writes: Promise<void>[] = [];
    let total = 0;
    let formBytes = 0;
    let formChars = 0;
    // A form's text past its limits: too large when the form states them, unreadable otherwise.
    const overLimit = () => new Refused(sizedForm ? "formTooLarge" : "notMultipart");
    let failed = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { "content-type": request.headers.get("Content-Type") ?? "" },
        // Keep what the browser sent as the name, so that separators in it are seen and refused.
        preservePath: true,
        defParamCharset: "utf8",
        // busboy reports its limit once a file reaches it: one byte more, so a file of exactly 10 MB passes.
        limits: {
          files: MAX_FILES_PER_SUBMISSION,
          fileSize: MAX_FILE_BYTES + 1,
          fields: limits.fields,
          fieldSize: limits.bytes,
          parts: MAX_FILES_PER_SUBMISSION + limits.fields,
        },
      });
    } catch {
      // A content type busboy cannot read ("boundary=" with nothing after it): not a readable form.
      return reject(new Refused("notMultipart"));
    }
    const source = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
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
    parser.on("field", (given, value, info) => {
      if (info.valueTruncated) return fail(overLimit());
      // A part without a name comes as undefined.
      const name = given ?? "";
      formBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      formChars += 1 + name.length + value.length;
      if (formBytes > limits.bytes || formChars > limits.chars) return fail(overLimit());
      if (!fieldNames || fieldNames.includes(name)) entries.push([name, value]);
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
      const out = fs.createWriteStream(scratch);
      // A pipeline that fails settles before its file is closed, and a write stream still opening
      // creates its file after that: the scratch file is removed only once it is closed.
      const closed = new Promise<void>((resolve) => out.once("close", () => resolve()));
      writes.push(
        pipeline(stream, transform, out)
          .then(
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
          )
          .finally(() => closed),
      );
    });
    parser.on("filesLimit", () => fail(new Refused("tooManyFiles")));
    parser.on("partsLimit", () => fail(new Refused("tooManyFiles")));
    parser.on("fieldsLimit", () => fail(overLimit()));
    // A body cut short ends the form early; anything else is a body that is not a readable form.
    parser.on("error", (error: Error) => fail(new Refused(/^Unexpected end/.test(error.message) ? "truncated" : "notMultipart")));
    parser.on("close", () => {
      void Promise.all(writes).then(() => {
        if (!failed) resolve();
      });
    });
    // server.mjs cuts a body past its upload limit with a BodyTooLargeError; other errors are a body cut short.
    source.on("error", (error: Error) => fail(new Refused(error.name === "BodyTooLargeError" ? "submissionTooLarge" : "truncated")));
    source.pipe(parser);
  });
}
