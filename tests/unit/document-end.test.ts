import { describe, expect, it } from "vitest";
import { endDocumentLast } from "~/utils/document-end.server";

const bytes = (text: string) => new Uint8Array(Buffer.from(text));
const text = (html: Uint8Array) => Buffer.from(html).toString("utf8");

describe("endDocumentLast", () => {
  it("moves what follows </body></html> in front of it", () => {
    const html = '<!DOCTYPE html><html><body><main>Запит</main></body></html><!--$--><script>go("ї")</script><!--/$-->';
    expect(text(endDocumentLast(bytes(html)))).toBe('<!DOCTYPE html><html><body><main>Запит</main><!--$--><script>go("ї")</script><!--/$--></body></html>');
  });

  it("leaves a document that already ends there, or has no such end, as it is", () => {
    for (const html of ["<!DOCTYPE html><html><body></body></html>", "<p>Не документ</p>"]) expect(text(endDocumentLast(bytes(html)))).toBe(html);
  });
});
