// Runs after every browser test (the "pages" project in playwright.config.ts), on every page
// they visited (recorded by tests/e2e/page-checks.ts): the server's HTML passes the W3C Nu
// validator, and each distinct state of a page has no axe-core violation and fits a 360 px screen.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { type Page, expect, test } from "@playwright/test";
import { routeModules } from "../route-files";
import { PAGES_DIR, type VisitedPage, visitedPages } from "./page-checks";
import { validateHtml } from "./vnu";

const PHONE = { width: 360, height: 640 };
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

type Role = "anonymous" | "member" | "coordinator" | "admin";

/** Who was signed in, as the page's header shows it. */
function roleOf(html: string): Role {
  const header = html.match(/<header class="site">[\s\S]*?<\/header>/)?.[0] ?? "";
  if (!header.includes('action="/logout"')) return "anonymous";
  if (header.includes('href="/admin"')) return "admin";
  if (header.includes('href="/cluster"')) return "member";
  return "coordinator";
}

/** Remix's flat route file names as address patterns (`s.$token_.submitted.tsx` → /s/x/submitted). */
function routePattern(file: string) {
  const segments = file
    .replace(/\.tsx$/, "")
    .split(".")
    .filter((segment) => segment !== "_index")
    .map((segment) => (segment === "$" ? ".*" : segment.startsWith("$") ? "[^/]+" : segment.replace(/_$/, "")));
  return new RegExp(`^/${segments.join("/")}$`);
}

/** Every page route (a route module with a component) and who must be seen on it. */
const MUST_VISIT: Record<string, Role[]> = {
  "_index.tsx": ["anonymous"],
  "login.tsx": ["anonymous"],
  "requests.new.tsx": ["anonymous"],
  "s.$token.tsx": ["anonymous"],
  "s.$token_.submitted.tsx": ["anonymous"],
  "$.tsx": ["anonymous", "coordinator"],
  "cluster.tsx": ["member"],
  "queue.tsx": ["coordinator", "admin"],
  "dashboard.tsx": ["coordinator", "admin"],
  "reports.tsx": ["member", "coordinator", "admin"],
  "requests.$reference.tsx": ["member", "coordinator", "admin"],
  "account_.notifications.tsx": ["member", "coordinator", "admin"],
  "admin._index.tsx": ["admin"],
  "admin.clusters._index.tsx": ["admin"],
  "admin.clusters.$slug.tsx": ["admin"],
  "admin.users._index.tsx": ["admin"],
  "admin.users.$id.tsx": ["admin"],
  "admin.outbox.tsx": ["admin"],
  "admin.exports.tsx": ["admin"],
  "admin.audit.tsx": ["admin"],
  "admin.replies._index.tsx": ["admin"],
  "admin.replies.$id.tsx": ["admin"],
  "account.tsx": ["member", "coordinator"],
  "enterprises.$edrpou.tsx": ["coordinator"],
  // The print view has no site header, so no role can be read off it (it counts as "anonymous"
  // here); every-page.spec.ts opens it as a member and a coordinator, and who may open it is
  // proved by tests/integration/authorization.test.ts.
  "requests.$reference_.print.tsx": ["anonymous"],
  "s.lost.tsx": ["anonymous"],
  "forgot-password.tsx": ["anonymous"],
  "reset-password.$token.tsx": ["anonymous"],
};

const rank = (file: string) => (file === "$.tsx" ? 99 : file.split("$").length);
const pageRoutes = routeModules()
  .filter((route) => route.name.endsWith(".tsx") && /export default/.test(fs.readFileSync(route.file, "utf8")))
  .map((route) => route.name)
  // Static segments before parameters, the catch-all last: /requests/new is not /requests/$reference.
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

type Seen = VisitedPage & { html: string; role: Role; route: string };

function load(): Seen[] {
  return visitedPages().map((visit) => {
    const html = fs.readFileSync(path.join(PAGES_DIR, visit.file), "utf8");
    const pathname = new URL(visit.url).pathname;
    const route = pageRoutes.find((file) => routePattern(file).test(pathname)) ?? "?";
    return { ...visit, html, role: roleOf(html), route };
  });
}

