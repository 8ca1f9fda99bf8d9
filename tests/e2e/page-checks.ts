// Every page the browser tests visit is recorded here, as the server sent it, for the checks
// that run after them (tests/e2e/visited-pages.check.ts): the W3C Nu validator on the server's
// HTML, axe-core and the 360 px width on each distinct state of a page. The tests themselves
// stay as they are; they only take `test` from ./fixtures, which adds this recorder.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page, TestInfo } from "@playwright/test";

export const PAGES_DIR = path.resolve("tests/.tmp/e2e/pages");
const INDEX = path.join(PAGES_DIR, "index.jsonl");

/**
 * - `document`: the body of a page load (any method, any status) as the browser received it;
 * - `fetched`: a page the app reached by a client-side navigation, fetched with the same cookies;
 * - `live`: what the page showed when its test let go of it (scripts' changes included).
 */
export type PageSource = "document" | "fetched" | "live";

export type VisitedPage = {
  url: string;
  method: string;
  status: number;
  source: PageSource;
  /** The test that visited it, for the failure messages. */
  test: string;
  /** File name under PAGES_DIR: the HTML's hash, so a page seen twice is stored once. */
  file: string;
};

/** Records the pages of every browser context opened while one test runs. */
export class PageRecorder {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly contexts = new Set<BrowserContext>();
  private readonly snapshotted = new WeakSet<Page>();
  private readonly visits: VisitedPage[] = [];

  constructor(private readonly testInfo: TestInfo) {}

  attach(browser: Browser) {
    const onContext = (context: BrowserContext) => this.watchContext(context);
    browser.on("context", onContext);
    return () => browser.off("context", onContext);
  }

  private track<T>(promise: Promise<T>) {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  private async drain() {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private watchContext(context: BrowserContext) {
    this.contexts.add(context);
    context.on("page", (page) => this.watchPage(context, page));
    // What a page shows at the end is taken just before its context closes.
    const close = context.close.bind(context);
    context.close = async (options) => {
      await this.letGo(context);
      return close(options);
    };
    context.on("close", () => this.contexts.delete(context));
  }

  private watchPage(context: BrowserContext, page: Page) {
    const close = page.close.bind(page);
    page.close = async (options) => {
      await this.snapshot(page);
      return close(options);
    };
    let documentUrl: string | null = null;
    page.on("request", (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documentUrl = request.url();
    });
    page.on("response", (response) => {
      const request = response.request();
      if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
      if (response.status() >= 300 && response.status() < 400) return;
      if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) return;
      this.track(
        response.body().then(
          (body) => this.record(body, { url: response.url(), method: request.method(), status: response.status(), source: "document" }),
          // The browser dropped the body (the page moved on at once): ask for it again.
          () => (request.method() === "GET" ? this.fetch(context, response.url()) : undefined),
        ),
      );
    });
    // A client-side navigation (Remix's <Link> with JavaScript on) loads no document: the
    // server's HTML for that address is fetched with the same cookies.
    page.on("framenavigated", (frame) => {
      if (frame !== page.mainFrame()) return;
      const url = frame.url();
      if (url === documentUrl || !url.startsWith("http")) return;
      documentUrl = url;
      this.track(this.fetch(context, url));
    });
  }

  private async fetch(context: BrowserContext, url: string) {
    const response = await context.request.get(url, { maxRedirects: 0 });
    if (response.status() >= 300 && response.status() < 400) return;
    if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) return;
    this.record(await response.body(), { url, method: "GET", status: response.status(), source: "fetched" });
  }

  private async snapshot(page: Page) {
    if (this.snapshotted.has(page) || page.isClosed()) return;
    this.snapshotted.add(page);
    const url = page.url();
    if (!url.startsWith("http")) return;
    try {
      const html = await page.content();
      this.record(Buffer.from(`<!DOCTYPE html>${html.replace(/^<!DOCTYPE html>/i, "")}`), { url, method: "GET", status: 200, source: "live" });
    } catch {
      // Mid-navigation: its document is recorded anyway.
    }
  }

  private async letGo(context: BrowserContext) {
    await Promise.all(context.pages().map((page) => this.snapshot(page)));
    await this.drain();
  }

  private record(body: Buffer, visit: Omit<VisitedPage, "test" | "file">) {
    // Two loads of one page differ only by their CSP nonce: one file for both.
    const same = body.toString("utf8").replace(/ nonce="[^"]*"/g, "");
    const file = `${createHash("sha256").update(same).digest("hex").slice(0, 20)}.html`;
    fs.mkdirSync(PAGES_DIR, { recursive: true });
    const target = path.join(PAGES_DIR, file);
    if (!fs.existsSync(target)) fs.writeFileSync(target, body);
    this.visits.push({ ...visit, test: this.testInfo.titlePath.slice(1).join(" › "), file });
  }

  /** After the test: what its still-open pages show, then the index. Contexts left open are closed. */
  async finish() {
    for (const context of [...this.contexts]) await context.close().catch(() => undefined);
    await this.drain();
    if (this.visits.length) fs.appendFileSync(INDEX, this.visits.map((visit) => JSON.stringify(visit)).join("\n") + "\n");
  }
}

/** Everything recorded in this run. */
export function visitedPages(): VisitedPage[] {
  if (!fs.existsSync(INDEX)) return [];
  return fs
    .readFileSync(INDEX, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as VisitedPage);
}

export function resetVisitedPages() {
  fs.rmSync(PAGES_DIR, { recursive: true, force: true });
}
