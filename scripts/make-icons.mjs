// Writes the site's icons into public/ (committed; run again only to change the design):
// favicon.ico (16 and 32 px) and apple-touch-icon.png (180 px), the blue and yellow of the site's
// header. Drawn pixel by pixel with 4×4 samples per pixel; no image library, nothing downloaded.
//
//   node scripts/make-icons.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const PUBLIC = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "public");
const BLUE = [0x00, 0x57, 0xb7];
const YELLOW = [0xff, 0xd7, 0x00];
const WHITE = [0xff, 0xff, 0xff];

/** The colour at (x, y) of a 1×1 icon, or null outside it. */
function colourAt(x, y, rounded) {
  const r = 0.2;
  if (rounded) {
    const cx = Math.min(Math.max(x, r), 1 - r);
    const cy = Math.min(Math.max(y, r), 1 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  }
  if (y >= 0.7) return YELLOW;
  // A white arrow pointing right, on the blue: help on its way.
  const inShaft = y >= 0.31 && y <= 0.41 && x >= 0.2 && x <= 0.55;
  const inHead = x >= 0.5 && x <= 0.8 && Math.abs(y - 0.36) <= (0.2 * (0.8 - x)) / 0.3;
  return inShaft || inHead ? WHITE : BLUE;
}

/** RGBA pixels, top row first. */
function draw(size, rounded) {
  const n = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const colour = colourAt((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, rounded);
          if (!colour) continue;
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
          sum[3] += 1;
        }
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[i + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
      pixels[i + 3] = Math.round((255 * sum[3]) / (n * n));
    }
  return pixels;
}

/** One ICO image: a BMP header, BGRA rows from the bottom up, and the 1-bit transparency mask. */
function icoImage(size) {
  const rgba = draw(size, true);
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows and mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  const maskRow = Math.ceil(size / 32) * 4;
  const mask = Buffer.alloc(maskRow * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
      if (rgba[from + 3] === 0) mask[(size - 1 - y) * maskRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  header.writeUInt32LE(pixels.length + mask.length, 20);
  return Buffer.concat([header, pixels, mask]);
}

function ico(sizes) {
  const images = sizes.map(icoImage);
  const directory = Buffer.alloc(6 + 16 * sizes.length);
  directory.writeUInt16LE(1, 2); // type: icon
  directory.writeUInt16LE(sizes.length, 4);
  let offset = directory.length;
  sizes.forEach((size, i) => {
    const entry = 6 + 16 * i;
    directory.writeUInt8(size, entry);
    directory.writeUInt8(size, entry + 1);
    directory.writeUInt16LE(1, entry + 4);
    directory.writeUInt16LE(32, entry + 6);
    directory.writeUInt32LE(images[i].length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += images[i].length;
  });
  return Buffer.concat([directory, ...images]);
}

function png(size) {
  const rgba = draw(size, false);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bits per channel
  header.writeUInt8(6, 9); // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(PUBLIC, { recursive: true });
fs.writeFileSync(path.join(PUBLIC, "favicon.ico"), ico([16, 32]));
fs.writeFileSync(path.join(PUBLIC, "apple-touch-icon.png"), png(180));
console.log(`wrote ${path.join(PUBLIC, "favicon.ico")} and apple-touch-icon.png`);