/**
 * What makes a page state another one for axe: its route and the kinds of element on it (tag,
 * class, role, type, state), without words, values, language or how many of each. The same rows
 * twice, or other words in the same elements, are not another state. Each route is also seen
 * once in each language (`language`), for the rules that read the words.
 */
function shapes(page: Seen) {
  const tags = withoutScripts(page.html)
    .match(/<[a-z][a-z0-9]*\b[^>]*>/g)
    ?.map((tag) => {
      const name = tag.match(/^<([a-z0-9]+)/)![1];
      const keep = [...tag.matchAll(/\s(class|role|type|open|hidden|aria-invalid)(?:="([^"]*)")?/g)].map((m) => `${m[1]}=${m[2] ?? ""}`);
      return `${name}[${keep.join(",")}]`;
    });
  const language = page.html.match(/<html lang="([^"]*)"/)?.[1];
  return [`${page.route} ${[...new Set(tags)].sort().join("")}`, `${page.route} ${language}`];
}

/** The page's own scripts are left out: the checks see the server's HTML as a browser lays it out. */
const withoutScripts = (html: string) => html.replace(/<script\b[\s\S]*?<\/script>/g, "");

/**
 * One phone-sized page, with axe-core loaded once, that shows each recorded page in turn:
 * `document.write` parses the whole document as a load would (the same results as a fresh load
 * of each page, measured on a full run; it is several times faster, since axe is not loaded and
 * compiled again for every page). The page's stylesheets are fetched from the running server.
 */
async function phoneScreen(page: Page, origin: string) {
  await page.route(`${origin}/__page-checks`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: "<!DOCTYPE html><title>checks</title>" }),
  );
  await page.goto(`${origin}/__page-checks`);
  await page.addScriptTag({ path: axePath });
  return {
    async width(html: string) {
      return page.evaluate(async (html) => {
        document.open();
        document.write(html);
        document.close();
        const sheets = [...document.querySelectorAll<HTMLLinkElement>("link[rel=stylesheet]")];
        const loaded = (link: HTMLLinkElement) =>
          new Promise((done) => {
            link.addEventListener("load", done);
            link.addEventListener("error", done);
          });
        await Promise.all(sheets.map((link) => link.sheet ?? loaded(link)));
        return document.documentElement.scrollWidth;
      }, withoutScripts(html));
    },
    async violations() {
      return page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
        const { violations } = await axe.run(document, { resultTypes: ["violations"] });
        return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
      });
    },
  };
}
type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[] }[] };

// Read when the first check runs, once every browser test has finished.
let recorded: Seen[] | undefined;
const visits = () => (recorded ??= load());
const where = (page: Seen) => `${page.url} (${page.role}, ${page.source}, ${page.status}) in «${page.test}»`;

test("every browser test takes `test` from ./fixtures, so its pages are recorded", () => {
  const specs = fs.readdirSync("tests/e2e").filter((file) => file.endsWith(".spec.ts"));
  const imports = (file: string) => [...fs.readFileSync(path.join("tests/e2e", file), "utf8").matchAll(/import\s*\{([^}]*)\}\s*from "@playwright\/test"/g)];
  const unrecorded = specs.filter((file) => imports(file).some((names) => /\btest\b/.test(names[1]!)));
  expect(unrecorded).toEqual([]);
});

test("the browser tests visit every page, as each role that may open it", () => {
  expect(Object.keys(MUST_VISIT).sort(), "a page route nobody has said who must visit").toEqual([...pageRoutes].sort());
  const missing = Object.entries(MUST_VISIT).flatMap(([route, roles]) =>
    roles.filter((role) => !visits().some((page) => page.route === route && page.role === role)).map((role) => `${route} as ${role}`),
  );
  expect(missing).toEqual([]);
});

