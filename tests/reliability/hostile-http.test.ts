// The production server against what a hostile tester sends over HTTP: redirect targets that
// would lead off-site, bodies that are too large in any transfer encoding, malformed Origin and
// Host headers and multipart bodies, saved views that cannot go into a header. Nothing gets a
// 500, nothing leaves the site, and a signed-in visitor's pages are never stored by a cache.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/demo-users.mjs";
import { buildIntake, intakeFormFields, seededRandom } from "../factories";
import { HOSTILE_TARGETS } from "../hostile-targets";
import { routeModules } from "../route-files";
import { type ProductionServer, cleanUp, formBody, freshDatabase, openReadOnly, startProductionServer } from "./server";

let server: ProductionServer;
let origin: string;
const cookies: Record<"admin" | "coordinator" | "member", string> = { admin: "", coordinator: "", member: "" };
const demo = { memberReference: "", otherReference: "", clusterSlug: "", userId: "", token: "", edrpou: "" };

type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; sentBytes: number };

/**
 * One request over a plain socket, with headers exactly as given (fetch would refuse or fix
 * some of them). `chunks` streams the body chunked until the answer arrives or they run out.
 * The connection is kept alive, as browsers keep it: the server then reads and drops what a
 * refused body still sends while the answer travels. (On `Connection: close` Node's server
 * shuts the socket as soon as its answer is written, and a client still sending may see the
 * reset before it reads the answer.)
 */
function raw(
  path: string,
  { method = "GET", headers = {}, body, chunks }: { method?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Iterable<Buffer> } = {},
): Promise<RawAnswer> {
  const { port } = new URL(origin);
  headers = { Connection: "keep-alive", ...headers };
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const request = http.request({ host: "127.0.0.1", port, path, method, headers, agent: false, setHost: !("Host" in headers) }, (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts), sentBytes });
        request.destroy();
      });
      response.on("error", reject);
    });
    // Once the server has answered and closed, writing the rest fails: that is expected.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    if (chunks) {
      const iterator = chunks[Symbol.iterator]();
      const pump = () => {
        while (!answered) {
          const next = iterator.next();
          if (next.done) return void request.end();
          sentBytes += next.value.length;
          if (!request.write(next.value)) return void request.once("drain", pump);
        }
      };
      pump();
    } else {
      if (body !== undefined) sentBytes = Buffer.byteLength(body);
      request.end(body);
    }
  });
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

async function signIn(email: string) {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { ...FORM, Origin: origin },
    body: formBody({ email, password: DEMO_PASSWORD }),
  });
  await response.arrayBuffer();
  expect(response.status, email).toBe(303);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

