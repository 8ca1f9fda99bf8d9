// A stored document sent to a browser: always as an attachment under its own name (Cyrillic
// kept, RFC 6266/5987), its detected type only, never sniffed, and sandboxed should a browser
// render it anyway.
import { Readable } from "node:stream";
import type { OpenedFile } from "~/domain/files/request-files.server";
import { FILE_TYPES, attachmentDisposition } from "~/domain/files/rules";

const DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

export function fileResponse(file: OpenedFile, headers: Record<string, string> = {}) {
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
    headers: {
      ...headers,
      "Content-Type": FILE_TYPES[file.type].mime,
      "Content-Length": String(file.size),
      "Content-Disposition": attachmentDisposition(file.name),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": DOWNLOAD_CSP,
      "Cache-Control": "private, no-store",
    },
  });
}

/** Where a submission's outcome is shown: the page, its `files` notice, and the files section. */
export function uploadOutcomeLocation(page: string, outcome: { ok: true; count: number } | { ok: false; refusal: string; file?: string }) {
  const query = new URLSearchParams(outcome.ok ? { files: "added", count: String(outcome.count) } : { files: outcome.refusal });
  if (!outcome.ok && outcome.file) query.set("file", outcome.file.slice(0, 200));
  return `${page}?${query}#files`;
}
