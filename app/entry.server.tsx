import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
// react-dom's web-streams renderer, not its Node one: React 18's Node renderer writes NUL bytes
// where a multi-byte character straddles its 2 KB buffer (decision 014).
import { renderToReadableStream } from "react-dom/server.browser";
import { startScheduler } from "./domain/scheduler.server";
import { staffMessages } from "./i18n/staff-dictionary.server";
import { StaffStringsContext } from "./i18n/staff-strings";
import { endDocumentLast } from "./utils/document-end.server";
import { NonceContext } from "./utils/nonce";

// server.mjs reads its own settings from the build (build.entry.module), so the environment is
// read and checked once, by app/config/env.server.ts.
export { listenSettings } from "./config/env.server";

const ABORT_DELAY = 5_000;

/**
 * Every page is answered whole, once everything in it has rendered (not streamed from the
 * shell): each Suspense boundary then sits in place instead of arriving later as a <template>
 * after the document, and the document's end is moved after Remix's data hand-off.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  let shellRendered = false;
  // Aborted only if still rendering: React listens to the signal for good, and an abort after
  // the stream has closed throws inside React.
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), ABORT_DELAY);
  try {
    const stream = await renderToReadableStream(
      <NonceContext.Provider value={nonce}>
        <StaffStringsContext.Provider value={staffMessages}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </StaffStringsContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        signal: timeout.signal,
        onError(error: unknown) {
          responseStatusCode = 500;
          // Before the shell, Remix reports the error itself (handleError).
          if (shellRendered) console.error(error);
        },
      },
    );
    shellRendered = true;
    await stream.allReady;
    const html = endDocumentLast(new Uint8Array(await new Response(stream).arrayBuffer()));
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return new Response(html, { headers: responseHeaders, status: responseStatusCode });
  } finally {
    clearTimeout(timer);
  }
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

// The timed rules run inside the server process (SCHEDULER_INTERVAL_SECONDS=0 turns this off).
startScheduler();
