// The production server: Express around the Remix build, with the client's address and a
// CSP nonce passed to loaders, security headers, compression and long-cached assets.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

// process.env is a live view of the C environment: every read of it calls into C++. Libraries
// read NODE_ENV in hot paths (TanStack Table once per table cell it creates), so the server reads
// a plain copy, taken once.
process.env = { ...process.env };

const root = path.dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const trustProxy = ["true", "1"].includes(process.env.TRUST_PROXY ?? "");
/** Larger form bodies are refused before they are read (the longest form is well under). */
const MAX_BODY_BYTES = 256 * 1024;

const build = await import(path.join(root, "build/server/index.js"));
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
    // A form posted from another site: refused here with 403 (Remix's own check would
    // answer the same post with a 500).
    const origin = req.headers.origin;
    const host = (trustProxy && req.headers["x-forwarded-host"]) || req.headers.host;
    if (origin && (origin === "null" || new URL(origin).host !== host)) {
      res.status(403).type("text/plain; charset=utf-8").send("Cross-site form posts are not accepted.");
      return;
    }
    const type = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
      res.status(415).type("text/plain; charset=utf-8").send("Send the form as a web form.");
      return;
    }
  }
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > MAX_BODY_BYTES) {
    res.status(413).type("text/plain; charset=utf-8").send("Форма завелика. / The form is too large.");
    return;
  }
  next();
});

app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));

// One store per request for what every loader of a page needs (app/utils/request-scope.server.ts).
const requestScope = (globalThis[Symbol.for("rrc.requestScope")] ??= new AsyncLocalStorage());

app.all(
  "*",
  (req, res, next) => requestScope.run(new Map(), next),
  createRequestHandler({
    build,
    mode: "production",
    getLoadContext: (req, res) => ({
      clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown",
      cspNonce: res.locals.cspNonce,
    }),
  }),
);

const server = app.listen(port, host, () => {
  console.log(`Rapid Response Centre tracker: http://localhost:${port}`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  });
}
