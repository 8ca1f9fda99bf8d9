const DOCUMENT_END = Buffer.from("</body></html>");

/**
 * The rendered document with whatever React wrote after `</body></html>` moved in front of it.
 * Remix renders its data hand-off (single fetch's `<script>`s and their Suspense markers) as a
 * sibling of the whole `<html>` element, so it lands after the document's end, where it is a
 * parse error; browsers move it into the body anyway. Moved there by the server, the document
 * is valid and the browser ends up with the same tree. A document without that end is returned
 * as it is.
 */
export function endDocumentLast(html: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.from(html.buffer, html.byteOffset, html.byteLength);
  const end = bytes.indexOf(DOCUMENT_END);
  if (end < 0 || end + DOCUMENT_END.length === bytes.length) return html;
  return Buffer.concat([bytes.subarray(0, end), bytes.subarray(end + DOCUMENT_END.length), DOCUMENT_END]);
}
