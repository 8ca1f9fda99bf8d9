// The production server: Express around the Remix build, with the client's address and a
// CSP nonce passed to loaders, security headers, compression and long-cached assets. Form
// bodies are read here, counted as they arrive whatever their transfer encoding, and refused
// before anything parses them when they are too large or not a readable web form.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import compression from "compression";
import express from "express";

// process.env is a live view of the C environment: every read of it calls into C++. Libraries
// read NODE_ENV in hot paths (TanStack Table once per table cell it creates), so the server reads
// a plain copy, taken once.
process.env = { ...process.env };

const root = path.dirname(fileURLToPath(import.meta.url));
/** Larger form bodies are refused before they are parsed (the longest form is well under). */
const MAX_BODY_BYTES = 256 * 1024;
/**
 * Forms with more characters (names and values) are refused too: a refused form comes back in
 * its page with what was typed, and markup escaping can make that ten times its size. The
 * longest real form (intake with every text field full) has about 13,000.
 */
const MAX_FORM_CHARS = 32_000;
/**
 * Document uploads (a plain multipart post to a request's or a status page's `/files`, the
 * intake form with its documents, a message with its documents on the status page or the
 * request page) are not read here: they stream through to the app, which
 * counts every file as it arrives (10 MB each, 25 MB per submission:
 * app/domain/files/rules.ts) and holds the other fields to this file's form rule
 * (app/domain/files/form-with-files.server.ts). This backstop cuts a body that goes on past those limits
 * plus framing (decisions 030, 032).
 */
const MAX_UPLOAD_BODY_BYTES = 26 * 1024 * 1024;
const UPLOAD_PATH = /^\/(?:(?:s|requests)\/[^/]+\/files|requests\/new|s\/[A-Za-z0-9_-]{43}|requests\/RRC-\d{4}-\d{6})\/?$/;
/** The staff session cookie (app/domain/auth/auth.server.ts, SESSION_COOKIE_NAME). */
const SESSION_COOKIE = /(?:^|;\s*)rrc_session=[^;\s]/;

/** The host the browser addressed (a proxy's X-Forwarded-Host when TRUST_PROXY is on). */
function requestHost(req) {
  const forwarded = trustProxy
    ? String(req.headers["x-forwarded-host"] ?? "")
        .split(",")[0]
        .trim()
    : "";
  return forwarded || req.headers.host || "";
}

/** The URL Remix routes on, or null when the Host header cannot be part of one. */
function requestUrl(req) {
  try {
    const url = new URL(`${req.protocol}://${requestHost(req)}`);
    if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) return null;
    return new URL(url.origin + req.originalUrl);
  } catch {
    return null;
  }
}

/** Whether a post's Origin header names this site; none at all is let through, as before (old browsers, scripts). */
function sameOrigin(origin, host) {
  if (!origin) return true;
  try {
    return origin !== "null" && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** An upload's body as a stream for the app, counted as it arrives; it fails once it passes `limit`. */
function streamBody(req, limit) {
  let size = 0;
  return new ReadableStream(
    {
      start(controller) {
        req.on("data", (chunk) => {
          size += chunk.length;
          if (size > limit) {
            // The app reads this name (app/domain/files/receive-upload.server.ts) to say why.
            controller.error(Object.assign(new Error("body too large"), { name: "BodyTooLargeError" }));
            req.pause();
            return;
          }
          controller.enqueue(new Uint8Array(chunk));
          if (controller.desiredSize !== null && controller.desiredSize <= 0) req.pause();
        });
        req.on("end", () => {
          try {
            controller.close();
          } catch {
            /* already failed */
          }
        });
        req.on("error", (error) => {
          try {
            controller.error(error);
          } catch {
            /* already failed */
          }
        });
        req.on("aborted", () => {
          try {
            controller.error(new Error("client went away"));
          } catch {
            /* already failed */
          }
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        req.resume();
      },
    },
    { highWaterMark: 16 },
  );
}

/** Reads a request body, counting bytes as they arrive; null once it passes `limit` (reading stops there). */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const done = (value, error) => {
      req.off("data", onData).off("end", onEnd).off("error", onError);
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) done(null);
      else chunks.push(chunk);
    };
    const onEnd = () => done(Buffer.concat(chunks, size));
    const onError = (error) => done(null, error);
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}

function refuse(res, status, text, headers = {}) {
  res.status(status).set(headers).type("text/plain; charset=utf-8").send(text);
}

/**
 * 413 while the client may still be sending. The rest of the body is read and dropped for a
 * few seconds, so the client reads this answer (closing at once would reset the connection
 * under it and lose the answer), then the connection is cut.
 */
function refuseTooLarge(req, res) {
  req.resume();
  res.on("finish", () => {
    if (!req.complete) setTimeout(() => req.destroy(), 5000).unref();
  });
  refuse(res, 413, TOO_LARGE);
}

const TOO_LARGE = "Форма завелика. / The form is too large.";

// The app reads and checks every setting as its build loads (app/config/env.server.ts); this
// file takes its own from there (app/entry.server.tsx exports them) instead of reading the
// environment a second time.
let build;
try {
  build = await import(path.join(root, "build/server/index.js"));
} catch (error) {
  // A missing or invalid setting: its message says what to set.
  if (error?.name !== "ConfigurationError") throw error;
  console.error(`Rapid Response Centre tracker did not start.\n${error.message}`);
  process.exit(1);
}
const { port, host, trustProxy } = build.entry.module.listenSettings;
const app = express();
app.disable("x-powered-by");
if (trustProxy) app.set("trust proxy", true);
app.use(compression());

app.use((req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${res.locals.cspNonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  // Private status links must not leak to other sites; "no-referrer" would also make browsers
  // send `Origin: null` on form posts, which Remix refuses as cross-site.
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  // Pages take GET and form POSTs only; anything else is refused before Remix parses it.
  if (!["GET", "HEAD", "POST"].includes(req.method)) {
    res.status(405).set("Allow", "GET, HEAD, POST").type("text/plain; charset=utf-8").send("Method not allowed");
    return;
  }
  if (req.method === "POST") {
    // A form posted from another site, or with an Origin that is not a URL: refused here with
    // 403 (Remix's own check would answer the same post with a 500).
    if (!sameOrigin(req.headers.origin, requestHost(req))) {
      refuse(res, 403, "Cross-site form posts are not accepted.");
      return;
    }
    const type = String(req.headers["content-type"] ?? "")
      .split(";")[0]
      .trim()
      .toLowerCase();
    if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
      refuse(res, 415, "Send the form as a web form.");
      return;
    }
  }
  res.locals.upload = req.method === "POST" && UPLOAD_PATH.test(req.path) && /^multipart\/form-data/i.test(String(req.headers["content-type"] ?? ""));
  if (Number(req.headers["content-length"] ?? 0) > (res.locals.upload ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES)) {
    refuseTooLarge(req, res);
    return;
  }
  next();
});

app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));

