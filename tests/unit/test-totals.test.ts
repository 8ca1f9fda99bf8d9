import { describe, expect, it } from "vitest";
import { testCounter, totalsLine } from "../../scripts/test-totals.mjs";

function read(output: string) {
  const counter = testCounter();
  for (const line of output.split("\n")) counter.line(line);
  return counter.totals();
}

describe("the one closing line of npm test", () => {
  it("adds up vitest's and Playwright's closing totals, a failure included, as `N passed, N failed`", () => {
    const vitest = read(
      [
        " ✓ tests/unit/sla.test.ts (12 tests) 40ms",
        "",
        " Test Files  1 failed | 73 passed (74)",
        "      Tests  1 failed | 1860 passed | 1 skipped (1862)",
        "   Start at  16:04:29",
        "   Duration  844.09s",
      ].join("\n"),
    );
    const playwright = read(
      [
        "  ✓  77 [pages] › tests/e2e/visited-pages.check.ts:177:1 › no page state … (1.3m)",
        "",
        "  1 failed",
        "    [browser] › tests/e2e/week.spec.ts:71:1 › a week of one request",
        "  1 flaky",
        "    [browser] › tests/e2e/queue.spec.ts:9:1 › the queue",
        "  76 passed (14.3m)",
      ].join("\n"),
    );
    expect(vitest).toEqual({ passed: 1860, failed: 1, skipped: 1 });
    expect(playwright).toEqual({ passed: 77, failed: 1, skipped: 0 });
    expect(totalsLine([vitest, playwright])).toBe("1937 passed, 2 failed, 1 skipped");
  });

  it("says 0 failed when all passed, and nothing of skips when there were none", () => {
    const suites = [read("      Tests  746 passed (746)"), read("  78 passed (12.1m)")];
    expect(totalsLine(suites)).toBe("824 passed, 0 failed");
  });

  it("finds no counts in output that has none, so the run says which suite printed none", () => {
    expect(read("Error: listen EADDRINUSE 127.0.0.1:3100\n Test Files  74 passed (74)")).toBeUndefined();
  });
});