test("every page the browser tests loaded arrived whole: no NUL byte, nothing after </html>", () => {
  const broken = visits()
    .filter((page) => page.source !== "live")
    .filter((page) => page.html.includes("\u0000") || !page.html.endsWith("</html>") || page.html.includes("<template"))
    .map(where);
  expect(broken).toEqual([]);
});

test("no page state has an axe-core violation or is wider than a 360 px screen", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ viewport: PHONE });
  const phone = await phoneScreen(await context.newPage(), baseURL!);
  // A page with a known violation and a too-wide box: the checks really see them.
  expect(
    await phone.width('<!DOCTYPE html><html lang="uk"><title>x</title><main><h1>x</h1><ul role="alert"><li>1</li></ul><div style="width:500px">x</div></main>'),
  ).toBeGreaterThan(PHONE.width);
  expect((await phone.violations()).map((v) => v.id)).toContain("listitem");

  const started = Date.now();
  const problems: string[] = [];
  // Each page as laid out (scripts left out) once; axe once per shape of page.
  const rendered = new Map<string, Seen>();
  for (const page of visits()) if (!rendered.has(withoutScripts(page.html))) rendered.set(withoutScripts(page.html), page);
  const checked = new Set<string>();
  let axed = 0;
  let axeTime = 0;
  for (const [html, page] of rendered) {
    const width = await phone.width(html);
    if (width > PHONE.width) problems.push(`${where(page)}: ${width} px wide`);
    const keys = shapes(page);
    if (keys.every((key) => checked.has(key))) continue;
    for (const key of keys) checked.add(key);
    axed += 1;
    const axeStarted = Date.now();
    for (const v of await phone.violations()) problems.push(`${where(page)}: ${v.impact} ${v.id} — ${v.help}\n  ${v.nodes.join("\n  ")}`);
    axeTime += Date.now() - axeStarted;
  }
  console.log(
    `page checks: ${rendered.size} pages laid out at 360 px and ${axed} page states through axe (${visits().length} visits) ` +
      `in ${Date.now() - started} ms, ${axeTime} ms of it axe`,
  );
  await context.close();
  expect(problems.join("\n\n")).toBe("");
});

/**
 * The validator runs in a Java process of its own from the start of these checks, while the
 * browser lays the pages out and axe reads them; its test, the last one, takes the results.
 */
function validateDocuments() {
  const documents = visits().filter((page) => page.source !== "live");
  const files = [...new Set(documents.map((page) => page.file))];
  // A page with known errors goes through with them: the validator really reports.
  const control = path.join(PAGES_DIR, "control-invalid.html");
  fs.writeFileSync(control, '<!DOCTYPE html><html lang="uk"><head><title>x</title></head><body><p id="a">1</p><p id="a">2</p></body></html>');
  const started = Date.now();
  const results = validateHtml([control, ...files.map((file) => path.join(PAGES_DIR, file))]).then((results) => {
    console.log(`page checks: ${files.length} documents validated in ${Date.now() - started} ms (beside the other checks)`);
    return results;
  });
  // Its test reports a failure; until then, it is no unhandled rejection.
  results.catch(() => undefined);
  return { documents, files, control, results };
}
let validation: ReturnType<typeof validateDocuments> | undefined;
test.beforeAll(() => {
  validation = validateDocuments();
});

test("the server's HTML of every visited page has no error (W3C Nu validator)", async () => {
  const { documents, files, control } = validation!;
  const results = await validation!.results;
  expect(
    results
      .get(control)!
      .map((m) => m.message)
      .join("\n"),
  ).toContain("Duplicate ID");
  const problems = files.flatMap((file) => {
    const messages = results.get(path.join(PAGES_DIR, file))!;
    if (!messages.length) return [];
    const page = documents.find((p) => p.file === file)!;
    return [`${where(page)}\n${messages.map((m) => `  line ${m.lastLine}: ${m.message}  ${JSON.stringify(m.extract ?? "")}`).join("\n")}`];
  });
  expect(problems.join("\n\n")).toBe("");
});