// One store per request for what every loader of a page needs (app/utils/request-scope.server.ts).
const requestScope = (globalThis[Symbol.for("rrc.requestScope")] ??= new AsyncLocalStorage());
const handleRequest = createRequestHandler(build, "production");

app.all("*", async (req, res, next) => {
  try {
    const url = requestUrl(req);
    if (!url) {
      refuse(res, 400, "Bad request.");
      return;
    }
    let body;
    if (res.locals.upload) {
      body = streamBody(req, MAX_UPLOAD_BODY_BYTES);
      // The app may answer before the body ends (a refused file): read and drop the rest for a
      // few seconds so the browser sees the answer, then cut the connection.
      res.on("finish", () => {
        if (req.complete) return;
        req.removeAllListeners("data");
        req.resume();
        setTimeout(() => req.destroy(), 5000).unref();
      });
    } else if (req.method === "POST") {
      body = await readBody(req, MAX_BODY_BYTES);
      if (body === null) {
        refuseTooLarge(req, res);
        return;
      }
      const chars = await formChars(body, String(req.headers["content-type"]));
      if (chars === null) {
        refuse(res, 400, "The form could not be read.");
        return;
      }
      if (chars > MAX_FORM_CHARS) {
        refuse(res, 413, TOO_LARGE);
        return;
      }
    }
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) headers.append(name, one);
    }
    const request = new Request(url, { method: req.method, headers, body, signal: controller.signal, ...(res.locals.upload ? { duplex: "half" } : {}) });
    const loadContext = { clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: res.locals.cspNonce };
    const response = await requestScope.run(new Map(), () => handleRequest(request, loadContext));

    res.statusMessage = response.statusText;
    res.status(response.status);
    for (const [name, value] of response.headers) {
      if (name === "set-cookie") res.append(name, value);
      else res.setHeader(name, value);
    }
    // A signed-in visitor's pages (and their 403/404 pages) are never stored by the browser
    // or a proxy; a response that chose its own caching (the staff strings script) keeps it.
    if (SESSION_COOKIE.test(req.headers.cookie ?? "") && !response.headers.has("Cache-Control")) {
      res.setHeader("Cache-Control", "private, no-store");
    }
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  } catch (error) {
    next(error);
  }
});

/**
 * The characters of a form's names and values, or null when it cannot be read (a multipart
 * body without its boundary, or cut short). Url-encoded bodies always parse, and have no more
 * characters than bytes, so most are never parsed here.
 */
async function formChars(body, contentType) {
  const multipart = /^multipart\/form-data/i.test(contentType);
  if (!multipart && body.length <= MAX_FORM_CHARS) return body.length;
  let entries;
  try {
    entries = multipart ? await new Response(body, { headers: { "Content-Type": contentType } }).formData() : new URLSearchParams(body.toString("utf8"));
  } catch {
    return null;
  }
  let chars = 0;
  for (const [name, value] of entries) chars += 1 + name.length + (typeof value === "string" ? value.length : value.name.length);
  return chars;
}

const server = app.listen(port, host, () => {
  console.log(`Rapid Response Centre tracker: http://localhost:${port}`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
