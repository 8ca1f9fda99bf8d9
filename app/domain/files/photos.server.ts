// Photos are never kept as uploaded: each JPEG, PNG or WebP is decoded and written again with
// sharp, turned upright by its orientation tag, so nothing of its metadata survives (EXIF with
// GPS position, camera and time; XMP; IPTC; the colour profile, once applied). A small WebP
// thumbnail is made from the clean copy. sharp reads the scratch file on disk, never a buffer of
// the upload. HEIC cannot be decoded with the libvips sharp ships (no HEVC decoder), so it is
// refused before it gets here (decision 031).
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import sharp from "sharp";
import { type FileType, MAX_PHOTO_PIXELS } from "./rules";

const PHOTO_TYPES = ["jpeg", "png", "webp"] as const satisfies readonly FileType[];
export type PhotoType = (typeof PHOTO_TYPES)[number];

export function isPhotoType(type: FileType): type is PhotoType {
  return (PHOTO_TYPES as readonly FileType[]).includes(type);
}

/** The longer side of a thumbnail, in pixels. */
const THUMBNAIL_PX = 320;

// No cache of decoded images between uploads, and one libvips thread per photo: the server
// has other requests to answer on a small machine.
sharp.cache(false);
sharp.concurrency(1);

export type CleanFile = { path: string; size: number; sha256: string };
export type CleanPhoto = CleanFile & { thumbnail: CleanFile & { width: number; height: number } };
export type PhotoRefusal = "imageUnreadable" | "imageTooLarge";

// One photo at a time per process: five uploads at once wait for each other rather than hold
// five decoded photos in memory together.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

async function describe(file: string): Promise<CleanFile> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  const { size } = await fs.promises.stat(file);
  return { path: file, size, sha256: hash.digest("hex") };
}

function encoder(type: PhotoType, image: ReturnType<typeof sharp>) {
  if (type === "jpeg") return image.jpeg({ quality: 85 });
  if (type === "png") return image.png();
  return image.webp({ quality: 85 });
}

/**
 * Writes a clean copy of the photo at `source` and its thumbnail into `scratchDir` (on success
 * the caller removes both, and `source`; on failure nothing is left). Only what sharp wrote is
 * ever stored: a photo it cannot decode is refused, never kept as it came.
 */
export function cleanPhoto({ source, type, scratchDir }: { source: string; type: PhotoType; scratchDir: string }) {
  return oneAtATime(async (): Promise<{ ok: true; photo: CleanPhoto } | { ok: false; reason: PhotoRefusal }> => {
    const clean = path.join(scratchDir, `${randomUUID()}.clean`);
    const thumbnail = path.join(scratchDir, `${randomUUID()}.thumbnail`);
    try {
      // failOn "error": a damaged or cut-off photo is refused; a mere warning (extra bytes after the image) is not.
      await encoder(type, sharp(source, { failOn: "error", limitInputPixels: MAX_PHOTO_PIXELS }).autoOrient()).toFile(clean);
      const small = await sharp(clean, { failOn: "error" })
        .resize({ width: THUMBNAIL_PX, height: THUMBNAIL_PX, fit: "inside", withoutEnlargement: true })
        .webp({ quality: 70 })
        .toFile(thumbnail);
      const [photo, thumb] = await Promise.all([describe(clean), describe(thumbnail)]);
      return { ok: true, photo: { ...photo, thumbnail: { ...thumb, width: small.width, height: small.height } } };
    } catch (error) {
      await Promise.all([clean, thumbnail].map((file) => fs.promises.rm(file, { force: true })));
      // The disk or the system failing is not the photo's fault.
      if ((error as NodeJS.ErrnoException).code) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, reason: /pixel limit/i.test(message) ? "imageTooLarge" : "imageUnreadable" };
    }
  });
}
