// Reads the test counts out of vitest's and Playwright's closing lines (colour codes removed), so
// that `npm test`, which runs several suites side by side (scripts/run-together.mjs), can end on
// one plain line for them all: `N passed, N failed` (`, N skipped` when any were). CI logs
// are read for that line: neither tool's own totals have that form. Decision 048.

/** vitest: ` Tests  2 failed | 1860 passed | 1 skipped (1863)`. */
const VITEST = /^\s*Tests\s+((?:\d+ [a-z]+(?: \| )?)+)\s*\(\d+\)\s*$/;
/** Playwright's list reporter: `  78 passed (14.3m)`, `  1 failed`, `  2 flaky`, `  3 skipped`, `  4 did not run`. */
const PLAYWRIGHT = /^\s{2}(\d+) (passed|failed|flaky|skipped|did not run|interrupted)(?: \(.+\))?\s*$/;

/** Counts a script's output line by line; `totals()` gives what its closing lines said, or undefined. */
export function testCounter() {
  let vitest;
  const playwright = {};
  return {
    line(text) {
      const tests = VITEST.exec(text);
      if (tests) {
        vitest = {};
        for (const part of tests[1].split("|")) {
          const [count, kind] = part.trim().split(" ");
          vitest[kind] = Number(count);
        }
        return;
      }
      const summary = PLAYWRIGHT.exec(text);
      if (summary) playwright[summary[2]] = Number(summary[1]);
    },
    totals() {
      if (vitest) {
        return { passed: vitest.passed ?? 0, failed: vitest.failed ?? 0, skipped: (vitest.skipped ?? 0) + (vitest.todo ?? 0) };
      }
      if (!Object.keys(playwright).length) return undefined;
      return {
        // A flaky test passed on its retry; one that did not run was stopped by a failure before it.
        passed: (playwright.passed ?? 0) + (playwright.flaky ?? 0),
        failed: (playwright.failed ?? 0) + (playwright.interrupted ?? 0),
        skipped: (playwright.skipped ?? 0) + (playwright["did not run"] ?? 0),
      };
    },
  };
}

/** The one plain closing line for several suites' totals. */
export function totalsLine(totals) {
  const sum = (key) => totals.reduce((all, one) => all + one[key], 0);
  const skipped = sum("skipped");
  return `${sum("passed")} passed, ${sum("failed")} failed${skipped ? `, ${skipped} skipped` : ""}`;
}
