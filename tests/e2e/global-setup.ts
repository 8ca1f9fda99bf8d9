import { resetVisitedPages } from "./page-checks";

/**
 * Each run records its own pages. KEEP_VISITED_PAGES=1 keeps the last run's, to run the checks
 * alone on them: `KEEP_VISITED_PAGES=1 npx playwright test --no-deps visited-pages`.
 */
export default function globalSetup() {
  if (!process.env.KEEP_VISITED_PAGES) resetVisitedPages();
}
