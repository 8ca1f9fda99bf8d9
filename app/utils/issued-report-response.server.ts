// A stored weekly report file sent as it was issued (decision 042): its exact bytes with their
// length, a strong ETag from their SHA-256, and no-transform, so that no compression on the way
// re-encodes them (the bytes on the wire are the stored ones, and serving costs no gzip). A CSV
// goes to a client that accepts gzip as its stored gzip copy with `Content-Encoding: gzip`: the
// client saves the same bytes, and a ninth of them cross the wire (decision 056).
import { createReadableStreamFromReadable } from "@remix-run/node";
import { REPORT_CONTENT_TYPES } from "~/domain/report/index.server";
import type { OpenedIssuedReport } from "~/domain/report/issued.server";
import type { ReportFormat } from "~/domain/report/types";

/**
 * Whether the request's Accept-Encoding takes gzip (RFC 9110 §12.5.3): named as gzip or x-gzip,
 * or by "*", with a weight above 0. No header: the file as it is.
 */
export function acceptsGzip(request: Request): boolean {
  const header = request.headers.get("Accept-Encoding");
  if (!header) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of header.split(",")) {
    const [coding = "", ...params] = part.split(";").map((text) => text.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    const valid = Number.isFinite(weight) ? weight : 0;
    if (coding === "gzip" || coding === "x-gzip") gzip = Math.max(gzip ?? 0, valid);
    else if (coding === "*") any = valid;
  }
  return (gzip ?? any ?? 0) > 0;
}

export function issuedReportResponse(issued: OpenedIssuedReport) {
  const gzip = issued.encoding === "gzip";
  // Remix's own conversion: about twice as fast as Readable.toWeb on large files.
  return new Response(createReadableStreamFromReadable(issued.stream), {
    headers: {
      "Content-Type": REPORT_CONTENT_TYPES[issued.format as ReportFormat],
      "Content-Length": String(issued.bytes),
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      "Content-Disposition": `attachment; filename="${issued.fileName}"`,
      // The gzip copy is another representation of the same file: its own tag.
      ETag: gzip ? `"${issued.sha256}.gz"` : `"${issued.sha256}"`,
      // Reports may carry sensitive details: never stored by a browser or a proxy.
      "Cache-Control": "private, no-store, no-transform",
      ...(issued.gzipSha256 !== null ? { Vary: "Accept-Encoding" } : {}),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
