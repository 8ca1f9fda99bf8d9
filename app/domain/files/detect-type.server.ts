// Decides what a file is from its content (magic bytes, zip entries, UTF-8 text), never from
// its name or what the browser claimed.
import fs from "node:fs";
import type { FileType } from "./rules";
import { inspectZip } from "./zip-inspect.server";

export type Detection = { ok: true; type: FileType | "text" } | { ok: false; reason: "unsupported" | "zipBomb" };

const startsWith = (head: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (head: Buffer, from: number, to: number) => head.subarray(from, to).toString("latin1");

const HEIF_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"]);

export async function detectFileType(file: string): Promise<Detection> {
  const handle = await fs.promises.open(file, "r");
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 64));
    await handle.read(head, 0, head.length, 0);
    if (ascii(head, 0, 5) === "%PDF-") return { ok: true, type: "pdf" };
    if (startsWith(head, [0xff, 0xd8, 0xff])) return { ok: true, type: "jpeg" };
    if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: "png" };
    if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return { ok: true, type: "webp" };
    if (ascii(head, 4, 8) === "ftyp" && HEIF_BRANDS.has(ascii(head, 8, 12))) return { ok: true, type: "heic" };
    if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
      const zip = await inspectZip(handle, size);
      if (!zip.ok) return zip;
      const odf = {
        "application/vnd.oasis.opendocument.text": "odt",
        "application/vnd.oasis.opendocument.spreadsheet": "ods",
        "application/vnd.oasis.opendocument.presentation": "odp",
      } as const;
      if (zip.mimetype && zip.mimetype in odf && zip.names.has("content.xml")) return { ok: true, type: odf[zip.mimetype as keyof typeof odf] };
      if (zip.names.has("[Content_Types].xml")) {
        if (zip.names.has("word/document.xml")) return { ok: true, type: "docx" };
        if (zip.names.has("xl/workbook.xml")) return { ok: true, type: "xlsx" };
        if (zip.names.has("ppt/presentation.xml")) return { ok: true, type: "pptx" };
      }
      return { ok: false, reason: "unsupported" };
    }
    return (await isUtf8Text(handle, size)) ? { ok: true, type: "text" } : { ok: false, reason: "unsupported" };
  } finally {
    await handle.close();
  }
}

/** Valid UTF-8 from end to end and no NUL byte (binary formats nearly always have both). */
async function isUtf8Text(handle: fs.promises.FileHandle, size: number) {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (let at = 0; at < size;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, at);
      if (!bytesRead) break;
      at += bytesRead;
      const bytes = chunk.subarray(0, bytesRead);
      if (bytes.includes(0)) return false;
      decoder.decode(bytes, { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}
