// The page checks (tests/e2e/visited-pages.check.ts) run the W3C Nu validator on Java. On a
// machine without Java they must fail and say what to install, never pass having checked nothing.
import { describe, expect, it } from "vitest";
import { requireJava, validateHtml } from "../e2e/vnu";

describe("the HTML validator without Java", () => {
  const noJava = { ...process.env, PATH: "/nonexistent", JAVA: undefined };

  it("refuses to run and names the package to install", () => {
    expect(() => requireJava(noJava)).toThrow(/need Java 17 or later[\s\S]*apt-get install default-jre-headless/);
  });

  it("reports no page as valid", async () => {
    await expect(validateHtml(["/tmp/any-page.html"], noJava)).rejects.toThrow(/need Java/);
  });
});
