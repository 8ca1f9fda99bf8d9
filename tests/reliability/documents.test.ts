// Pages as the production server sends them: whole documents (nothing after </html>), and
// nothing thrown by the renderer once a page has gone out (its time-out, firing after the end,
// once threw inside React).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProductionServer, cleanUp, freshDatabase, sleep, startProductionServer } from "./server";

/** The renderer's time-out (app/entry.server.tsx), and a little more. */
const AFTER_ABORT_DELAY_MS = 5_500;

let server: ProductionServer;

beforeAll(async () => {
  server = await startProductionServer(await freshDatabase("documents"));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  cleanUp();
});

describe("pages as the server sends them", () => {
  it("end with </html>, and the server stays quiet once they are sent", async () => {
    for (const [path, status] of [
      ["/", 200],
      ["/requests/new", 200],
      ["/login", 200],
      ["/no-such-page", 404],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, { headers: { Cookie: "lang=uk" } });
      expect(response.status, path).toBe(status);
      const html = await response.text();
      expect(html.slice(html.lastIndexOf("</html>")), `what follows </html> in ${path}`).toBe("</html>");
    }
    await sleep(AFTER_ABORT_DELAY_MS);
    expect(server.stderr()).toBe("");
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 30_000);
});
