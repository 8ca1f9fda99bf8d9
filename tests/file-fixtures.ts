// Sample documents for upload tests, built in memory: real magic bytes, and zip containers
// written entry by entry (so a test can also make one that lies about its sizes).
import zlib from "node:zlib";

export const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
/** An 8×8 green JPEG, as a camera would write one (without metadata). */
export const JPEG = Buffer.from(
  "/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAL/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCABIT/2Q==",
  "base64",
);
/** A JPEG's and a PNG's first bytes followed by nothing a decoder can read. */
export const BROKEN_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
export const BROKEN_PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
/** The first bytes of an iPhone photo (an ISO-BMFF `ftyp` box of brand heic). */
export const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic\0\0\0\0mif1heic", "latin1"), Buffer.alloc(64, 0)]);
export const CSV = Buffer.from("назва;кількість\nверстат;2\n", "utf8");
/** An executable's first bytes. */
export const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62, 0)]);

type Entry = { name: string; content: Buffer; store?: boolean; claimSize?: number };

let crcTable: number[] | undefined;
function crc32(data: Buffer) {
  crcTable ??= Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 4×4 blue PNG, built chunk by chunk. */
export const PNG = (() => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(4, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows = Buffer.concat(Array.from({ length: 4 }, () => Buffer.from([0, ...Array.from({ length: 4 }, () => [0x20, 0x40, 0xc0]).flat()])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", zlib.deflateSync(rows)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
})();

/** A zip file; `claimSize` writes a false uncompressed size into the headers. */
export function zip(entries: Entry[]) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const data = entry.store ? entry.content : zlib.deflateRawSync(entry.content);
    const size = entry.claimSize ?? entry.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.store ? 0 : 8, 8);
    local.writeUInt32LE(crc32(entry.content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.store ? 0 : 8, 10);
    central.writeUInt32LE(crc32(entry.content), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xml = (text: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${text}`);

export const DOCX = zip([
  { name: "[Content_Types].xml", content: xml("<Types/>") },
  { name: "_rels/.rels", content: xml("<Relationships/>") },
  { name: "word/document.xml", content: xml("<w:document>Перелік обладнання</w:document>") },
]);

export const ODT = zip([
  { name: "mimetype", content: Buffer.from("application/vnd.oasis.opendocument.text"), store: true },
  { name: "content.xml", content: xml("<office:document-content/>") },
  { name: "META-INF/manifest.xml", content: xml("<manifest/>") },
]);

/** Looks like a Word file whose headers say one entry unpacks to 250 MB. */
export function zipBombDocx() {
  return zip([
    { name: "[Content_Types].xml", content: xml("<Types/>") },
    { name: "word/document.xml", content: Buffer.alloc(1024), claimSize: 250 * 1024 * 1024 },
  ]);
}

/** The same, but its headers claim the big entry holds 1 KB. */
export function lyingZipBombDocx() {
  return zip([
    { name: "[Content_Types].xml", content: xml("<Types/>") },
    { name: "word/document.xml", content: Buffer.alloc(20 * 1024 * 1024), claimSize: 1024 },
  ]);
}
