// On a page (a document request) Remix keeps only the Set-Cookie of what a loader or action
// answered with, unless the route exports a `headers` function that passes the rest on. Routes
// whose answers carry their own headers (Retry-After on a 429 or 503) export this one.
import type { HeadersFunction } from "@remix-run/node";

export const passOnHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  const headers = new Headers();
  for (const source of [loaderHeaders, actionHeaders, errorHeaders]) {
    if (!source) continue;
    // Remix adds the cookies itself.
    for (const [name, value] of source) if (name !== "set-cookie") headers.set(name, value);
  }
  return headers;
};
