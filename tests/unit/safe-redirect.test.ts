// Where a form may send the browser next (sign-in, language switch), checked the way a browser
// reads a Location header: resolved with the WHATWG URL parser against our own origin.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { afterLoginPath } from "~/domain/auth/auth.server";
import { safeRedirectPath } from "~/utils/safe-redirect";
import { HOSTILE_TARGETS } from "../hostile-targets";

const ORIGIN = "https://rrc.example.org";

/** What a browser does with a Location header: resolve it against the page's origin. */
function landsOn(location: string) {
  return new URL(location, ORIGIN).origin;
}

/** A value Headers accepts: visible ASCII only (no CR, LF, NUL, nothing above 0x7E). */
const HEADER_SAFE = /^[\x21-\x7e]+$/;

describe("safeRedirectPath", () => {
  it.each(HOSTILE_TARGETS.map((t) => [JSON.stringify(t).slice(0, 60), t]))("keeps %s on the site", (_, target) => {
    const path = safeRedirectPath(target);
    expect(landsOn(path)).toBe(ORIGIN);
    expect(path).toMatch(HEADER_SAFE);
    expect(() => new Headers({ Location: path })).not.toThrow();
  });

  it("keeps paths of the site as they are", () => {
    expect(safeRedirectPath("/queue?status=NEW&page=2")).toBe("/queue?status=NEW&page=2");
    expect(safeRedirectPath("/requests/RRC-2026-000001#timeline")).toBe("/requests/RRC-2026-000001#timeline");
    expect(safeRedirectPath("/s/abc_DEF-123")).toBe("/s/abc_DEF-123");
    // A non-ASCII path is percent-encoded, as the browser would send it.
    expect(safeRedirectPath("/queue?q=Київ")).toBe("/queue?q=%D0%9A%D0%B8%D1%97%D0%B2");
  });

  it("falls back for what is not a string or leaves the site", () => {
    expect(safeRedirectPath(null, "/x")).toBe("/x");
    expect(safeRedirectPath(undefined, "/x")).toBe("/x");
    expect(safeRedirectPath("", "/x")).toBe("/x");
    expect(safeRedirectPath("//evil.example", "/x")).toBe("/x");
    expect(safeRedirectPath("/\t/evil.example", "/x")).toBe("/x");
  });

  it("never leaves the site and always fits a header, for any string (20,000 generated)", () => {
    const piece = fc.constantFrom(
      "/",
      "\\",
      "／",
      "＼",
      "\t",
      "\n",
      "\r",
      " ",
      "\u0000",
      ".",
      "..",
      "%2F",
      "%5C",
      "%0d%0a",
      ":",
      "@",
      "?",
      "#",
      "evil.example",
      "javascript",
      "https",
      "😀",
      "\u0085",
      "\ud800",
    );
    const target = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(target, (value) => {
        const path = safeRedirectPath(value);
        expect(landsOn(path)).toBe(ORIGIN);
        expect(path).toMatch(HEADER_SAFE);
        expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
      }),
      { numRuns: 20_000, seed: 20261201 },
    );
  });
});

describe("afterLoginPath", () => {
  it("never sends a signed-in user back to the sign-in page, however the path is spelled", () => {
    for (const target of ["/login", "/LOGIN?x=1", "/logout", "/./login", "/x/../login#a", "/login/"]) {
      expect(afterLoginPath(target, "COORDINATOR"), target).toBe("/queue");
    }
    expect(afterLoginPath("/loginx", "COORDINATOR")).toBe("/loginx");
  });
});
