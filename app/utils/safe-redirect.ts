// Where a form may send the browser next (sign-in, language switch): only a path on this site.
// Checked with the WHATWG URL parser, the one browsers use, so that whatever the parser does to
// tabs, newlines, backslashes, dot segments or leading spaces is done here first; the answer is
// the parser's own serialisation (percent-encoded ASCII), which always fits in a header.

/** A base no real request uses; anything resolving to another origin is off-site. */
const BASE = new URL("http://this-site.invalid");
/** Longer targets are not paths this app makes (its longest is a queue view). */
const MAX_TARGET = 2048;

/**
 * The target as a path on this site ("/x?y#z"), or `fallback` when it would leave the site
 * (e.g. "//evil.example", "/\\evil.example", "/\t/evil.example", "https://…", "javascript:…")
 * or is not a string.
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof value !== "string" || value === "" || value.length > MAX_TARGET) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE.origin) return fallback;
  const path = url.pathname + url.search + url.hash;
  // "/.//evil.example" resolves to the path "//evil.example", which a browser reading it from a
  // Location header would take for another host.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
