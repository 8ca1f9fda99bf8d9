// Looks inside a zip container (Office Open XML, OpenDocument) without trusting what it says
// about itself: the entries are counted, and each one is inflated and counted byte by byte, so a
// zip bomb is refused however its headers lie. Nothing is written anywhere.
import type { FileHandle } from "node:fs/promises";
import { once } from "node:events";
import zlib from "node:zlib";

const MAX_ZIP_ENTRIES = 2000;
/** All entries together, inflated. Real 10 MB spreadsheets stay well below. */
const MAX_ZIP_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;

export type ZipInspection = { ok: true; names: Set<string>; mimetype: string | null } | { ok: false; reason: "zipBomb" | "unsupported" };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function read(handle: FileHandle, position: number, length: number) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

export async function inspectZip(handle: FileHandle, size: number): Promise<ZipInspection> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await read(handle, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: "unsupported" };
  const count = tail.readUInt16LE(eocd + 10);
  const directorySize = tail.readUInt32LE(eocd + 12);
  const directoryOffset = tail.readUInt32LE(eocd + 16);
  // Zip64 markers: no Office document under the size limit needs them.
  if (count === 0xffff || directoryOffset === 0xffffffff) return { ok: false, reason: "unsupported" };
  if (count > MAX_ZIP_ENTRIES) return { ok: false, reason: "zipBomb" };
  if (directoryOffset + directorySize > size) return { ok: false, reason: "unsupported" };
  const directory = await read(handle, directoryOffset, directorySize);

  const entries: { name: string; method: number; compressed: number; uncompressed: number; offset: number }[] = [];
  let declared = 0;
  for (let at = 0, i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL) return { ok: false, reason: "unsupported" };
    const flags = directory.readUInt16LE(at + 8);
    const method = directory.readUInt16LE(at + 10);
    const compressed = directory.readUInt32LE(at + 20);
    const uncompressed = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const offset = directory.readUInt32LE(at + 42);
    const name = directory.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    // Encrypted entries cannot be looked into; other methods are not used by Office files.
    if (flags & 1 || (method !== 0 && method !== 8)) return { ok: false, reason: "unsupported" };
    declared += uncompressed;
    if (declared > MAX_ZIP_UNCOMPRESSED_BYTES) return { ok: false, reason: "zipBomb" };
    entries.push({ name, method, compressed, uncompressed, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }

  let inflated = 0;
  let mimetype: string | null = null;
  for (const entry of entries) {
    const local = await read(handle, entry.offset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) return { ok: false, reason: "unsupported" };
    const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (start + entry.compressed > size) return { ok: false, reason: "unsupported" };
    const outcome = await countEntry(handle, start, entry, MAX_ZIP_UNCOMPRESSED_BYTES - inflated);
    if (outcome === "bomb") return { ok: false, reason: "zipBomb" };
    if (outcome === "damaged") return { ok: false, reason: "unsupported" };
    inflated += outcome.bytes;
    if (entry.name === "mimetype") mimetype = outcome.head.toString("latin1").trim();
  }
  return { ok: true, names: new Set(entries.map((e) => e.name)), mimetype };
}

/** Inflates one entry, counting; "bomb" once it gives more than it declared or than `budget`. */
async function countEntry(
  handle: FileHandle,
  start: number,
  entry: { method: number; compressed: number; uncompressed: number },
  budget: number,
): Promise<{ bytes: number; head: Buffer } | "bomb" | "damaged"> {
  const limit = Math.min(entry.uncompressed, budget);
  let bytes = 0;
  let over = false;
  const head: Buffer[] = [];
  const take = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > limit) over = true;
    else if (head.length < 4) head.push(chunk.subarray(0, 256));
  };
  const inflater = entry.method === 8 ? zlib.createInflateRaw() : null;
  let failed = false;
  inflater?.on("data", take);
  inflater?.on("error", () => (failed = true));
  for (let at = 0; at < entry.compressed && !over && !failed;) {
    const chunk = await read(handle, start + at, Math.min(64 * 1024, entry.compressed - at));
    if (!chunk.length) return "damaged";
    at += chunk.length;
    if (!inflater) take(chunk);
    else if (!inflater.write(chunk)) await Promise.race([once(inflater, "drain"), once(inflater, "close")]);
  }
  if (inflater && !over && !failed) {
    inflater.end();
    await Promise.race([once(inflater, "end"), once(inflater, "close")]).catch(() => (failed = true));
  }
  inflater?.destroy();
  if (over) return "bomb";
  if (failed || bytes !== entry.uncompressed) return "damaged";
  return { bytes, head: Buffer.concat(head).subarray(0, 256) };
}
