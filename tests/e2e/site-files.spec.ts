// The files every browser and crawler asks a site for, served from public/ by the production
// server (server.mjs) with an hour of caching.
import { expect, test } from "./fixtures";

test("the icon is a real icon, and the pages name it", async ({ request, page }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toBe("image/x-icon");
  expect(icon.headers()["cache-control"]).toBe("public, max-age=3600");
  const bytes = await icon.body();
  // ICO: reserved 0, type 1 (icon), then one 16-byte entry per image: 16 and 32 px here.
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([0, 1, 2]);
  expect([bytes[6], bytes[22]]).toEqual([16, 32]);
  const last = 6 + 16;
  expect(bytes.readUInt32LE(last + 12) + bytes.readUInt32LE(last + 8)).toBe(bytes.length);

  const touch = await request.get("/apple-touch-icon.png");
  expect(touch.status()).toBe(200);
  expect(touch.headers()["content-type"]).toBe("image/png");
  expect((await touch.body()).subarray(1, 4).toString("ascii")).toBe("PNG");

  // The browser shows it: no failed request for an icon on a page.
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", "/favicon.ico");
  const shown = await page.evaluate(async () => {
    const image = new Image();
    image.src = "/favicon.ico";
    await image.decode();
    return [image.naturalWidth, image.naturalHeight];
  });
  expect(shown[0]).toBeGreaterThanOrEqual(16);
  expect(failed).toEqual([]);
});

test("robots.txt keeps crawlers out of the private status links and the staff pages", async ({ request }) => {
  const response = await request.get("/robots.txt");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/plain; charset=UTF-8");
  const rules = (await response.text()).split("\n").filter((line) => /^(User-agent|Allow|Disallow):/.test(line));
  expect(rules[0]).toBe("User-agent: *");
  for (const path of ["/s/", "/queue", "/requests/", "/cluster", "/dashboard", "/reports", "/admin", "/account"]) expect(rules).toContain(`Disallow: ${path}`);
  // The public pages stay open: the home page and the request form.
  expect(rules).toContain("Allow: /requests/new");
  expect(rules.filter((rule) => rule === "Disallow: /" || rule === "Disallow: /requests/new")).toEqual([]);
});