function get(path: string, cookie?: string) {
  return fetch(`${origin}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

beforeAll(async () => {
  const dbFile = await freshDatabase("hostile-http", { seed: true });
  const sqlite = openReadOnly(dbFile);
  try {
    const one = <T>(sql: string) => sqlite.prepare(sql).pluck().get() as T;
    demo.clusterSlug = "kyiv-iam";
    demo.memberReference = one<string>(`SELECT r.reference FROM Request r JOIN Cluster c ON c.id = r.assignedClusterId WHERE c.slug = 'kyiv-iam' LIMIT 1`);
    demo.otherReference = one<string>(
      `SELECT r.reference FROM Request r LEFT JOIN Cluster c ON c.id = r.assignedClusterId WHERE c.slug IS NOT 'kyiv-iam' LIMIT 1`,
    );
    demo.userId = one<string>(`SELECT id FROM User WHERE email = 'coordinator@rrc.example'`);
    demo.edrpou = one<string>(`SELECT edrpou FROM Enterprise LIMIT 1`);
  } finally {
    sqlite.close();
  }
  server = await startProductionServer(dbFile);
  origin = server.url;
  cookies.admin = await signIn("admin@rrc.example");
  cookies.coordinator = await signIn("coordinator@rrc.example");
  cookies.member = await signIn("member.kyiv-iam@rrc.example");
}, 180_000);

afterAll(async () => {
  await server?.stop();
  // Whatever was sent, the server logged no failure of its own.
  expect(server?.stderr() ?? "").not.toMatch(/Error|at .*\.js:\d+/);
  cleanUp();
});

describe("redirect targets", () => {
  it("never lead off-site and never get a 500, from the language switch and the sign-in form", { timeout: 60_000 }, async () => {
    for (const target of HOSTILE_TARGETS) {
      for (const [path, fields] of [
        ["/set-language", { lang: "en", redirectTo: target }],
        ["/login", { email: "coordinator@rrc.example", password: DEMO_PASSWORD, redirectTo: target }],
      ] as const) {
        const answer = await raw(path, { method: "POST", headers: FORM, body: formBody(fields) });
        expect(answer.status, `${path} ${JSON.stringify(target)}`).toBe(303);
        const location = String(answer.headers.location);
        expect(new URL(location, origin).origin, `${path} ${JSON.stringify(target)} → ${location}`).toBe(origin);
      }
    }
  });

  it("a saved view whose query holds CR/LF, NUL or emoji is stored as the link the answer redirects to", async () => {
    for (const query of ["?q=x\r\nSet-Cookie: a=1", "?q=\u0000", "?q=😀", "?status=NEW\r\n"]) {
      const answer = await raw("/queue", {
        method: "POST",
        headers: { ...FORM, Cookie: cookies.coordinator },
        body: formBody({ intent: "saveView", name: `Вид ${JSON.stringify(query)}`, query }),
      });
      expect(answer.status, JSON.stringify(query)).toBe(303);
      expect(String(answer.headers.location)).toMatch(/^\/queue[\x21-\x7e]*$/);
      expect(answer.headers["set-cookie"]).toBeUndefined();
    }
    const sqlite = openReadOnly(server.dbFile);
    try {
      const stored = sqlite.prepare(`SELECT query FROM SavedView`).pluck().all() as string[];
      expect(stored.length).toBe(4);
      for (const query of stored) expect(query).toMatch(/^(\?[\x21-\x7e]+)?$/);
    } finally {
      sqlite.close();
    }
  });
});

describe("bodies", () => {
  const chunkOf = (size: number, fill = "x") => Buffer.from(fill.repeat(size));
  function* endless(first: Buffer, chunk: Buffer, maxBytes: number) {
    yield first;
    for (let sent = first.length; sent < maxBytes; sent += chunk.length) yield chunk;
  }

  it("refuses a chunked body above the limit with 413 as it streams, before reading it all", async () => {
    const total = 256 * 1024 * 1024;
    const answer = await raw("/requests/new", {
      method: "POST",
      // Read while it is still sending, as a browser reads it.
      headers: { ...FORM, "Transfer-Encoding": "chunked" },
      chunks: endless(Buffer.from("description="), chunkOf(64 * 1024), total),
    });
    expect(answer.status).toBe(413);
    expect(answer.body.length).toBeLessThan(1000);
    // Answered while the client was still sending (what it sent meanwhile filled the sockets' buffers).
    expect(answer.sentBytes).toBeLessThan(total);
  });

  it("files a valid intake sent chunked, under the limit", async () => {
    const body = Buffer.from(formBody(intakeFormFields(buildIntake(seededRandom(11)))));
    const parts = [body.subarray(0, 100), body.subarray(100, 1000), body.subarray(1000)];
    const answer = await raw("/requests/new", { method: "POST", headers: { ...FORM, "Transfer-Encoding": "chunked", Origin: origin }, chunks: parts });
    expect(answer.status).toBe(303);
    expect(String(answer.headers.location)).toMatch(/^\/s\/[A-Za-z0-9_-]{43}\/submitted$/);
  });

  it("never echoes megabytes back into a page", async () => {
    // The worst characters for an echo: escaped in the markup and again in the page's data.
    for (const [path, field] of [
      ["/login", "redirectTo"],
      ["/login", "email"],
      ["/requests/new", "description"],
    ] as const) {
      const nearLimit = await raw(path, { method: "POST", headers: FORM, body: formBody({ [field]: '<"'.repeat(15_000) }) });
      expect(nearLimit.status, path).toBe(400);
      expect(nearLimit.body.length, `${path} ${field}`).toBeLessThan(1024 * 1024);

      const overLimit = await raw(path, { method: "POST", headers: FORM, body: formBody({ [field]: "<".repeat(250 * 1024) }) });
      expect(overLimit.status, path).toBe(413);
      expect(overLimit.body.length).toBeLessThan(1000);
      const manyFields = await raw(path, { method: "POST", headers: FORM, body: "a=&".repeat(80_000) });
      expect(manyFields.status, path).toBe(413);
    }
  });

  it("streams a document upload past the 256 KB form limit to its route only, and cuts one past the upload limit", { timeout: 120_000 }, async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(1024 * 1024, 7)]);
    const multipart = async (content: Buffer) => {
      const form = new FormData();
      form.append("file", new File([new Uint8Array(content)], "Акт огляду.pdf"));
      const response = new Response(form);
      return { type: response.headers.get("Content-Type")!, body: Buffer.from(await response.arrayBuffer()) };
    };
    const { type, body } = await multipart(pdf);
    const headers = { "Content-Type": type, Cookie: cookies.coordinator };
    const page = `/requests/${demo.memberReference}`;
    // The page itself takes documents with a message or a note, but its text keeps the 256 KB rule.
    const padded = new FormData();
    padded.append("intent", "note");
    padded.append("message", "<".repeat(300 * 1024));
    padded.append("file", new File([new Uint8Array(pdf)], "Акт огляду.pdf"));
    const paddedBody = new Response(padded);
    const tooMuchText = await raw(page, {
      method: "POST",
      headers: { "Content-Type": paddedBody.headers.get("Content-Type")!, Cookie: cookies.coordinator },
      body: Buffer.from(await paddedBody.arrayBuffer()),
    });
    expect(tooMuchText.status).toBe(413);
    // Pages that take no documents still read multipart forms whole, 256 KB at most.
    expect((await raw("/s/lost", { method: "POST", headers: { "Content-Type": type }, body })).status).toBe(413);
    const added = await raw(`${page}/files`, { method: "POST", headers, body });
    expect(added.status).toBe(303);
    expect(String(added.headers.location)).toBe(`${page}?files=added&count=1#files`);

    const sqlite = openReadOnly(server.dbFile);
    const fileId = sqlite
      .prepare(`SELECT f.id FROM RequestFile f JOIN Request r ON r.id = f.requestId WHERE r.reference = ?`)
      .pluck()
      .get(demo.memberReference) as string;
    sqlite.close();
    const download = await raw(`${page}/files/${fileId}`, { headers: { Cookie: cookies.coordinator } });
    expect(download.status).toBe(200);
    expect(download.body.equals(pdf)).toBe(true);
    expect(download.headers["content-security-policy"]).toBe("default-src 'none'; sandbox; frame-ancestors 'none'");
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("Акт огляду.pdf")}`);
    expect(download.headers["cache-control"]).toBe("private, no-store");
    // Another cluster's member: not found, whatever the id.
    expect((await raw(`/requests/${demo.otherReference}/files/${fileId}`, { headers: { Cookie: cookies.member } })).status).toBe(404);

    // 40 MB sent chunked: the app stops reading at 25 MB of files and says why; nothing is kept.
    const head = (await multipart(Buffer.from("%PDF-1.4\n"))).body;
    const boundary = type.split("boundary=")[1]!;
    const opening = head.subarray(0, head.indexOf(Buffer.from("%PDF")) + 9);
    const chunk = Buffer.alloc(256 * 1024, 1);
    function* big() {
      yield opening;
      for (let sent = 0; sent < 40 * 1024 * 1024; sent += chunk.length) yield chunk;
      yield Buffer.from(`\r\n--${boundary}--\r\n`);
    }
    const refused = await raw(`${page}/files`, { method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" }, chunks: big() });
    expect(refused.status).toBe(303);
    expect(String(refused.headers.location)).toMatch(/files=(fileTooLarge|submissionTooLarge)/);
    expect(refused.sentBytes).toBeLessThan(40 * 1024 * 1024);
    const after = openReadOnly(server.dbFile);
    expect(after.prepare(`SELECT COUNT(*) FROM RequestFile`).pluck().get()).toBe(1);
    after.close();
  });

  it("streams an intake filed with documents past the 256 KB form limit; its text fields keep that limit", { timeout: 60_000 }, async () => {
    const multipart = async (fields: Record<string, string | string[]>, file: Buffer) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
      form.append("file", new File([new Uint8Array(file)], "Перелік обладнання.pdf"));
      const response = new Response(form);
      return { type: response.headers.get("Content-Type")!, body: Buffer.from(await response.arrayBuffer()) };
    };
    const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2 * 1024 * 1024, 5)]);
    const fields = intakeFormFields(buildIntake(seededRandom(1403)));
    const filed = await multipart(fields, pdf);
    const answer = await raw("/requests/new", { method: "POST", headers: { "Content-Type": filed.type, Origin: origin }, body: filed.body });
    expect(answer.status).toBe(303);
    expect(String(answer.headers.location)).toMatch(/^\/s\/[A-Za-z0-9_-]{43}\/submitted$/);
    const sqlite = openReadOnly(server.dbFile);
    try {
      // This filing's: another request (a demo one) may carry the same title.
      const size = sqlite
        .prepare(`SELECT f.size FROM RequestFile f JOIN Request r ON r.id = f.requestId WHERE r.title = ? ORDER BY r.createdAt DESC LIMIT 1`)
        .pluck()
        .get(fields.title);
      expect(size).toBe(pdf.length);
    } finally {
      sqlite.close();
    }
    // The text beside the files: still 256 KB at most, refused as before.
    const padded = await multipart({ ...fields, description: "<".repeat(300 * 1024) }, Buffer.from("%PDF-1.4\n"));
    const refused = await raw("/requests/new", { method: "POST", headers: { "Content-Type": padded.type, Origin: origin }, body: padded.body });
    expect(refused.status).toBe(413);
    // Its page, never the text echoed back.
    expect(refused.body.length).toBeLessThan(10_000);
  });

  it("answers malformed and boundary-less multipart bodies with 400, and reads a valid one", async () => {
    const bad: [string, string][] = [
      ["multipart/form-data", "lang=en"],
      ["multipart/form-data; boundary=", "--\r\n"],
      ["multipart/form-data; boundary=xyz", "garbage"],
      ["multipart/form-data; boundary=xyz", '--xyz\r\nContent-Disposition: form-data; name="lang"\r\n\r\nen'],
      ["multipart/form-data; boundary=xyz", "--xyz\r\nContent-Disposition: form-data\r\n\r\nen\r\n--xyz--\r\n"],
    ];
    for (const [type, body] of bad) {
      for (const path of ["/set-language", "/requests/new", "/login"]) {
        const answer = await raw(path, { method: "POST", headers: { "Content-Type": type }, body });
        expect(answer.status, `${path} ${type} ${JSON.stringify(body)}`).toBe(400);
      }
    }
    const good = await raw("/set-language", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
      body: '--xyz\r\nContent-Disposition: form-data; name="lang"\r\n\r\nen\r\n--xyz\r\nContent-Disposition: form-data; name="redirectTo"\r\n\r\n/reports\r\n--xyz--\r\n',
    });
    expect(good.status).toBe(303);
    expect(good.headers.location).toBe("/reports");
  });
});

describe("headers", () => {
  it("answers a malformed Origin on a post with 403, not a 500", async () => {
    for (const value of ["http://[", "not a url", "http://a b", "://", "http://", "http://127.0.0.1:0:0", "file:///etc/passwd", "null", "http://ä.example"]) {
      const answer = await raw("/requests/new", { method: "POST", headers: { ...FORM, Origin: value }, body: "title=x" });
      expect(answer.status, value).toBe(403);
    }
  });

  it("answers a Host header that cannot be part of a URL with 400, not a 500", async () => {
    for (const value of ["a b", "[", "x/y", "x?y", "x#y", "user@x", "x:99999", "[::1"]) {
      for (const [method, path] of [
        ["GET", "/"],
        ["GET", "/requests/new"],
        ["POST", "/set-language"],
      ] as const) {
        const answer = await raw(path, {
          method,
          headers: { Host: value, ...(method === "POST" ? FORM : {}) },
          body: method === "POST" ? "lang=en" : undefined,
        });
        expect(answer.status, `${method} ${path} Host: ${value}`).toBe(400);
      }
    }
  });
});

describe("answers that refuse for now", () => {
  it("every 429 says when to come back: Retry-After on intake and on sign-in", async () => {
    const strict = await startProductionServer(server.dbFile, { INTAKE_RATE_LIMIT: "1/600" });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 2; i++) {
        const response = await fetch(`${strict.url}/requests/new`, { method: "POST", redirect: "manual", headers: FORM, body: "title=x" });
        await response.arrayBuffer();
        statuses.push(response.status);
        if (response.status === 429) expect(Number(response.headers.get("Retry-After")), "intake").toBeGreaterThan(0);
      }
      expect(statuses).toEqual([400, 429]);

      const signIn = () =>
        fetch(`${strict.url}/login`, {
          method: "POST",
          redirect: "manual",
          headers: FORM,
          body: formBody({ email: "nobody@rrc.example", password: "wrong-password" }),
        });
      for (let i = 0; i < 5; i++) expect((await signIn()).status).toBe(400);
      const waiting = await signIn();
      const page = await waiting.text();
      expect(waiting.status).toBe(429);
      expect(Number(waiting.headers.get("Retry-After")), "sign-in").toBeGreaterThan(0);
      expect(page).toContain("Спробуйте знову через 1 хв.");
    } finally {
      await strict.stop();
    }
  });
});

describe("caching of signed-in pages", () => {
  /** Every page route file, visited signed in; resource routes set their own caching. */
  const PAGES: Record<string, () => Array<[who: keyof typeof cookies, path: string, status: number]>> = {
    "$.tsx": () => [
      ["coordinator", "/no-such-page", 404],
      ["member", "/admin/no-such-page", 404],
    ],
    "_index.tsx": () => [["coordinator", "/", 200]],
    "login.tsx": () => [["coordinator", "/login", 302]],
    "requests.new.tsx": () => [["coordinator", "/requests/new", 200]],
    "cluster.tsx": () => [
      ["member", "/cluster", 200],
      ["coordinator", "/cluster", 403],
    ],
    "dashboard.tsx": () => [
      ["coordinator", "/dashboard", 200],
      ["member", "/dashboard", 403],
    ],
    "queue.tsx": () => [
      ["coordinator", "/queue", 200],
      ["coordinator", "/queue?status=NEW", 200],
      ["member", "/queue", 403],
    ],
    "reports.tsx": () => [
      ["member", "/reports", 200],
      ["coordinator", "/reports", 200],
    ],
    "requests.$reference.tsx": () => [
      ["coordinator", `/requests/${demo.memberReference}`, 200],
      ["member", `/requests/${demo.memberReference}`, 200],
      ["member", `/requests/${demo.otherReference}`, 404],
      ["coordinator", "/requests/RRC-0000-000000", 404],
    ],
    "enterprises.$edrpou.tsx": () => [
      ["coordinator", `/enterprises/${demo.edrpou}`, 200],
      ["coordinator", "/enterprises/99999999", 404],
      ["member", `/enterprises/${demo.edrpou}`, 403],
    ],
    "requests.$reference_.print.tsx": () => [
      ["coordinator", `/requests/${demo.memberReference}/print`, 200],
      ["member", `/requests/${demo.memberReference}/print?full=1`, 200],
      ["member", `/requests/${demo.otherReference}/print`, 404],
    ],
    "account.tsx": () => [
      ["coordinator", "/account", 200],
      ["member", "/account", 200],
    ],
    "forgot-password.tsx": () => [["coordinator", "/forgot-password", 200]],
    "reset-password.$token.tsx": () => [["coordinator", `/reset-password/${"x".repeat(43)}`, 404]],
    "s.lost.tsx": () => [["coordinator", "/s/lost", 200]],
    "admin.audit.tsx": () => [
      ["admin", "/admin/audit", 200],
      ["admin", "/admin/audit?kind=user&page=2", 200],
      ["coordinator", "/admin/audit", 403],
    ],
    "admin._index.tsx": () => [
      ["admin", "/admin", 200],
      ["coordinator", "/admin", 403],
    ],
    "admin.clusters._index.tsx": () => [
      ["admin", "/admin/clusters", 200],
      ["member", "/admin/clusters", 403],
    ],
    "admin.clusters.$slug.tsx": () => [
      ["admin", `/admin/clusters/${demo.clusterSlug}`, 200],
      ["admin", "/admin/clusters/no-such", 404],
    ],
    "admin.users._index.tsx": () => [["admin", "/admin/users", 200]],
    "admin.users.$id.tsx": () => [
      ["admin", `/admin/users/${demo.userId}`, 200],
      ["admin", "/admin/users/no-such", 404],
    ],
    "admin.outbox.tsx": () => [["admin", "/admin/outbox", 200]],
    "admin.exports.tsx": () => [["admin", "/admin/exports", 200]],
    "admin.replies._index.tsx": () => [
      ["admin", "/admin/replies", 200],
      ["coordinator", "/admin/replies", 403],
    ],
    "admin.replies.$id.tsx": () => [
      ["admin", "/admin/replies/no-such", 404],
      ["member", "/admin/replies/no-such", 403],
    ],
    "account_.notifications.tsx": () => [
      ["member", "/account/notifications", 200],
      ["coordinator", "/account/notifications", 200],
    ],
  };
  /** Not pages: they answer with a file, a redirect or JSON, and set their own Cache-Control. */
  const RESOURCES = [
    "healthz.ts",
    "i18n.staff.$locale.ts",
    "logout.tsx",
    "reports.download.ts",
    "reports.issued.$id.ts",
    "s.$token.tsx",
    "s.$token_.submitted.tsx",
    "set-language.ts",
    // Documents: uploads redirect back to their page; downloads set their own headers (tests/integration/files.test.ts).
    "requests.$reference_.files.ts",
    "requests.$reference_.files_.$fileId.ts",
    "s.$token_.files.ts",
    "s.$token_.files_.$fileId.ts",
    // The admin's record as CSV; staff sending a new status link (a POST that redirects).
    "admin.audit.download.ts",
    "requests.$reference_.status-link.ts",
    "requests.$reference_.files_.$fileId_.thumbnail.ts",
    "s.$token_.files_.$fileId_.thumbnail.ts",
  ];

  it("lists every route file as a page or a resource", async () => {
    const files = routeModules().map((route) => route.name);
    expect(files.filter((f) => !(f in PAGES) && !RESOURCES.includes(f))).toEqual([]);
  });

  it("sends private, no-store with every signed-in page, its 403 and 404, and its data", { timeout: 60_000 }, async () => {
    for (const [file, visits] of Object.entries(PAGES)) {
      for (const [who, path, status] of visits()) {
        for (const url of [path, `${path.split("?")[0] === "/" ? "/_root" : path.split("?")[0]}.data${path.includes("?") ? `?${path.split("?")[1]}` : ""}`]) {
          const response = await get(url, cookies[who]);
          await response.arrayBuffer();
          if (url === path) expect(response.status, `${file}: ${who} ${url}`).toBe(status);
          expect(response.headers.get("Cache-Control"), `${file}: ${who} ${url} (${response.status})`).toBe("private, no-store");
        }
      }
    }
  });

  it("leaves the caching of public pages and assets to them", async () => {
    const intake = await get("/requests/new");
    const html = await intake.text();
    expect(intake.status).toBe(200);
    expect(intake.headers.get("Cache-Control") ?? "").not.toMatch(/no-store/);
    const asset = html.match(/\/assets\/[^"]+\.js/)?.[0];
    expect(asset).toBeTruthy();
    for (const cookie of [undefined, cookies.coordinator]) {
      const response = await get(asset!, cookie);
      await response.arrayBuffer();
      expect(response.headers.get("Cache-Control")).toMatch(/immutable/);
    }
  });
});
