import { expect, signIn, test } from "./fixtures";

// React 18's Node renderer wrote a NUL byte (U+0000) wherever a multi-byte character straddled
// its 2 KB buffer, and Remix's streamed data landed after </html>. Both show on long pages full
// of Cyrillic; these pages are checked as the server sends them, byte for byte.
test("pages full of Cyrillic arrive without NUL bytes and end with </html>", async ({ browser }) => {
  const context = await browser.newContext();
  await signIn(context, "coordinator@rrc.example");
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await context.request.get(path, { headers });
    expect(response.status(), path).toBe(200);
    return { path, bytes: await response.body() };
  };
  const queue = await get("/queue?size=100");
  const references = [...new Set(queue.bytes.toString("utf8").match(/RRC-\d{4}-\d{6}/g))].slice(0, 12);
  expect(references.length).toBeGreaterThan(5);
  const pages = [
    queue,
    await get("/queue"),
    await get("/queue?size=50&sort=created&dir=asc"),
    await get("/requests/new"),
    ...(await Promise.all(references.map((reference) => get(`/requests/${reference}`)))),
    await get("/dashboard"),
    await get("/reports"),
  ];
  for (const { path, bytes } of pages) {
    expect(bytes.indexOf(0), `a NUL byte in ${path}`).toBe(-1);
    const html = bytes.toString("utf8");
    expect(html.slice(html.lastIndexOf("</html>")), `what follows </html> in ${path}`).toBe("</html>");
    expect(html, path).not.toContain("<template");
  }
  await context.close();
});
