// What documents a request takes: the limits, the types (decided from the content, never the
// name) and the names accepted. Shared by the server and the pages that state the limits.

export const MAX_FILES_PER_SUBMISSION = 10;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_SUBMISSION_BYTES = 25 * 1024 * 1024;
/** One request's documents, all together: an open link must not fill the disk. */
export const MAX_FILES_PER_REQUEST = 100;
export const MAX_BYTES_PER_REQUEST = 250 * 1024 * 1024;
/**
 * Largest photo decoded, in pixels (a 64-megapixel phone photo fits). Turning a photo upright
 * holds it decoded in memory (3–4 bytes a pixel): this bounds what one upload can cost.
 */
export const MAX_PHOTO_PIXELS = 70_000_000;

export const FILE_TYPES = {
  pdf: { mime: "application/pdf", extensions: ["pdf"] },
  jpeg: { mime: "image/jpeg", extensions: ["jpg", "jpeg"] },
  png: { mime: "image/png", extensions: ["png"] },
  webp: { mime: "image/webp", extensions: ["webp"] },
  heic: { mime: "image/heic", extensions: ["heic", "heif"] },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"] },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"] },
  odt: { mime: "application/vnd.oasis.opendocument.text", extensions: ["odt"] },
  ods: { mime: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"] },
  odp: { mime: "application/vnd.oasis.opendocument.presentation", extensions: ["odp"] },
  csv: { mime: "text/csv; charset=utf-8", extensions: ["csv"] },
  txt: { mime: "text/plain; charset=utf-8", extensions: ["txt"] },
} as const;

export type FileType = keyof typeof FILE_TYPES;

/** HEIC is recognised but cannot be converted here, so it is refused with its own message (decision 031). */
export const REFUSED_TYPES: readonly FileType[] = ["heic"];

export const ACCEPTED_EXTENSIONS = (Object.keys(FILE_TYPES) as FileType[])
  .filter((type) => !REFUSED_TYPES.includes(type))
  .flatMap((type) => FILE_TYPES[type].extensions.map((e) => `.${e}`));

/** The limits as the forms state them (`files.limits`) and the refusals' texts interpolate them. */
export const FILE_LIMITS = {
  files: MAX_FILES_PER_SUBMISSION,
  fileMb: MAX_FILE_BYTES / 1024 / 1024,
  totalMb: MAX_SUBMISSION_BYTES / 1024 / 1024,
  max: MAX_FILES_PER_REQUEST,
  megapixels: MAX_PHOTO_PIXELS / 1_000_000,
};

/** Why a submission was refused: each has its message in the dictionaries (`files.refused.<code>`). */
export const REFUSALS = [
  "notMultipart",
  "noFile",
  "tooManyFiles",
  "fileTooLarge",
  "submissionTooLarge",
  "requestFull",
  "truncated",
  "empty",
  "badName",
  "unsupported",
  "nameContradicts",
  "zipBomb",
  "heic",
  "imageUnreadable",
  "imageTooLarge",
  "closed",
  "formTooLarge",
] as const;
export type Refusal = (typeof REFUSALS)[number];

// Path separators, C0/C1 controls, DEL, and the bidirectional overrides that make
// "invoice‮fdp.exe" read as "invoiceexe.pdf".
const BAD_NAME = /[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The name as it will be kept (NFC), or null when it cannot be a plain file name. */
export function acceptableFileName(name: string): string | null {
  const normalized = name.normalize("NFC");
  if (!normalized.trim() || normalized.length > 200 || BAD_NAME.test(normalized) || /^\.+$/.test(normalized.trim())) return null;
  return normalized;
}

/** The name's extension, lower case, without the dot ("" when it has none). */
export function extensionOf(name: string) {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** Whether a name's extension is one of the detected type's (a CSV may be named .txt and back). */
export function nameFitsType(name: string, type: FileType) {
  const extension = extensionOf(name);
  if (type === "csv" || type === "txt") return extension === "csv" || extension === "txt";
  return (FILE_TYPES[type].extensions as readonly string[]).includes(extension);
}

/** `Content-Disposition` for a download: an ASCII fallback and the exact name (RFC 6266, RFC 5987). */
export function attachmentDisposition(name: string) {
  const extension = extensionOf(name);
  const stem = extension ? name.slice(0, -(extension.length + 1)) : name;
  const ascii = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const fallback = `${ascii(stem) || "file"}${extension ? `.${ascii(extension)}` : ""}`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * What the browser can tell before sending (names, sizes, how many): the refusal the server
 * would give, so that a chosen file is refused at once with its reason. The server still decides
 * every file by its content; this only spares a phone a useless upload.
 */
export function selectionRefusal(files: readonly { name: string; size: number }[]): { refusal: Refusal; file?: string } | null {
  if (files.length > MAX_FILES_PER_SUBMISSION) return { refusal: "tooManyFiles" };
  for (const file of files) {
    if (acceptableFileName(file.name) === null) return { refusal: "badName", file: file.name };
    if (file.size === 0) return { refusal: "empty", file: file.name };
    if (file.size > MAX_FILE_BYTES) return { refusal: "fileTooLarge", file: file.name };
    const extension = `.${extensionOf(file.name)}`;
    if (FILE_TYPES.heic.extensions.some((e) => `.${e}` === extension)) return { refusal: "heic", file: file.name };
    if (!ACCEPTED_EXTENSIONS.includes(extension)) return { refusal: "unsupported", file: file.name };
  }
  if (files.reduce((sum, file) => sum + file.size, 0) > MAX_SUBMISSION_BYTES) return { refusal: "submissionTooLarge" };
  return null;
}
