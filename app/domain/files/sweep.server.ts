// Stored contents no row names (a crash between storing a file and writing its row, a refused
// or abandoned upload, a weekly report file written twice at once) are removed by the scheduled
// jobs, once they are old enough that no upload can still be about to write the row.
import fs from "node:fs";
import path from "node:path";
import { db } from "~/data/db.server";
import { type FileStore, fileStore, uploadScratchDir } from "./storage.server";

/** Longer than any upload takes between storing its files and writing their rows. */
const SWEEP_GRACE_MS = 60 * 60 * 1000;

export async function sweepFiles({ now = new Date(), store = fileStore() }: { now?: Date; store?: FileStore } = {}) {
  const before = new Date(now.getTime() - SWEEP_GRACE_MS);
  const old: string[] = [];
  for await (const stored of store.list()) if (stored.storedAt < before) old.push(stored.sha256);
  let removed = 0;
  for (let i = 0; i < old.length; i += 500) {
    const batch = old.slice(i, i + 500);
    // A content is kept while a row names it, as a file, as a photo's thumbnail, or as an
    // issued weekly report or its gzip copy (decisions 042, 056).
    const named = await db.requestFile.findMany({
      where: { OR: [{ sha256: { in: batch } }, { thumbnailSha256: { in: batch } }] },
      select: { sha256: true, thumbnailSha256: true },
    });
    const reports = await db.issuedReport.findMany({
      where: { OR: [{ sha256: { in: batch } }, { gzipSha256: { in: batch } }] },
      select: { sha256: true, gzipSha256: true },
    });
    const keep = new Set([...named.flatMap((r) => [r.sha256, r.thumbnailSha256]), ...reports.flatMap((r) => [r.sha256, r.gzipSha256])]);
    for (const sha256 of batch) {
      if (keep.has(sha256)) continue;
      await store.delete(sha256);
      removed += 1;
    }
  }
  const incomplete = await store.sweepIncomplete(before);
  // Scratch files of uploads that never finished (the process ended mid-upload).
  let scratch = 0;
  const dir = uploadScratchDir();
  for (const name of await fs.promises.readdir(dir).catch(() => [] as string[])) {
    const stat = await fs.promises.stat(path.join(dir, name)).catch(() => null);
    if (stat && stat.mtime < before) {
      await fs.promises.rm(path.join(dir, name), { force: true });
      scratch += 1;
    }
  }
  return { removed, incomplete: incomplete + scratch };
}
