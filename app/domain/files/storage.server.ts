// Where the bytes of attached documents live. One small interface, so that an S3-compatible
// object store can replace the local disk for a deployment on several servers (decision 030):
// contents are named by their SHA-256, written once, read as streams, and listed for sweeping.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "~/config/env.server";
import { storedFilePath } from "~/config/files-dir.mjs";

export type StoredFile = { sha256: string; size: number };

export interface FileStore {
  /**
   * Streams `source` into the store under its SHA-256. Refuses with `FileTooLargeError` (and keeps
   * nothing) once more than `maxBytes` arrived. Storing a content already there keeps one copy
   * and marks it as just stored, so a sweep does not take it while its row is being written.
   */
  put(source: Readable, options: { maxBytes: number }): Promise<StoredFile>;
  /**
   * The content as a stream (`start`/`end` inclusive, like `fs.createReadStream`), or null.
   * `chunkBytes`: how much is read at a time (large files are served faster in larger chunks).
   */
  get(sha256: string, range?: { start: number; end: number }, options?: { chunkBytes?: number }): Promise<Readable | null>;
  has(sha256: string): Promise<boolean>;
  /** Removes a content; one that is not there is not an error. */
  delete(sha256: string): Promise<void>;
  /** Every stored content with the time it was last stored, for sweeping. */
  list(): AsyncIterable<{ sha256: string; storedAt: Date }>;
  /** Removes writes that never finished (a crash mid-upload) started before `before`. */
  sweepIncomplete(before: Date): Promise<number>;
}

export class FileTooLargeError extends Error {
  override name = "FileTooLargeError";
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Counts and hashes what passes; stops with FileTooLargeError past `maxBytes`. */
export function measure(maxBytes: number) {
  const hash = createHash("sha256");
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new FileTooLargeError(`more than ${maxBytes} bytes`));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  return { transform, result: () => ({ sha256: hash.digest("hex"), size }) };
}

/** Contents as files `<root>/<first two hex digits>/<sha256>`; writes go through `<root>/.incomplete/`. */
export class LocalDiskStore implements FileStore {
  constructor(readonly root: string) {}

  private pathOf(sha256: string) {
    return storedFilePath(this.root, sha256);
  }

  private get incompleteDir() {
    return path.join(this.root, ".incomplete");
  }

  async put(source: Readable, { maxBytes }: { maxBytes: number }): Promise<StoredFile> {
    await fs.promises.mkdir(this.incompleteDir, { recursive: true });
    const temporary = path.join(this.incompleteDir, randomUUID());
    const { transform, result } = measure(maxBytes);
    try {
      // Opened here, before any byte is read: a write stream opens its file on its own time, so
      // a refused put could create it after the clean-up below had run, and leave it behind.
      // The stream closes the file when it ends or fails.
      await pipeline(source, transform, (await fs.promises.open(temporary, "wx")).createWriteStream());
      // On disk before the row that names it is written.
      const handle = await fs.promises.open(temporary, "r+");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      const stored = result();
      const final = this.pathOf(stored.sha256);
      await fs.promises.mkdir(path.dirname(final), { recursive: true });
      if (await exists(final)) {
        const now = new Date();
        await fs.promises.utimes(final, now, now);
        await fs.promises.rm(temporary, { force: true });
      } else {
        await fs.promises.rename(temporary, final);
      }
      return stored;
    } catch (error) {
      await fs.promises.rm(temporary, { force: true });
      throw error;
    }
  }

  async get(sha256: string, range?: { start: number; end: number }, { chunkBytes }: { chunkBytes?: number } = {}) {
    const file = this.pathOf(sha256);
    try {
      const handle = await fs.promises.open(file, "r");
      return handle.createReadStream({ ...(range ? { start: range.start, end: range.end } : {}), ...(chunkBytes ? { highWaterMark: chunkBytes } : {}) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  has(sha256: string) {
    return exists(this.pathOf(sha256));
  }

  async delete(sha256: string) {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }

  async *list() {
    let top: string[];
    try {
      top = await fs.promises.readdir(this.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const prefix of top.filter((name) => /^[0-9a-f]{2}$/.test(name)).sort()) {
      for (const name of (await fs.promises.readdir(path.join(this.root, prefix))).sort()) {
        if (!SHA256.test(name) || !name.startsWith(prefix)) continue;
        const stat = await fs.promises.stat(path.join(this.root, prefix, name)).catch(() => null);
        if (stat) yield { sha256: name, storedAt: stat.mtime };
      }
    }
  }

  async sweepIncomplete(before: Date) {
    let removed = 0;
    const names = await fs.promises.readdir(this.incompleteDir).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(this.incompleteDir, name);
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat && stat.mtime < before) {
        await fs.promises.rm(file, { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}

async function exists(file: string) {
  try {
    await fs.promises.access(file);
    return true;
  } catch {
    return false;
  }
}

let store: FileStore | undefined;

/** The store this process uses: the local disk under FILES_DIR. */
export function fileStore(): FileStore {
  store ??= new LocalDiskStore(path.resolve(process.cwd(), env.FILES_DIR));
  return store;
}

/** Scratch space for uploads being checked, beside the store (same disk, never served). */
export function uploadScratchDir() {
  return path.resolve(process.cwd(), env.FILES_DIR, ".uploads");
}
