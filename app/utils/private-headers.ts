/** For pages opened by a private status token: never cached, never indexed, no cross-site Referer. */
export const PRIVATE_HEADERS = {
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "same-origin",
  "X-Robots-Tag": "noindex",
};
